import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { useSandboxedApp, type Json } from '../../../test/sandbox-harness.ts';
import { useTestContext, type TestCitizen } from '../../../test/test-context.ts';
import { signBody } from '../../integrations/webhook-signature.ts';

/** Inter-agency document exchange: in-process delivery, the loopback hub, signed inbound pushes. */
const t = useTestContext();
let cast: Cast;
let procedureCode: string;
let owner: TestCitizen;
const h = useSandboxedApp(t, (s) => ({
  DOCUMENT_EXCHANGE_URL: s.settings.DOCUMENT_EXCHANGE_URL,
  DOCUMENT_EXCHANGE_TOKEN: s.settings.DOCUMENT_EXCHANGE_TOKEN,
  DOCUMENT_EXCHANGE_INBOUND_SECRET: s.settings.DOCUMENT_EXCHANGE_INBOUND_SECRET,
  INTEGRATION_TIMEOUT_MS: 300,
}));
const api = h.api;

beforeAll(async () => {
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
  owner = await t.newCitizen();
});
async function push(payload: Record<string, unknown>, secret?: string) {
  const call = h.sandbox.exchange.signedPush(payload, t.now());
  const body = call.body;
  const signature = secret ? signBody(secret, body, t.now()) : call.signature;
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/integrations/exchange/inbound',
    headers: { 'content-type': 'application/json', 'motcua-signature': signature },
    payload: body,
  });
  return { status: res.statusCode, json: res.json<Json>() };
}

function letter(extra: Record<string, unknown>) {
  return {
    senderUnitId: cast.tree.provinceCentre.id,
    documentNumber: '12/TTPVHCC-VP',
    summary: 'Đề nghị phối hợp xác minh hồ sơ',
    ...extra,
  };
}

async function send(code: string, extra: Record<string, unknown>) {
  return api('POST', `/api/dossiers/${code}/exchanged-documents`, cast.receiving.token, letter(extra));
}

async function docs(code: string) {
  const r = await api('GET', `/api/dossiers/${code}/exchanged-documents`, cast.receiving.token);
  expect(r.status).toBe(200);
  return r.json as unknown as { id: string; status: string; lastError: string | null; isExternal: boolean }[];
}

async function outboxOf(id: string) {
  return t.db
    .selectFrom('outboxMessage')
    .select(['attempts', 'deadAt'])
    .where('aggregateId', '=', id)
    .where('topic', '=', 'exchange.send')
    .executeTakeFirstOrThrow();
}

describe('between units of ours (in-process)', () => {
  it('delivers to the unit inbox at once; the recipient accepts or rejects with a reason', async () => {
    const d = await receiveAtCounter(t, cast, procedureCode);
    const sent = await send(d.code, { recipientUnitId: cast.tree.department.id });
    expect(sent.status).toBe(201);
    expect(sent.json).toMatchObject({ status: 'sent', isExternal: false, dossierCode: d.code });
    await h.worker().drain();
    expect(h.sandbox.exchange.received).toHaveLength(0);

    const inbox = await api('GET', '/api/exchange/inbox', cast.divisionHead.token);
    expect(inbox.json.map((x) => x.id)).toContain(sent.json['id']);
    expect(
      (await api('GET', '/api/exchange/inbox', cast.outsider.token)).json.map((x) => x.id),
    ).not.toContain(sent.json['id']);

    const url = `/api/exchange/documents/${String(sent.json['id'])}/acknowledge`;
    expect((await api('POST', url, cast.outsider.token, { status: 'received' })).status).toBe(404);
    expect((await api('POST', url, cast.divisionHead.token, { status: 'rejected' })).status).toBe(400);
    expect((await api('POST', url, cast.divisionHead.token, { status: 'received' })).json['status']).toBe(
      'received',
    );
    const rejected = await api('POST', url, cast.divisionHead.token, {
      status: 'rejected',
      reason: 'Thiếu bản vẽ thiết kế',
    });
    expect(rejected.json).toMatchObject({ status: 'rejected', rejectReason: 'Thiếu bản vẽ thiết kế' });
    expect((await api('POST', url, cast.divisionHead.token, { status: 'accepted' })).status).toBe(409);
    expect((await docs(d.code))[0]).toMatchObject({ status: 'rejected' });
  });
});

