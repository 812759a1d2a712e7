import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { useSandboxedApp, type Json } from '../../../test/sandbox-harness.ts';
import { useTestContext, type TestCitizen } from '../../../test/test-context.ts';
import { signBody } from '../../integrations/webhook-signature.ts';

/** Postal orders against the loopback carrier: outbox creation, faults, the signed status webhook. */
const t = useTestContext();
let cast: Cast;
let procedureCode: string;
let owner: TestCitizen;
let stranger: TestCitizen;
const h = useSandboxedApp(t, (s) => ({
  POSTAL_CARRIER_URL: s.settings.POSTAL_CARRIER_URL,
  POSTAL_CARRIER_TOKEN: s.settings.POSTAL_CARRIER_TOKEN,
  POSTAL_WEBHOOK_SECRET: s.settings.POSTAL_WEBHOOK_SECRET,
  INTEGRATION_TIMEOUT_MS: 300,
}));
const api = h.api;

beforeAll(async () => {
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
  owner = await t.newCitizen();
  stranger = await t.newCitizen();
});
const PICKUP = {
  kind: 'pickup',
  recipientName: 'Trần Thị Bình',
  recipientPhone: '0987654321',
  address: 'Số 5 Lê Lợi, phường Hạc Thành',
  feeAmount: 25000,
};

async function newPickup(code: string) {
  const r = await api('POST', `/api/dossiers/${code}/postal-orders`, cast.receiving.token, PICKUP);
  expect(r.status).toBe(201);
  return r.json as unknown as { id: string; status: string };
}

async function orders(code: string, token = cast.receiving.token) {
  const r = await api('GET', `/api/dossiers/${code}/postal-orders`, token);
  expect(r.status).toBe(200);
  return r.json as unknown as {
    id: string;
    status: string;
    waybillNumber: string | null;
    lastError: string | null;
    events: { status: string; note: string | null }[];
  }[];
}

async function outboxOf(orderId: string) {
  return t.db
    .selectFrom('outboxMessage')
    .select(['attempts', 'deadAt', 'processedAt', 'lastError'])
    .where('aggregateId', '=', orderId)
    .where('topic', '=', 'postal.create_order')
    .executeTakeFirstOrThrow();
}

async function postEvent(body: string, signature: string) {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/integrations/postal/events',
    headers: { 'content-type': 'application/json', 'motcua-signature': signature },
    payload: body,
  });
  return { status: res.statusCode, json: res.json<Json>() };
}

/** A carrier event signed at the test clock's time. */
function signed(waybill: string, status: string, options: { eventId?: string; location?: string } = {}) {
  return h.sandbox.postal.signedEvent(waybill, status, { ...options, at: t.now() });
}

async function createdOrder() {
  const d = await receiveAtCounter(t, cast, procedureCode);
  const order = await newPickup(d.code);
  await h.worker().drain();
  const [view] = await orders(d.code);
  if (!view?.waybillNumber) throw new Error('no waybill');
  return { code: d.code, orderId: order.id, waybill: view.waybillNumber };
}

