import { parseVietQrPayload } from '@motcua/domain';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCast, mustAct, type Cast } from '../../../test/dossier-helpers.ts';
import { useSandboxedApp, type Json } from '../../../test/sandbox-harness.ts';
import { useTestContext, type TestCitizen } from '../../../test/test-context.ts';
import { signBody } from '../../integrations/webhook-signature.ts';
import { reconcilePayments, reconcilePaymentsJob } from './payment.service.ts';

/** Payments against the sandbox gateway: requests, IPN, reconciliation, counter cash, authorisation. */
const t = useTestContext();
let cast: Cast;
let procedureCode: string;
let owner: TestCitizen;
let stranger: TestCitizen;
const h = useSandboxedApp(t, (s) => ({
  PAYMENT_GATEWAY_URL: s.settings.PAYMENT_GATEWAY_URL,
  PAYMENT_GATEWAY_MERCHANT: s.settings.PAYMENT_GATEWAY_MERCHANT,
  PAYMENT_GATEWAY_SECRET: s.settings.PAYMENT_GATEWAY_SECRET,
  VIETQR_BANK_BIN: s.settings.VIETQR_BANK_BIN,
  VIETQR_ACCOUNT_NUMBER: s.settings.VIETQR_ACCOUNT_NUMBER,
  VIETQR_ACCOUNT_NAME: s.settings.VIETQR_ACCOUNT_NAME,
  INTEGRATION_TIMEOUT_MS: 300,
}));
const api = h.api;

beforeAll(async () => {
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
  owner = await t.newCitizen();
  stranger = await t.newCitizen();
});

const OBLIGATION = 1_250_000;

/** An online dossier of `owner`, taken to awaiting_obligation by the specialist. */
async function awaitingObligation(): Promise<string> {
  t.setNow('2026-03-02T09:30:00+07:00');
  const online = await api('POST', '/api/dossiers', owner.token, {
    procedureCode,
    applicant: { kind: 'citizen', fullName: 'Phạm Thị Dung', idNumber: owner.idNumber, phone: '0901234567' },
    components: ['don', 'ban-ve', 'giay-to-dat'].map((c) => ({ code: c, isProvided: true, isReused: true })),
  });
  expect(online.status).toBe(201);
  const code = online.json['code'] as string;
  let d = await mustAct(t, cast.receiving.token, code, { action: 'accept', expectedVersion: 1 });
  d = await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: d.version });
  d = await mustAct(t, cast.divisionHead.token, code, {
    action: 'complete_step',
    expectedVersion: d.version,
    assigneeId: cast.specialist.id,
  });
  d = await mustAct(t, cast.specialist.token, code, {
    action: 'request_obligation',
    expectedVersion: d.version,
    description: 'Nộp lệ phí trước bạ',
    amount: OBLIGATION,
  });
  expect(d.status).toBe('awaiting_obligation');
  return code;
}

type RequestJson = {
  id: string;
  reference: string;
  status: string;
  amount: number;
  payUrl: string | null;
  receiptNumber: string | null;
  eInvoiceNumber: string | null;
  vietqr: { payload: string; imageDataUrl: string; transferContent: string; amount: number } | null;
};

async function pay(code: string, method: 'gateway' | 'vietqr', purpose: 'fee' | 'obligation' = 'obligation') {
  const r = await api('POST', `/api/me/dossiers/${code}/payments`, owner.token, { method, purpose });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json as unknown as RequestJson;
}

async function mine(code: string, token = owner.token) {
  const r = await api('GET', `/api/me/dossiers/${code}/payments`, token);
  return r as unknown as {
    status: number;
    json: { requests: RequestJson[]; outstandingAmount: number } & Json;
  };
}

async function ipn(body: string, signature: string) {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/integrations/payment/ipn',
    headers: { 'content-type': 'application/json', 'motcua-signature': signature },
    payload: body,
  });
  return { status: res.statusCode, json: res.json<Record<string, unknown>>() };
}

async function dossierOf(code: string) {
  const r = await api('GET', `/api/dossiers/${code}`, cast.receiving.token);
  return r.json as unknown as {
    status: string;
    history: { action: string; actorType: string }[];
    obligations: { fulfilledAt: string | null; paymentReference: string | null }[];
  };
}

async function eventsOf(requestId: string) {
  return t.db.selectFrom('paymentEvent').selectAll().where('paymentRequestId', '=', requestId).execute();
}

