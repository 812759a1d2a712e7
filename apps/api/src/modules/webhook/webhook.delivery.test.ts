import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext } from '../../../test/test-context.ts';
import { verifyBodySignature } from '../../integrations/webhook-signature.ts';
import { startSandbox, type Sandbox } from '../../sandbox/sandbox-server.ts';
import type { AppContext, Logger } from '../../shared/app-context.ts';
import { outboxHandlers } from '../../worker/handlers.ts';
import { OutboxWorker } from '../outbox/outbox.worker.ts';
import { planWebhookDeliveries } from './webhook.service.ts';

/** Outbound CloudEvents webhooks against a loopback receiver. */
const t = useTestContext();
let cast: Cast;
let procedureCode: string;
let sandbox: Sandbox;
let ctx: AppContext;
const silent: Logger = { info() {}, warn() {}, error() {}, debug() {} };

beforeAll(async () => {
  sandbox = await startSandbox();
  // Only webhooks here: no mail server, SMS gateway or portal configured.
  ctx = { ...t.ctx, config: { ...t.ctx.config, INTEGRATION_TIMEOUT_MS: 400 } };
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await worker().drain();
  sandbox.clearAll();
});

function worker(): OutboxWorker {
  return new OutboxWorker({
    db: t.db,
    clock: () => t.now(),
    logger: silent,
    handlers: outboxHandlers(ctx),
    backoffMs: () => 0,
  });
}

async function subscribe(name: string, eventTypes: string[] = []) {
  const res = await call(t, 'POST', '/api/admin/webhooks', {
    token: cast.admin.token,
    body: { name: `IOC ${name}`, url: `${sandbox.baseUrl}/hooks/${name}`, eventTypes },
  });
  expect(res.status).toBe(201);
  return res.json as unknown as { id: string; secret: string };
}

async function deliveriesOf(subscriptionId: string) {
  return t.db
    .selectFrom('webhookDelivery')
    .selectAll()
    .where('subscriptionId', '=', subscriptionId)
    .orderBy('createdAt')
    .execute();
}