describe('creating orders at the carrier', () => {
  it('stores the request, then the worker creates the order and keeps the waybill (success)', async () => {
    const d = await receiveAtCounter(t, cast, procedureCode);
    const order = await newPickup(d.code);
    expect(order.status).toBe('requested');
    expect(h.sandbox.postal.received).toHaveLength(0); // nothing is sent inside the transaction
    await h.worker().drain();
    const [view] = await orders(d.code);
    expect(view).toMatchObject({ status: 'created', lastError: null });
    expect(view?.waybillNumber).toMatch(/^EK\d{8}VN$/);
    expect(view?.events.map((e) => e.status)).toEqual(['requested', 'created']);
    const sent = h.sandbox.postal.received[0];
    expect(sent?.authorization).toBe('Bearer sandbox-postal-token');
    expect(sent?.body).toMatchObject({ reference: order.id, dossierCode: d.code, service: 'THU_GOM' });
  });

  it('retries after a 5xx answer and creates the order once', async () => {
    const d = await receiveAtCounter(t, cast, procedureCode);
    h.sandbox.postal.faults.failNext({ kind: 'status', status: 503 }, 2);
    const order = await newPickup(d.code);
    await h.worker().runOnce();
    const [pending] = await orders(d.code);
    expect(pending).toMatchObject({ status: 'requested' });
    expect(pending?.lastError).toContain('HTTP 503');
    await h.worker().drain();
    expect((await orders(d.code))[0]).toMatchObject({ status: 'created', lastError: null });
    expect(await outboxOf(order.id)).toMatchObject({ attempts: 3, deadAt: null });
    expect(h.sandbox.postal.orders.size).toBe(1);
  });

  it('retries after a timeout; the carrier answers the retry with the same waybill (reference)', async () => {
    const d = await receiveAtCounter(t, cast, procedureCode);
    h.sandbox.postal.faults.failNext({ kind: 'delay', ms: 600 });
    const order = await newPickup(d.code);
    await h.worker().runOnce();
    expect((await orders(d.code))[0]?.lastError).toContain('no answer within 300 ms');
    await new Promise((r) => setTimeout(r, 400)); // the slow request completes at the carrier
    await h.worker().drain();
    const [view] = await orders(d.code);
    expect(view?.status).toBe('created');
    expect(h.sandbox.postal.orders.size).toBe(1);
    expect([...h.sandbox.postal.orders.keys()]).toEqual([view?.waybillNumber]);
    expect(await outboxOf(order.id)).toMatchObject({ attempts: 2 });
  });

  it('a permanent refusal dead-letters the message at once and marks the order rejected', async () => {
    const d = await receiveAtCounter(t, cast, procedureCode);
    h.sandbox.postal.faults.failNext({ kind: 'status', status: 422, body: '{"error":"bad address"}' });
    const order = await newPickup(d.code);
    await h.worker().drain();
    const message = await outboxOf(order.id);
    expect(message.attempts).toBe(1);
    expect(message.deadAt).not.toBeNull();
    const [view] = await orders(d.code);
    expect(view?.status).toBe('rejected');
    expect(view?.waybillNumber).toBeNull();
    expect(view?.events.map((e) => e.status)).toEqual(['requested', 'rejected']);
  });

  it('cancels a created order at the carrier too', async () => {
    const { code, orderId, waybill } = await createdOrder();
    const r = await api(
      'POST',
      `/api/dossiers/${code}/postal-orders/${orderId}/cancel`,
      cast.receiving.token,
    );
    expect(r.status).toBe(200);
    expect(r.json['status']).toBe('cancelled');
    await h.worker().drain();
    expect(h.sandbox.postal.cancelled).toEqual([waybill]);
    const again = await api(
      'POST',
      `/api/dossiers/${code}/postal-orders/${orderId}/cancel`,
      cast.receiving.token,
    );
    expect(again.status).toBe(409);
  });

  it('refuses a delivery before the result is issued, and a second open pickup', async () => {
    const d = await receiveAtCounter(t, cast, procedureCode);
    const delivery = await api('POST', `/api/dossiers/${d.code}/postal-orders`, cast.receiving.token, {
      ...PICKUP,
      kind: 'delivery',
    });
    expect(delivery.status).toBe(409);
    await newPickup(d.code);
    const second = await api('POST', `/api/dossiers/${d.code}/postal-orders`, cast.receiving.token, PICKUP);
    expect(second.status).toBe(409);
    const bad = await api('POST', `/api/dossiers/${d.code}/postal-orders`, cast.receiving.token, {
      ...PICKUP,
      feeAmount: -1,
    });
    expect(bad.status).toBe(400);
    expect(await orders(d.code)).toHaveLength(1);
  });
});

describe('status webhook of the carrier', () => {
  it('records each status on the dossier timeline; a duplicate event is ignored', async () => {
    const { code, waybill } = await createdOrder();
    const picked = signed(waybill, 'picked_up', {
      eventId: 'e-1',
      location: 'Bưu cục Hạc Thành',
    });
    const first = await postEvent(picked.body, picked.signature);
    expect(first).toMatchObject({ status: 200, json: { status: 'picked_up', isDuplicate: false } });
    const repeat = await postEvent(picked.body, picked.signature);
    expect(repeat).toMatchObject({ status: 200, json: { status: 'picked_up', isDuplicate: true } });
    const transit = signed(waybill, 'in_transit', { eventId: 'e-2' });
    await postEvent(transit.body, transit.signature);
    const delivered = signed(waybill, 'delivered', { eventId: 'e-3' });
    await postEvent(delivered.body, delivered.signature);
    // A late event of an earlier stage is recorded but does not move the order back.
    const late = signed(waybill, 'in_transit', { eventId: 'e-4' });
    expect((await postEvent(late.body, late.signature)).json['status']).toBe('delivered');
    const [view] = await orders(code);
    expect(view?.status).toBe('delivered');
    expect(view?.events.map((e) => e.status)).toEqual([
      'requested',
      'created',
      'picked_up',
      'in_transit',
      'delivered',
      'in_transit',
    ]);
  });

  it('rejects a bad or missing signature with 401 and changes nothing', async () => {
    const { code, waybill } = await createdOrder();
    const event = signed(waybill, 'delivered', { eventId: 'e-bad' });
    const forged = signBody('not-the-carrier-secret-0123456789', event.body, t.now());
    expect((await postEvent(event.body, forged)).status).toBe(401);
    expect((await postEvent(event.body, '')).status).toBe(401);
    const tampered = event.body.replace('delivered', 'returned');
    expect((await postEvent(tampered, event.signature)).status).toBe(401);
    const [view] = await orders(code);
    expect(view?.status).toBe('created');
    expect(view?.events.map((e) => e.status)).toEqual(['requested', 'created']);
  });

  it('answers 404 for an unknown waybill', async () => {
    const event = signed('EK00000000VN', 'delivered');
    expect((await postEvent(event.body, event.signature)).status).toBe(404);
  });
});