describe('payment requests', () => {
  it('creates a gateway request once and reuses it; VietQR gives a valid payload for the same amount', async () => {
    const code = await awaitingObligation();
    const first = await pay(code, 'gateway');
    expect(first.status).toBe('pending');
    expect(first.amount).toBe(OBLIGATION);
    expect(first.payUrl).toMatch(/\/payment\/pay\//);
    const again = await pay(code, 'gateway');
    expect(again.id).toBe(first.id);
    expect(h.sandbox.payment.orders.size).toBe(1);

    const qr = await pay(code, 'vietqr');
    expect(qr.id).not.toBe(first.id);
    expect(qr.vietqr?.transferContent).toBe(qr.reference);
    expect(qr.vietqr?.imageDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const fields = parseVietQrPayload(qr.vietqr?.payload ?? '');
    expect(fields.get('54')).toBe(String(OBLIGATION));
    const listed = await mine(code);
    expect(listed.json.requests).toHaveLength(2);
    expect(listed.json.outstandingAmount).toBe(OBLIGATION + 150000);
  });
});

describe('gateway IPN', () => {
  it('a paid IPN marks the request paid and the system fulfils the obligation; a duplicate changes nothing', async () => {
    const code = await awaitingObligation();
    const req = await pay(code, 'gateway');
    const call = h.sandbox.payment.signedIpn(req.reference, {
      status: 'paid',
      at: t.now(),
      eventId: 'evt-1',
    });
    const r = await ipn(call.body, call.signature);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'paid', isDuplicate: false });
    await h.worker().drain();
    const d = await dossierOf(code);
    expect(d.status).toBe('processing');
    expect(d.history.at(-1)).toMatchObject({ action: 'fulfil_obligation', actorType: 'system' });
    const paid = (await mine(code)).json.requests.find((x) => x.id === req.id);
    expect(paid?.status).toBe('paid');
    expect(paid?.receiptNumber).toMatch(/^BL2026-\d{6}$/);
    expect(d.obligations[0]?.paymentReference).toBe(paid?.receiptNumber);

    const dup = await ipn(call.body, call.signature);
    expect(dup.status).toBe(200);
    expect(dup.json).toMatchObject({ status: 'paid', isDuplicate: true });
    await h.worker().drain();
    expect((await dossierOf(code)).history.filter((x) => x.action === 'fulfil_obligation')).toHaveLength(1);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('eventType')
      .where('entityId', '=', req.id)
      .execute();
    expect(audit.map((a) => a.eventType)).toEqual(['payment.paid']);
  });

  it('a bad signature is refused with 401 and nothing changes', async () => {
    const code = await awaitingObligation();
    const req = await pay(code, 'gateway');
    const call = h.sandbox.payment.signedIpn(req.reference, { at: t.now() });
    const forged = signBody('not-the-gateway-secret-at-all', call.body, t.now());
    expect((await ipn(call.body, forged)).status).toBe(401);
    expect((await ipn(call.body, '')).status).toBe(401);
    const tampered = call.body.replace(String(OBLIGATION), '1');
    expect((await ipn(tampered, call.signature)).status).toBe(401);
    expect((await mine(code)).json.requests[0]?.status).toBe('pending');
    expect(await eventsOf(req.id)).toHaveLength(0);
  });

  it('an amount that differs is refused and logged, the request stays pending', async () => {
    const code = await awaitingObligation();
    const req = await pay(code, 'gateway');
    const call = h.sandbox.payment.signedIpn(req.reference, { amount: 1000, at: t.now() });
    const r = await ipn(call.body, call.signature);
    expect(r.status).toBe(400);
    expect((await mine(code)).json.requests[0]?.status).toBe('pending');
    const events = await eventsOf(req.id);
    expect(events.map((e) => e.outcome)).toEqual(['amount_mismatch']);
    expect((await dossierOf(code)).status).toBe('awaiting_obligation');
  });

  it('the return URL sends the citizen to the dossier page; a status in the query is ignored', async () => {
    const code = await awaitingObligation();
    const req = await pay(code, 'gateway');
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/integrations/payment/return?reference=${req.reference}&status=paid`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`/ho-so-cua-toi/${encodeURIComponent(code)}?thanh-toan=${req.reference}`);
    expect((await mine(code)).json.requests[0]?.status).toBe('pending');
  });
});

describe('reconciliation', () => {
  // Earlier tests leave pending requests of their own dossiers: let them lapse first.
  beforeEach(async () => {
    t.setNow('2026-03-02T12:00:00+07:00');
    h.sandbox.payment.faults.clear();
    await reconcilePayments(h.ctx);
  });

  it('finds a payment whose IPN was lost, and a VietQR bank transfer', async () => {
    const code = await awaitingObligation();
    const req = await pay(code, 'gateway');
    expect(await h.sandbox.payment.complete(req.reference, 'paid', { sendIpn: false })).toBeNull();
    // Too young to poll.
    expect((await reconcilePayments(h.ctx)).checked).toBe(0);
    t.advance(6 * 60_000);
    const result = await reconcilePayments(h.ctx);
    expect(result.fixed).toEqual([{ reference: req.reference, from: 'pending', to: 'paid' }]);
    await h.worker().drain();
    expect((await dossierOf(code)).status).toBe('processing');
    const paid = (await mine(code)).json.requests[0];
    expect(paid?.eInvoiceNumber).toMatch(/^HDDT-/);

    // The fee (150 000 VND) paid by VietQR transfer.
    const fee = await pay(code, 'vietqr', 'fee');
    h.sandbox.payment.bankTransfer(fee.reference, 150000);
    t.advance(6 * 60_000);
    expect((await reconcilePayments(h.ctx)).fixed).toEqual([
      { reference: fee.reference, from: 'pending', to: 'paid' },
    ]);
    expect((await mine(code)).json.outstandingAmount).toBe(0);
  });

  it('retries when the gateway times out or answers 5xx, and expires stale requests', async () => {
    const code = await awaitingObligation();
    const req = await pay(code, 'gateway');
    await h.sandbox.payment.complete(req.reference, 'paid', { sendIpn: false });
    t.advance(6 * 60_000);
    h.sandbox.payment.faults.failNext({ kind: 'status', status: 503 });
    await expect(reconcilePaymentsJob(h.ctx)).rejects.toThrow(/503/);
    h.sandbox.payment.faults.failNext({ kind: 'delay', ms: 600 });
    const timedOut = await reconcilePayments(h.ctx);
    expect(timedOut.errors[0]?.error).toMatch(/no answer/);
    expect((await mine(code)).json.requests[0]?.status).toBe('pending');
    expect((await reconcilePayments(h.ctx)).fixed).toHaveLength(1);

    // A VietQR request nobody pays lapses after PAYMENT_EXPIRY_MINUTES.
    const fee = await pay(code, 'vietqr', 'fee');
    t.advance(31 * 60_000);
    const run = await reconcilePayments(h.ctx);
    expect(run.fixed).toEqual([{ reference: fee.reference, from: 'pending', to: 'expired' }]);
    const again = await pay(code, 'vietqr', 'fee');
    expect(again.id).not.toBe(fee.id);
    expect(again.status).toBe('pending');
  });
});

describe('counter cash', () => {
  it('records cash equal to the amount owed, issues a receipt and audits it', async () => {
    const code = await awaitingObligation();
    const wrong = await api('POST', `/api/officer/dossiers/${code}/payments/counter`, cast.receiving.token, {
      purpose: 'obligation',
      amount: 1000,
    });
    expect(wrong.status).toBe(400);
    const open = await pay(code, 'gateway');
    const r = await api('POST', `/api/officer/dossiers/${code}/payments/counter`, cast.receiving.token, {
      purpose: 'obligation',
      amount: OBLIGATION,
    });
    expect(r.status).toBe(201);
    expect(r.json['receiptNumber']).toMatch(/^BL2026-/);
    await h.worker().drain();
    expect((await dossierOf(code)).status).toBe('processing');
    const view = await api('GET', `/api/officer/dossiers/${code}/payments`, cast.receiving.token);
    const requests = view.json['requests'] as RequestJson[];
    expect(requests.find((x) => x.id === open.id)?.status).toBe('cancelled');
    const twice = await api('POST', `/api/officer/dossiers/${code}/payments/counter`, cast.receiving.token, {
      purpose: 'obligation',
      amount: OBLIGATION,
    });
    expect(twice.status).toBe(404);
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['eventType', 'actorId'])
      .where('entityId', '=', r.json['id'] as string)
      .execute();
    expect(audit).toEqual([{ eventType: 'payment.paid', actorId: cast.receiving.id }]);
  });
});

describe('authorisation', () => {
  it('another citizen gets 404; officers of other units are refused; citizens cannot record cash', async () => {
    const code = await awaitingObligation();
    expect((await mine(code, stranger.token)).status).toBe(404);
    expect(
      (
        await api('POST', `/api/me/dossiers/${code}/payments`, stranger.token, {
          method: 'gateway',
          purpose: 'fee',
        })
      ).status,
    ).toBe(404);
    const outsider = await api('GET', `/api/officer/dossiers/${code}/payments`, cast.outsider.token);
    expect([403, 404]).toContain(outsider.status);
    const other = await api(
      'POST',
      `/api/officer/dossiers/${code}/payments/counter`,
      cast.otherSpecialist.token,
      {
        purpose: 'obligation',
        amount: OBLIGATION,
      },
    );
    expect([403, 404]).toContain(other.status);
    expect(
      (
        await api('POST', `/api/officer/dossiers/${code}/payments/counter`, owner.token, {
          purpose: 'obligation',
          amount: OBLIGATION,
        })
      ).status,
    ).toBe(403);
    expect((await api('GET', `/api/officer/dossiers/${code}/payments`, cast.specialist.token)).status).toBe(
      200,
    );
    expect((await mine(code)).json.requests).toHaveLength(0);
  });
});
