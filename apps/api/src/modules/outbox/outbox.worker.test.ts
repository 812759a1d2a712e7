import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext } from '../../../test/test-context.ts';
import type { Logger } from '../../shared/app-context.ts';
import { defaultBackoffMs, OutboxWorker, type OutboxHandler, type OutboxMessage } from './outbox.worker.ts';

const t = useTestContext();
let cast: Cast;
let procedureCode: string;

const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
});

async function dossierIdOf(code: string): Promise<string> {
  const row = await t.db
    .selectFrom('dossier')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function messagesOf(aggregateId: string) {
  return t.db
    .selectFrom('outboxMessage')
    .selectAll()
    .where('aggregateId', '=', aggregateId)
    .orderBy('id')
    .execute();
}

/** Delivers whatever earlier tests left pending, so a test only sees its own messages. */
async function settle(): Promise<void> {
  await t.worker().drain();
}

/** A handler that records what it receives. */
function recorder(): { handler: OutboxHandler; seen: OutboxMessage[] } {
  const seen: OutboxMessage[] = [];
  return {
    seen,
    handler: async (message) => {
      seen.push(message);
    },
  };
}

describe('enqueueing (in the business transaction)', () => {
  it('enqueues one message per dossier action, with the transition it reports', async () => {
    t.setNow('2026-03-02T09:00:00+07:00');
    const received = await receiveAtCounter(t, cast, procedureCode);
    const id = await dossierIdOf(received.code);
    t.setNow('2026-03-02T09:30:00+07:00');
    await mustAct(t, cast.receiving.token, received.code, { action: 'transfer', expectedVersion: 1 });

    const rows = await messagesOf(id);
    expect(rows.map((r) => r.topic)).toEqual(['dossier.created', 'dossier.status_changed']);
    expect(rows[0]).toMatchObject({
      aggregateType: 'dossier',
      createdAt: new Date('2026-03-02T09:00:00+07:00'),
      availableAt: new Date('2026-03-02T09:00:00+07:00'),
      attempts: 0,
      lockedUntil: null,
      processedAt: null,
      deadAt: null,
      lastError: null,
      payload: {
        dossierId: id,
        code: received.code,
        status: 'received',
        syncStatusCode: 2,
        channel: 'counter',
        procedureCode,
        occurredAt: new Date('2026-03-02T09:00:00+07:00').toISOString(),
        dueAt: received.dueAt,
      },
    });
    expect(rows[1]).toMatchObject({
      createdAt: new Date('2026-03-02T09:30:00+07:00'),
      availableAt: new Date('2026-03-02T09:30:00+07:00'),
      attempts: 0,
      payload: {
        dossierId: id,
        code: received.code,
        action: 'transfer',
        fromStatus: 'received',
        toStatus: 'processing',
        syncStatusCode: 4,
        version: 2,
        occurredAt: new Date('2026-03-02T09:30:00+07:00').toISOString(),
        dueAt: received.dueAt,
      },
    });
    // The message time is the time of the transition it reports.
    const transition = await t.db
      .selectFrom('dossierTransition')
      .select('occurredAt')
      .where('dossierId', '=', id)
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    expect(transition.occurredAt).toEqual(rows[1]?.createdAt);

    // A refused action enqueues nothing.
    const refused = await act(t, cast.receiving.token, received.code, {
      action: 'transfer',
      expectedVersion: 1,
    });
    expect(refused.status).toBe(409);
    expect(await messagesOf(id)).toHaveLength(2);
  });

  it('enqueues nothing when the action transaction rolls back after the enqueue', async () => {
    t.setNow('2026-03-03T09:00:00+07:00');
    const received = await receiveAtCounter(t, cast, procedureCode);
    const id = await dossierIdOf(received.code);
    // Fail the transaction right after the message is inserted (the last write of an action).
    await sql`CREATE FUNCTION test_fail_after_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated failure after enqueue'; END; $$`.execute(t.db);
    await sql`CREATE TRIGGER test_fail_after_enqueue AFTER INSERT ON outbox_message FOR EACH ROW
      WHEN (NEW.aggregate_id = ${sql.lit(id)} AND NEW.topic = 'dossier.status_changed')
      EXECUTE FUNCTION test_fail_after_enqueue()`.execute(t.db);
    try {
      const res = await act(t, cast.receiving.token, received.code, {
        action: 'transfer',
        expectedVersion: 1,
      });
      expect(res.status).toBe(500);
      expect(res.json.error?.code).toBe('INTERNAL');
    } finally {
      await sql`DROP TRIGGER test_fail_after_enqueue ON outbox_message`.execute(t.db);
      await sql`DROP FUNCTION test_fail_after_enqueue()`.execute(t.db);
    }
    // Nothing of the action survived: no message, no status change, no history, no audit entry.
    expect((await messagesOf(id)).map((m) => m.topic)).toEqual(['dossier.created']);
    const dossier = await t.db
      .selectFrom('dossier')
      .select(['status', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(dossier).toEqual({ status: 'received', version: 1 });
    const history = await t.db
      .selectFrom('dossierTransition')
      .select('action')
      .where('dossierId', '=', id)
      .execute();
    expect(history).toEqual([{ action: 'receive' }]);
    const audit = await t.db.selectFrom('auditLog').select('eventType').where('entityId', '=', id).execute();
    expect(audit).toEqual([{ eventType: 'dossier.created' }]);

    // The same action succeeds once the database accepts it, and enqueues exactly one message.
    await mustAct(t, cast.receiving.token, received.code, { action: 'transfer', expectedVersion: 1 });
    expect((await messagesOf(id)).map((m) => m.topic)).toEqual(['dossier.created', 'dossier.status_changed']);
  });
});

describe('OutboxWorker', () => {
  it('delivers due messages to every handler of their topic, in order, once', async () => {
    t.setNow('2026-03-04T08:00:00+07:00');
    await settle();
    const received = await receiveAtCounter(t, cast, procedureCode);
    const id = await dossierIdOf(received.code);
    await mustAct(t, cast.receiving.token, received.code, { action: 'transfer', expectedVersion: 1 });
    const created = recorder();
    const changedA = recorder();
    const changedB = recorder();
    const worker = t.worker({
      'dossier.created': [created.handler],
      'dossier.status_changed': [changedA.handler, changedB.handler],
    });

    t.setNow('2026-03-04T08:00:05+07:00');
    expect(await worker.runOnce()).toBe(2);
    const [first, second] = await messagesOf(id);
    expect(created.seen).toEqual([
      {
        id: first?.id,
        topic: 'dossier.created',
        aggregateType: 'dossier',
        aggregateId: id,
        payload: first?.payload,
        attempts: 1,
        createdAt: new Date('2026-03-04T08:00:00+07:00'),
      },
    ]);
    expect(changedA.seen.map((m) => [m.id, m.attempts])).toEqual([[second?.id, 1]]);
    expect(changedB.seen).toEqual(changedA.seen);
    expect((changedA.seen[0]?.payload as { toStatus: string }).toStatus).toBe('processing');
    for (const row of [first, second]) {
      expect(row).toMatchObject({
        attempts: 1,
        processedAt: new Date('2026-03-04T08:00:05+07:00'),
        lockedUntil: null,
        lastError: null,
        deadAt: null,
      });
    }

    // Delivered messages are not delivered again.
    t.setNow('2026-03-04T09:00:00+07:00');
    expect(await worker.runOnce()).toBe(0);
    expect(created.seen).toHaveLength(1);
    expect(changedA.seen).toHaveLength(1);
  });

  it('does not deliver a message before its available time', async () => {
    t.setNow('2026-03-04T10:00:00+07:00');
    await settle();
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    const id = await dossierIdOf(code);
    const seen = recorder();
    const worker = t.worker({ 'dossier.created': [seen.handler] });
    t.setNow('2026-03-04T09:59:59+07:00');
    expect(await worker.runOnce()).toBe(0);
    t.setNow('2026-03-04T10:00:00+07:00');
    expect(await worker.runOnce()).toBe(1);
    expect(seen.seen.map((m) => m.aggregateId)).toEqual([id]);
  });

  it('retries a failing delivery with exponential backoff, then moves it to the dead-letter list', async () => {
    t.setNow('2026-03-05T09:00:00+07:00');
    await settle();
    const t0 = new Date('2026-03-05T09:00:00+07:00').getTime();
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    const id = await dossierIdOf(code);
    let calls = 0;
    const worker = new OutboxWorker({
      db: t.db,
      clock: () => t.now(),
      logger: silentLogger,
      handlers: {
        'dossier.created': [
          async () => {
            calls += 1;
            throw new Error(`Cổng dịch vụ công trả lỗi 503 (lần ${calls})`);
          },
        ],
      },
      maxAttempts: 3,
    });
    const row = async () => (await messagesOf(id))[0];

    // Attempt 1 fails: next attempt 1 s later (2^0 s).
    expect(await worker.runOnce()).toBe(1);
    expect(await row()).toMatchObject({
      attempts: 1,
      lastError: 'Cổng dịch vụ công trả lỗi 503 (lần 1)',
      availableAt: new Date(t0 + 1000),
      lockedUntil: null,
      processedAt: null,
      deadAt: null,
    });
    expect(await worker.runOnce()).toBe(0);
    t.setNow(new Date(t0 + 999));
    expect(await worker.runOnce()).toBe(0);

    // Attempt 2 fails: next attempt 2 s later (2^1 s).
    t.setNow(new Date(t0 + 1000));
    expect(await worker.runOnce()).toBe(1);
    expect(await row()).toMatchObject({
      attempts: 2,
      lastError: 'Cổng dịch vụ công trả lỗi 503 (lần 2)',
      availableAt: new Date(t0 + 3000),
      deadAt: null,
    });
    t.setNow(new Date(t0 + 2999));
    expect(await worker.runOnce()).toBe(0);

    // Attempt 3 is the last: the message is dead-lettered.
    t.setNow(new Date(t0 + 3000));
    expect(await worker.runOnce()).toBe(1);
    expect(await row()).toMatchObject({
      attempts: 3,
      lastError: 'Cổng dịch vụ công trả lỗi 503 (lần 3)',
      deadAt: new Date(t0 + 3000),
      processedAt: null,
      lockedUntil: null,
    });
    // A dead message is never picked up again.
    t.setNow(new Date(t0 + 86_400_000));
    expect(await worker.runOnce()).toBe(0);
    expect(calls).toBe(3);
  });

  it('uses a default backoff of 2^(n-1) seconds, capped at one hour', () => {
    expect([1, 2, 3, 4, 10, 12, 13, 30].map(defaultBackoffMs)).toEqual([
      1000, 2000, 4000, 8000, 512_000, 2_048_000, 3_600_000, 3_600_000,
    ]);
  });

  it('lets another worker take over a message whose lease expired (crashed worker)', async () => {
    t.setNow('2026-03-06T09:00:00+07:00');
    await settle();
    const t0 = new Date('2026-03-06T09:00:00+07:00').getTime();
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    const id = await dossierIdOf(code);

    // Worker A claims the message, then hangs in the handler forever (crash mid-delivery).
    let startedDelivery!: () => void;
    const started = new Promise<void>((resolve) => {
      startedDelivery = resolve;
    });
    const crashed = new OutboxWorker({
      db: t.db,
      clock: () => t.now(),
      logger: silentLogger,
      leaseMs: 60_000,
      handlers: {
        'dossier.created': [
          async () => {
            startedDelivery();
            await new Promise<never>(() => undefined);
          },
        ],
      },
    });
    void crashed.runOnce();
    await started;
    expect((await messagesOf(id))[0]).toMatchObject({
      attempts: 1,
      lockedUntil: new Date(t0 + 60_000),
      processedAt: null,
    });

    // Worker B leaves it alone while the lease holds.
    const rescued = recorder();
    const worker = t.worker({ 'dossier.created': [rescued.handler] });
    expect(await worker.runOnce()).toBe(0);
    t.setNow(new Date(t0 + 59_999));
    expect(await worker.runOnce()).toBe(0);
    expect(rescued.seen).toEqual([]);

    // Once the lease has expired, worker B delivers it (second attempt).
    t.setNow(new Date(t0 + 60_001));
    expect(await worker.runOnce()).toBe(1);
    expect(rescued.seen.map((m) => [m.aggregateId, m.attempts])).toEqual([[id, 2]]);
    expect((await messagesOf(id))[0]).toMatchObject({
      attempts: 2,
      processedAt: new Date(t0 + 60_001),
      lockedUntil: null,
    });
  });
});

describe('lease fencing', () => {
  it('ignores a worker that fails late, after another worker took the message over and delivered it', async () => {
    t.setNow('2026-03-06T14:00:00+07:00');
    await settle();
    const t0 = new Date('2026-03-06T14:00:00+07:00').getTime();
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    const id = await dossierIdOf(code);

    // Worker A claims the message and is slow; its handler fails only when released.
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let startedDelivery!: () => void;
    const started = new Promise<void>((resolve) => {
      startedDelivery = resolve;
    });
    const slow = new OutboxWorker({
      db: t.db,
      clock: () => t.now(),
      logger: silentLogger,
      leaseMs: 60_000,
      maxAttempts: 1,
      handlers: {
        'dossier.created': [
          async () => {
            startedDelivery();
            await released;
            throw new Error('timeout after the lease expired');
          },
        ],
      },
    });
    const slowRun = slow.runOnce();
    await started;

    // The lease expires; worker B delivers it.
    t.setNow(new Date(t0 + 60_001));
    const rescued = recorder();
    expect(await t.worker({ 'dossier.created': [rescued.handler] }).runOnce()).toBe(1);

    // Worker A now fails (on its last attempt): the message stays delivered, not dead.
    release();
    await slowRun;
    expect((await messagesOf(id))[0]).toMatchObject({
      attempts: 2,
      processedAt: new Date(t0 + 60_001),
      deadAt: null,
      lastError: null,
    });
  });
});

describe('admin outbox routes', () => {
  it('lists dead letters and replays one, which the worker then delivers', async () => {
    t.setNow('2026-03-09T09:00:00+07:00');
    await settle();
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    const id = await dossierIdOf(code);
    // The test worker retries at once; after 10 attempts the message is dead.
    const failing = t.worker({
      'dossier.created': [
        async () => {
          throw new Error('Hệ thống đồng bộ không phản hồi');
        },
      ],
    });
    expect(await failing.drain()).toBe(10);
    const [message] = await messagesOf(id);
    if (!message) throw new Error('no message');
    expect(message).toMatchObject({ attempts: 10, deadAt: new Date('2026-03-09T09:00:00+07:00') });

    const list = await call(t, 'GET', '/api/admin/outbox', { token: cast.admin.token });
    expect(list.status).toBe(200);
    const dead = list.json as unknown as { id: number }[];
    const deadInDb = await t.db
      .selectFrom('outboxMessage')
      .select('id')
      .where('deadAt', 'is not', null)
      .orderBy('id', 'desc')
      .execute();
    expect(dead.map((m) => m.id)).toEqual(deadInDb.map((m) => m.id));
    expect(dead.find((m) => m.id === message.id)).toEqual({
      id: message.id,
      topic: 'dossier.created',
      aggregateType: 'dossier',
      aggregateId: id,
      payload: message.payload,
      createdAt: new Date('2026-03-09T09:00:00+07:00').toISOString(),
      availableAt: new Date('2026-03-09T09:00:00+07:00').toISOString(),
      attempts: 10,
      lastError: 'Hệ thống đồng bộ không phản hồi',
      processedAt: null,
      deadAt: new Date('2026-03-09T09:00:00+07:00').toISOString(),
    });
    const filtered = await call(t, 'GET', '/api/admin/outbox?state=dead&topic=dossier.status_changed', {
      token: cast.admin.token,
    });
    expect((filtered.json as unknown as { id: number }[]).some((m) => m.id === message.id)).toBe(false);

    const statsBefore = await call(t, 'GET', '/api/admin/outbox/stats', { token: cast.admin.token });
    expect(statsBefore.status).toBe(200);
    const counts = await sql<{ pending: number; dead: number; processed: number }>`
      SELECT count(*) FILTER (WHERE processed_at IS NULL AND dead_at IS NULL)::int AS pending,
             count(*) FILTER (WHERE dead_at IS NOT NULL)::int AS dead,
             count(*) FILTER (WHERE processed_at IS NOT NULL)::int AS processed
        FROM outbox_message`.execute(t.db);
    expect(statsBefore.json).toEqual(counts.rows[0]);
    expect(statsBefore.json['pending']).toBe(0);

    t.setNow('2026-03-09T10:00:00+07:00');
    const replay = await call(t, 'POST', `/api/admin/outbox/${message.id}/replay`, {
      token: cast.admin.token,
    });
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual({ id: message.id, topic: 'dossier.created' });
    expect((await messagesOf(id))[0]).toMatchObject({
      attempts: 0,
      deadAt: null,
      processedAt: null,
      availableAt: new Date('2026-03-09T10:00:00+07:00'),
    });
    const statsAfter = await call(t, 'GET', '/api/admin/outbox/stats', { token: cast.admin.token });
    expect(statsAfter.json).toEqual({
      pending: 1,
      dead: (statsBefore.json['dead'] as number) - 1,
      processed: statsBefore.json['processed'],
    });
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['actorType', 'actorId', 'entityType', 'summary', 'occurredAt'])
      .where('eventType', '=', 'outbox.replayed')
      .where('entityId', '=', String(message.id))
      .execute();
    expect(audit).toEqual([
      {
        actorType: 'officer',
        actorId: cast.admin.id,
        entityType: 'outbox_message',
        summary: { topic: 'dossier.created' },
        occurredAt: new Date('2026-03-09T10:00:00+07:00'),
      },
    ]);

    // Replaying a message that is no longer dead is a 404, and audits nothing.
    const twice = await call(t, 'POST', `/api/admin/outbox/${message.id}/replay`, {
      token: cast.admin.token,
    });
    expect(twice.status).toBe(404);
    expect(twice.json).toEqual({
      error: { code: 'NOT_FOUND', message: `No dead-lettered message ${message.id}` },
    });

    // The replayed message is delivered by the next run.
    const delivered = recorder();
    expect(await t.worker({ 'dossier.created': [delivered.handler] }).runOnce()).toBe(1);
    expect(delivered.seen.map((m) => [m.id, m.attempts])).toEqual([[message.id, 1]]);
    expect((await messagesOf(id))[0]).toMatchObject({
      attempts: 1,
      processedAt: new Date('2026-03-09T10:00:00+07:00'),
      deadAt: null,
    });
    const processed = await call(t, 'GET', '/api/admin/outbox?state=processed&limit=500', {
      token: cast.admin.token,
    });
    expect((processed.json as unknown as { id: number }[]).some((m) => m.id === message.id)).toBe(true);
    const deadNow = await call(t, 'GET', '/api/admin/outbox', { token: cast.admin.token });
    expect((deadNow.json as unknown as { id: number }[]).some((m) => m.id === message.id)).toBe(false);

    expect(
      (await call(t, 'POST', '/api/admin/outbox/999999999/replay', { token: cast.admin.token })).status,
    ).toBe(404);
    for (const bad of ['abc', '0', '-1']) {
      const r = await call(t, 'POST', `/api/admin/outbox/${bad}/replay`, { token: cast.admin.token });
      expect({ bad, status: r.status, code: r.json.error?.code }).toEqual({
        bad,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    const badQuery = await call(t, 'GET', '/api/admin/outbox?state=failed', { token: cast.admin.token });
    expect(badQuery.status).toBe(400);
  });

  it('is for administrators only', async () => {
    t.setNow('2026-03-10T09:00:00+07:00');
    await settle();
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    const failing = t.worker({
      'dossier.created': [
        async () => {
          throw new Error('Không kết nối được');
        },
      ],
    });
    expect(await failing.drain()).toBe(10);
    const [dead] = await messagesOf(await dossierIdOf(code));
    if (!dead) throw new Error('no message');
    const citizen = await t.newCitizen();
    const routes: ['GET' | 'POST', string][] = [
      ['GET', '/api/admin/outbox'],
      ['GET', '/api/admin/outbox/stats'],
      ['POST', `/api/admin/outbox/${dead.id}/replay`],
    ];
    for (const [method, url] of routes) {
      const asSpecialist = await call(t, method, url, { token: cast.specialist.token });
      const asReceiving = await call(t, method, url, { token: cast.receiving.token });
      const asCitizen = await call(t, method, url, { token: citizen.token });
      const anonymous = await call(t, method, url);
      expect({
        url,
        specialist: [asSpecialist.status, asSpecialist.json.error?.code],
        receiving: [asReceiving.status, asReceiving.json.error?.code],
        citizen: [asCitizen.status, asCitizen.json.error?.code],
        anonymous: [anonymous.status, anonymous.json.error?.code],
      }).toEqual({
        url,
        specialist: [403, 'FORBIDDEN'],
        receiving: [403, 'FORBIDDEN'],
        citizen: [403, 'FORBIDDEN'],
        anonymous: [401, 'UNAUTHENTICATED'],
      });
    }
    // The refused replays changed nothing and audited nothing.
    expect((await messagesOf(dead.aggregateId))[0]).toMatchObject({ attempts: 10, deadAt: dead.deadAt });
    const replays = await t.db
      .selectFrom('auditLog')
      .select('actorId')
      .where('eventType', '=', 'outbox.replayed')
      .where('entityId', '=', String(dead.id))
      .execute();
    expect(replays).toEqual([]);
  });
});