describe('delivery of the result', () => {
  it('a delivered result is recorded; the receiving officer then returns it by post with the waybill', async () => {
    const d0 = await receiveAtCounter(t, cast, procedureCode);
    const code = d0.code;
    let d = await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 });
    d = await mustAct(t, cast.divisionHead.token, code, {
      action: 'complete_step',
      expectedVersion: d.version,
      assigneeId: cast.specialist.id,
    });
    d = await mustAct(t, cast.specialist.token, code, {
      action: 'complete_step',
      expectedVersion: d.version,
    });
    d = await mustAct(t, cast.leader.token, code, { action: 'approve', expectedVersion: d.version });
    d = await mustAct(t, cast.clerk.token, code, {
      action: 'issue_result',
      expectedVersion: d.version,
      resultNumber: '125/GPXD',
      summary: 'Giấy phép xây dựng số 125/GPXD',
    });
    expect(d.status).toBe('result_ready');
    const created = await api('POST', `/api/dossiers/${code}/postal-orders`, cast.receiving.token, {
      ...PICKUP,
      kind: 'delivery',
    });
    expect(created.status).toBe(201);
    await h.worker().drain();
    const [order] = await orders(code);
    expect(h.sandbox.postal.received[0]?.body).toMatchObject({ service: 'PHAT_HANH_CHINH_CONG' });
    const waybill = order?.waybillNumber ?? '';
    const delivered = signed(waybill, 'delivered', { eventId: `dlv-${waybill}` });
    expect((await postEvent(delivered.body, delivered.signature)).json['status']).toBe('delivered');
    // Recorded, not returned automatically: the dossier is still waiting for the officer.
    const still = await api('GET', `/api/dossiers/${code}`, cast.receiving.token);
    expect(still.json['status']).toBe('result_ready');
    const returned = await mustAct(t, cast.receiving.token, code, {
      action: 'return_result',
      expectedVersion: still.json['version'],
      method: 'postal',
      receiverName: 'Trần Thị Bình',
      waybillNumber: waybill,
    });
    expect(returned.status).toBe('returned');
    expect(returned['returnMethod']).toBe('postal');
  });
});

describe('authorisation', () => {
  it('officers of other units cannot create or read orders; citizens see only their own', async () => {
    t.setNow('2026-03-02T09:30:00+07:00');
    const online = await api('POST', '/api/dossiers', owner.token, {
      procedureCode,
      applicant: {
        kind: 'citizen',
        fullName: 'Phạm Thị Dung',
        idNumber: owner.idNumber,
        phone: '0901234567',
      },
      components: ['don', 'ban-ve', 'giay-to-dat'].map((c) => ({
        code: c,
        isProvided: true,
        isReused: true,
      })),
    });
    expect(online.status).toBe(201);
    const code = online.json['code'] as string;
    await mustAct(t, cast.receiving.token, code, { action: 'accept', expectedVersion: 1 });
    await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 2 });
    const order = await newPickup(code);
    await h.worker().drain();

    expect(
      (await api('POST', `/api/dossiers/${code}/postal-orders`, cast.outsider.token, PICKUP)).status,
    ).toBe(404);
    expect((await api('GET', `/api/dossiers/${code}/postal-orders`, cast.outsider.token)).status).toBe(404);
    // A specialist who can see the dossier is not the receiving officer of its receiving unit.
    const visibleToSpecialist = await api('GET', `/api/dossiers/${code}`, cast.specialist.token);
    expect(visibleToSpecialist.status).toBe(200);
    expect(
      (await api('POST', `/api/dossiers/${code}/postal-orders`, cast.specialist.token, PICKUP)).status,
    ).toBe(403);
    expect(
      (await api('POST', `/api/dossiers/${code}/postal-orders/${order.id}/cancel`, cast.outsider.token))
        .status,
    ).toBe(404);
    expect((await api('GET', `/api/dossiers/${code}/postal-orders`, stranger.token)).status).toBe(404);
    expect((await api('GET', `/api/dossiers/${code}/postal-orders`)).status).toBe(401);
    expect((await api('POST', `/api/dossiers/${code}/postal-orders`, owner.token, PICKUP)).status).toBe(403);

    const mine = await orders(code, owner.token);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.status).toBe('created');
    expect(mine[0]?.lastError).toBeNull();
    // Citizens see the carrier's statuses, not our internal "requested" step.
    expect(mine[0]?.events.map((e) => e.status)).toEqual(['created']);
  });
});