describe('webhook subscriptions', () => {
  it('are created by administrators only, with a secret shown once, and audited', async () => {
    const created = await subscribe('audit-check');
    expect(created.secret.length).toBeGreaterThanOrEqual(32);
    const list = await call(t, 'GET', '/api/admin/webhooks', { token: cast.admin.token });
    const mine = (list.json as unknown as Record<string, unknown>[]).find((w) => w['id'] === created.id);
    expect(mine).toEqual({
      id: created.id,
      name: 'IOC audit-check',
      url: `${sandbox.baseUrl}/hooks/audit-check`,
      eventTypes: [],
      isActive: true,
      createdAt: t.now().toISOString(),
    });
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['eventType', 'summary'])
      .where('entityId', '=', created.id)
      .execute();
    expect(audit.map((a) => a.eventType)).toEqual(['webhook.subscribed']);
    expect(JSON.stringify(audit)).not.toContain(created.secret);

    const before = await t.db.selectFrom('webhookSubscription').select('id').execute();
    for (const body of [
      { name: 'X', url: 'ftp://example.vn/hook' },
      { name: 'Bad type', url: 'https://example.vn/h', eventTypes: ['dossier.deleted'] },
      { name: 'Short secret', url: 'https://example.vn/h', secret: 'short' },
    ]) {
      const bad = await call(t, 'POST', '/api/admin/webhooks', { token: cast.admin.token, body });
      expect({ body, status: bad.status, code: bad.json.error?.code }).toEqual({
        body,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    const forbidden = await call(t, 'POST', '/api/admin/webhooks', {
      token: cast.receiving.token,
      body: { name: 'Mine', url: 'https://example.vn/h' },
    });
    expect([forbidden.status, forbidden.json.error?.code]).toEqual([403, 'FORBIDDEN']);
    expect(await t.db.selectFrom('webhookSubscription').select('id').execute()).toHaveLength(before.length);
    const off = await call(t, 'POST', `/api/admin/webhooks/${created.id}/deactivate`, {
      token: cast.admin.token,
    });
    expect(off.json['isActive']).toBe(false);
    const again = await call(t, 'POST', `/api/admin/webhooks/${created.id}/deactivate`, {
      token: cast.admin.token,
    });
    expect([again.status, again.json.error?.code]).toEqual([404, 'WEBHOOK_NOT_FOUND']);
  });
});

describe('CloudEvents deliveries', () => {
  it('publishes each state change as a signed CloudEvents message, filtered by type', async () => {
    t.setNow('2026-03-02T09:00:00+07:00');
    const all = await subscribe('all');
    const changes = await subscribe('changes', ['vn.gov.motcua.dossier.status_changed']);
    const d = await receiveAtCounter(t, cast, procedureCode);
    await mustAct(t, cast.receiving.token, d.code, { action: 'transfer', expectedVersion: 1 });
    await worker().drain();

    const toAll = sandbox.hooks.received.filter((h) => h.name === 'all');
    expect(toAll).toHaveLength(2);
    for (const h of toAll) {
      expect(h.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
      expect(
        verifyBodySignature(all.secret, h.headers['motcua-signature'] as string, h.body, t.now()),
      ).toEqual({ isValid: true });
      // Another subscriber's secret does not verify it, nor does a changed body.
      expect(
        verifyBodySignature(changes.secret, h.headers['motcua-signature'] as string, h.body, t.now()).isValid,
      ).toBe(false);
      expect(
        verifyBodySignature(
          all.secret,
          h.headers['motcua-signature'] as string,
          h.body.replace('"4"', '"5"') + ' ',
          t.now(),
        ),
      ).toEqual({ isValid: false, reason: 'mismatch' });
    }
    const events = toAll.map((h) => JSON.parse(h.body) as Record<string, unknown>);
    expect(
      events.map((e) => [e['specversion'], e['type'], e['subject'], e['source'], e['datacontenttype']]),
    ).toEqual([
      [
        '1.0',
        'vn.gov.motcua.dossier.created',
        d.code,
        'https://motcua.test/api/dossiers',
        'application/json',
      ],
      [
        '1.0',
        'vn.gov.motcua.dossier.status_changed',
        d.code,
        'https://motcua.test/api/dossiers',
        'application/json',
      ],
    ]);
    expect(events[1]?.['data']).toMatchObject({
      code: d.code,
      toStatus: 'processing',
      syncStatusCode: 4,
      version: 2,
    });
    expect(events[1]?.['time']).toBe(new Date('2026-03-02T09:00:00+07:00').toISOString());
    expect(new Set(events.map((e) => e['id'])).size).toBe(2);
    expect(
      sandbox.hooks.received
        .filter((h) => h.name === 'changes')
        .map((h) => (JSON.parse(h.body) as { type: string }).type),
    ).toEqual(['vn.gov.motcua.dossier.status_changed']);
    const log = await call(t, 'GET', `/api/admin/webhooks/${all.id}/deliveries`, { token: cast.admin.token });
    expect(
      (log.json as unknown as { status: string; responseStatus: number }[]).map((x) => [
        x.status,
        x.responseStatus,
      ]),
    ).toEqual([
      ['delivered', 200],
      ['delivered', 200],
    ]);
    await call(t, 'POST', `/api/admin/webhooks/${all.id}/deactivate`, { token: cast.admin.token });
    await call(t, 'POST', `/api/admin/webhooks/${changes.id}/deactivate`, { token: cast.admin.token });
  });

  it('retries 5xx and timeouts with the same body and id, dead-letters a 4xx at once, and plans once per event', async () => {
    t.setNow('2026-03-03T09:00:00+07:00');
    const hook = await subscribe('flaky');
    sandbox.hooks.faults.failNext({ kind: 'status', status: 503 });
    sandbox.hooks.faults.failNext({ kind: 'delay', ms: 1000 });
    const d = await receiveAtCounter(t, cast, procedureCode);
    const created = await t.db
      .selectFrom('outboxMessage')
      .select(['id', 'topic', 'aggregateType', 'aggregateId', 'payload', 'attempts', 'createdAt'])
      .where('topic', '=', 'dossier.created')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await planWebhookDeliveries(ctx, created);
    await worker().drain();
    await planWebhookDeliveries(ctx, created);
    await worker().drain();
    const [delivery] = await deliveriesOf(hook.id);
    expect(await deliveriesOf(hook.id)).toHaveLength(1);
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: 3,
      responseStatus: 200,
      lastError: null,
    });
    const received = sandbox.hooks.received.filter((h) => h.name === 'flaky');
    // The silent attempt may have reached the receiver before the timeout: the id is what receivers de-duplicate on.
    expect(new Set(received.map((h) => (JSON.parse(h.body) as { id: string }).id))).toEqual(
      new Set([delivery?.eventId]),
    );
    expect(received.every((h) => h.body === delivery?.body)).toBe(true);
    expect(JSON.parse(delivery!.body)).toMatchObject({ subject: d.code });

    sandbox.hooks.faults.failNext({ kind: 'status', status: 410, body: 'Gone' });
    await mustAct(t, cast.receiving.token, d.code, { action: 'transfer', expectedVersion: 1 });
    await worker().drain();
    const gone = (await deliveriesOf(hook.id))[1];
    expect(gone).toMatchObject({ status: 'dead', attempts: 1, responseStatus: 410 });
    const dead = await t.db
      .selectFrom('outboxMessage')
      .selectAll()
      .where('aggregateId', '=', gone!.id)
      .executeTakeFirstOrThrow();
    expect(dead.deadAt).not.toBeNull();
    expect(
      (await call(t, 'POST', `/api/admin/outbox/${dead.id}/replay`, { token: cast.admin.token })).status,
    ).toBe(200);
    await worker().drain();
    expect((await deliveriesOf(hook.id))[1]).toMatchObject({ status: 'delivered', attempts: 2 });

    // Switched off: nothing more is sent; what was queued is dropped.
    sandbox.hooks.faults.failNext({ kind: 'status', status: 500 });
    await mustAct(t, cast.divisionHead.token, d.code, {
      action: 'assign',
      expectedVersion: 2,
      assigneeId: cast.divisionHead.id,
    });
    await worker().runOnce();
    await worker().runOnce();
    await call(t, 'POST', `/api/admin/webhooks/${hook.id}/deactivate`, { token: cast.admin.token });
    const count = sandbox.hooks.received.length;
    await worker().drain();
    expect(sandbox.hooks.received).toHaveLength(count);
    expect((await deliveriesOf(hook.id)).map((x) => x.status)).toEqual(['delivered', 'delivered', 'dead']);
  });
});