describe('to outside agencies through the hub', () => {
  it('sends through the outbox and records the hub id (success); the hub acknowledges, once', async () => {
    const d = await receiveAtCounter(t, cast, procedureCode);
    const sent = await send(d.code, { recipientAgencyCode: 'G01.BTP' });
    expect(sent.json).toMatchObject({ status: 'queued', isExternal: true });
    await h.worker().drain();
    expect((await docs(d.code))[0]).toMatchObject({ status: 'sent', lastError: null });
    const atHub = h.sandbox.exchange.received[0];
    expect(atHub?.authorization).toBe('Bearer sandbox-exchange-token');
    expect(atHub?.body).toMatchObject({
      reference: sent.json['id'],
      recipientAgencyCode: 'G01.BTP',
      senderAgencyCode: cast.tree.provinceCentre.agencyCode,
      dossierCode: d.code,
    });
    const ack = { type: 'ack', id: atHub?.id, status: 'accepted' };
    expect(await push(ack)).toMatchObject({ status: 200, json: { status: 'accepted', isDuplicate: false } });
    expect(await push(ack)).toMatchObject({ status: 200, json: { status: 'accepted', isDuplicate: true } });
    expect((await docs(d.code))[0]).toMatchObject({ status: 'accepted' });
  });

  it('retries after 5xx and after a timeout, sending the document once', async () => {
    const d = await receiveAtCounter(t, cast, procedureCode);
    h.sandbox.exchange.faults.failNext({ kind: 'status', status: 502 });
    h.sandbox.exchange.faults.failNext({ kind: 'delay', ms: 600 });
    const sent = await send(d.code, { recipientAgencyCode: 'G01.BTP' });
    await h.worker().runOnce();
    expect((await docs(d.code))[0]?.lastError).toContain('HTTP 502');
    await h.worker().runOnce();
    expect((await docs(d.code))[0]?.lastError).toContain('no answer within 300 ms');
    await new Promise((r) => setTimeout(r, 400));
    await h.worker().drain();
    expect((await docs(d.code))[0]).toMatchObject({ status: 'sent', lastError: null });
    expect(h.sandbox.exchange.received).toHaveLength(1);
    expect(await outboxOf(sent.json['id'] as string)).toMatchObject({ attempts: 3, deadAt: null });
  });

  it('a permanent refusal of the hub dead-letters the message and marks the document failed', async () => {
    const d = await receiveAtCounter(t, cast, procedureCode);
    const sent = await send(d.code, { recipientAgencyCode: 'UNKNOWN.AGENCY' });
    await h.worker().drain();
    const message = await outboxOf(sent.json['id'] as string);
    expect(message.attempts).toBe(1);
    expect(message.deadAt).not.toBeNull();
    expect((await docs(d.code))[0]?.status).toBe('failed');
  });
});

describe('documents pushed by the hub', () => {
  it('appear in the receiving unit inbox once; our acknowledgement goes back to the hub', async () => {
    const d = await receiveAtCounter(t, cast, procedureCode);
    const inbound = {
      type: 'document',
      id: `lgsp-in-${d.code}`,
      senderAgencyCode: 'G01.BTP',
      senderName: 'Bộ Tư pháp',
      recipientAgencyCode: cast.tree.department.agencyCode,
      documentNumber: '45/BTP-HCTP',
      summary: 'Trả lời đề nghị xác minh',
      dossierCode: d.code,
    };
    const first = await push(inbound);
    expect(first).toMatchObject({ status: 200, json: { isDuplicate: false, status: 'sent' } });
    expect((await push(inbound)).json).toMatchObject({
      isDuplicate: true,
      documentId: first.json['documentId'],
    });
    const inbox = await api('GET', '/api/exchange/inbox', cast.specialist.token);
    expect(inbox.json.filter((x) => x.id === first.json['documentId'])).toHaveLength(1);
    expect((await docs(d.code)).map((x) => x.id)).toContain(first.json['documentId']);
    const ack = await api(
      'POST',
      `/api/exchange/documents/${String(first.json['documentId'])}/acknowledge`,
      cast.specialist.token,
      { status: 'received' },
    );
    expect(ack.status).toBe(200);
    await h.worker().drain();
    expect(h.sandbox.exchange.acks).toEqual([{ id: inbound.id, status: 'received', reason: null }]);
  });

  it('rejects a bad signature with 401 and stores nothing; an unknown recipient is 404', async () => {
    const payload = {
      type: 'document',
      id: 'lgsp-forged',
      senderAgencyCode: 'G01.BTP',
      senderName: 'Bộ Tư pháp',
      recipientAgencyCode: cast.tree.department.agencyCode,
      documentNumber: '1/X',
      summary: 'Giả mạo',
    };
    expect((await push(payload, 'not-the-hub-secret-0123456789')).status).toBe(401);
    const stored = await t.db
      .selectFrom('exchangedDocument')
      .select('id')
      .where('externalId', '=', 'lgsp-forged')
      .execute();
    expect(stored).toHaveLength(0);
    expect((await push({ ...payload, recipientAgencyCode: 'NO.SUCH.UNIT' })).status).toBe(404);
  });
});

describe('authorisation', () => {
  it('officers who cannot see the dossier cannot send or read; citizens cannot read', async () => {
    const d = await receiveAtCounter(t, cast, procedureCode);
    await send(d.code, { recipientUnitId: cast.tree.department.id });
    const url = `/api/dossiers/${d.code}/exchanged-documents`;
    expect((await api('GET', url, cast.outsider.token)).status).toBe(404);
    expect((await api('GET', url, cast.otherSpecialist.token)).status).toBe(404);
    const foreign = await api('POST', url, cast.outsider.token, {
      ...letter({ recipientUnitId: cast.tree.department.id }),
      senderUnitId: cast.tree.otherCommuneSection.id,
    });
    expect(foreign.status).toBe(404);
    // Sending on behalf of a unit the officer does not belong to.
    const notMine = await api('POST', url, cast.receiving.token, {
      ...letter({ recipientUnitId: cast.tree.department.id }),
      senderUnitId: cast.tree.department.id,
    });
    expect(notMine.status).toBe(403);
    expect((await api('GET', url, owner.token)).status).toBe(403);
    expect((await api('GET', url)).status).toBe(401);
    expect((await docs(d.code)).length).toBe(1);
  });
});
