import { sql, type RawBuilder } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext, type TestCitizen, type TestOfficer } from '../../../test/test-context.ts';

const t = useTestContext();
let cast: Cast;
let citizen: TestCitizen;
let supervisor: TestOfficer;
let procedureCode: string;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  t.setNow('2026-03-02T08:00:00+07:00');
  cast = await makeCast(t);
  citizen = await t.newCitizen();
  supervisor = await t.newOfficer([{ role: 'supervisor', unitId: cast.tree.province.id }]);
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

async function auditOf(entityId: string) {
  return t.db.selectFrom('auditLog').selectAll().where('entityId', '=', entityId).orderBy('id').execute();
}

async function auditCount(): Promise<number> {
  const r = await t.db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function submitOnline(): Promise<string> {
  const res = await call(t, 'POST', '/api/dossiers', {
    token: citizen.token,
    body: {
      procedureCode,
      applicant: { kind: 'citizen', fullName: 'Nguyễn Văn An', idNumber: citizen.idNumber },
      components: ['don', 'ban-ve', 'giay-to-dat'].map((code) => ({
        code,
        isProvided: true,
        isReused: true,
      })),
    },
  });
  if (res.status !== 201)
    throw new Error(`online submission failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json['code'] as string;
}

/** Installs a trigger that raises on `table` for one entity, runs `fn`, and removes the trigger. */
async function withFailingInsert(
  table: 'audit_log' | 'outbox_message',
  when: 'BEFORE' | 'AFTER',
  condition: RawBuilder<unknown>,
  fn: () => Promise<void>,
): Promise<void> {
  await sql`CREATE FUNCTION test_refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'simulated failure'; END; $$`.execute(t.db);
  await sql`CREATE TRIGGER test_refuse_insert ${sql.raw(when)} INSERT ON ${sql.table(table)} FOR EACH ROW
    WHEN (${condition}) EXECUTE FUNCTION test_refuse_insert()`.execute(t.db);
  try {
    await fn();
  } finally {
    await sql`DROP TRIGGER test_refuse_insert ON ${sql.table(table)}`.execute(t.db);
    await sql`DROP FUNCTION test_refuse_insert()`.execute(t.db);
  }
}

describe('audit entries of dossier actions', () => {
  it('writes exactly one entry per action, in step with the history row', async () => {
    t.setNow('2026-03-02T09:00:00+07:00');
    const code = await submitOnline();
    const id = await dossierIdOf(code);
    const created = await auditOf(id);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      occurredAt: new Date('2026-03-02T09:00:00+07:00'),
      actorType: 'citizen',
      actorId: citizen.id,
      eventType: 'dossier.created',
      entityType: 'dossier',
      summary: { code, channel: 'online', status: 'submitted', procedureCode },
    });
    expect(created[0]?.requestId).toMatch(UUID);

    const steps: [TestOfficer | TestCitizen, Record<string, unknown>, string, string][] = [
      [
        cast.receiving,
        {
          action: 'request_supplement',
          reason: 'Đơn chưa ký',
          items: [{ componentCode: 'don', name: 'Đơn đề nghị', reason: 'Chưa có chữ ký' }],
        },
        'submitted',
        'awaiting_supplement',
      ],
      [citizen, { action: 'supply', note: 'Đã ký đơn' }, 'awaiting_supplement', 'submitted'],
      [cast.receiving, { action: 'accept' }, 'submitted', 'received'],
      [cast.receiving, { action: 'transfer' }, 'received', 'processing'],
      [
        cast.divisionHead,
        { action: 'complete_step', assigneeId: cast.specialist.id },
        'processing',
        'processing',
      ],
      [cast.specialist, { action: 'complete_step', note: 'Đủ điều kiện' }, 'processing', 'processing'],
      [cast.leader, { action: 'approve' }, 'processing', 'processing'],
      [
        cast.clerk,
        { action: 'issue_result', resultNumber: '31/GPXD', summary: 'Giấy phép xây dựng số 31/GPXD' },
        'processing',
        'result_ready',
      ],
      [
        cast.receiving,
        { action: 'return_result', method: 'counter', receiverName: 'Nguyễn Văn An' },
        'result_ready',
        'returned',
      ],
    ];
    let version = 1;
    let minute = 0;
    for (const [actor, body, from, to] of steps) {
      minute += 17;
      const at = new Date(new Date('2026-03-09T08:00:00+07:00').getTime() + minute * 60_000);
      t.setNow(at);
      const before = await auditOf(id);
      const d = await mustAct(t, actor.token, code, { ...body, expectedVersion: version });
      version += 1;
      expect(d.version).toBe(version);
      const added = (await auditOf(id)).slice(before.length);
      const action = body['action'] as string;
      expect({ action, count: added.length }).toEqual({ action, count: 1 });
      const entry = added[0];
      expect(entry).toMatchObject({
        occurredAt: at,
        actorType: actor === citizen ? 'citizen' : 'officer',
        actorId: actor.id,
        eventType: 'dossier.transitioned',
        entityType: 'dossier',
        entityId: id,
        summary: { code, action, from, to, version },
      });
      expect(entry?.requestId).toMatch(UUID);
      const history = await t.db
        .selectFrom('dossierTransition')
        .select(['action', 'fromStatus', 'toStatus', 'occurredAt', 'actorId'])
        .where('dossierId', '=', id)
        .where('seq', '=', version)
        .executeTakeFirstOrThrow();
      expect(history).toEqual({ action, fromStatus: from, toStatus: to, occurredAt: at, actorId: actor.id });
    }
    const all = await auditOf(id);
    expect(all.map((e) => e.eventType)).toEqual([
      'dossier.created',
      ...steps.map(() => 'dossier.transitioned'),
    ]);
    // Entries are in the order of the actions, and never carry the applicant's personal data.
    expect(all.map((e) => (e.summary as { version?: number }).version ?? 1)).toEqual(
      Array.from({ length: steps.length + 1 }, (_, i) => i + 1),
    );
    expect(JSON.stringify(all.map((e) => e.summary))).not.toContain(citizen.idNumber);
  });

  it('writes nothing for a refused or invalid action', async () => {
    t.setNow('2026-03-10T09:00:00+07:00');
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    const before = await auditCount();
    const refused: [string, Awaited<ReturnType<typeof act>>, number][] = [
      [
        'stale version',
        await act(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 7 }),
        409,
      ],
      [
        'not allowed now',
        await act(t, cast.leader.token, code, { action: 'approve', expectedVersion: 1 }),
        409,
      ],
      [
        'wrong role',
        await act(t, cast.specialist.token, code, { action: 'transfer', expectedVersion: 1 }),
        403,
      ],
      [
        'not visible',
        await act(t, cast.outsider.token, code, { action: 'transfer', expectedVersion: 1 }),
        404,
      ],
      ['invalid body', await act(t, cast.receiving.token, code, { action: 'transfer' }), 400],
    ];
    for (const [label, res, status] of refused)
      expect({ label, status: res.status }).toEqual({ label, status });
    expect(await auditCount()).toBe(before);
  });

  it('saves an action and its audit entry together or not at all', async () => {
    t.setNow('2026-03-11T09:00:00+07:00');
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    const id = await dossierIdOf(code);
    const transfer = { action: 'transfer', expectedVersion: 1 };

    // The audit entry cannot be written: the action is not saved either.
    await withFailingInsert(
      'audit_log',
      'BEFORE',
      sql`NEW.entity_id = ${sql.lit(id)} AND NEW.event_type = 'dossier.transitioned'`,
      async () => {
        const res = await act(t, cast.receiving.token, code, transfer);
        expect(res.status).toBe(500);
      },
    );
    const untouched = await t.db
      .selectFrom('dossier')
      .select(['status', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(untouched).toEqual({ status: 'received', version: 1 });
    const history = await t.db
      .selectFrom('dossierTransition')
      .select('seq')
      .where('dossierId', '=', id)
      .execute();
    expect(history).toEqual([{ seq: 1 }]);
    const outbox = await t.db
      .selectFrom('outboxMessage')
      .select('topic')
      .where('aggregateId', '=', id)
      .execute();
    expect(outbox).toEqual([{ topic: 'dossier.created' }]);

    // A write after the audit entry fails: the audit entry is rolled back with the action.
    await withFailingInsert(
      'outbox_message',
      'AFTER',
      sql`NEW.aggregate_id = ${sql.lit(id)} AND NEW.topic = 'dossier.status_changed'`,
      async () => {
        const res = await act(t, cast.receiving.token, code, transfer);
        expect(res.status).toBe(500);
      },
    );
    expect((await auditOf(id)).map((e) => e.eventType)).toEqual(['dossier.created']);

    // Without the failure, both are saved.
    await mustAct(t, cast.receiving.token, code, transfer);
    expect((await auditOf(id)).map((e) => e.eventType)).toEqual(['dossier.created', 'dossier.transitioned']);
  });
});

describe('audit_log is append-only (database trigger)', () => {
  it('rejects UPDATE and DELETE, even of a single row, and keeps the row as written', async () => {
    t.setNow('2026-03-12T09:00:00+07:00');
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    const id = await dossierIdOf(code);
    const [entry] = await auditOf(id);
    if (!entry) throw new Error('no audit entry');

    await expect(
      t.db
        .updateTable('auditLog')
        .set({ summary: JSON.stringify({}) })
        .where('id', '=', entry.id)
        .execute(),
    ).rejects.toThrow('audit_log is append-only');
    await expect(
      t.db.updateTable('auditLog').set({ actorId: null }).where('entityId', '=', id).execute(),
    ).rejects.toThrow('audit_log is append-only');
    await expect(t.db.deleteFrom('auditLog').where('id', '=', entry.id).execute()).rejects.toThrow(
      'audit_log is append-only',
    );
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow('audit_log is append-only');
    // Inside a transaction the failure aborts the whole transaction.
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('auditLog').where('id', '=', entry.id).execute();
      }),
    ).rejects.toThrow('audit_log is append-only');

    expect(await auditOf(id)).toEqual([entry]);
    // Appending still works.
    await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 });
    expect(await auditOf(id)).toHaveLength(2);
  });
});

describe('GET /api/audit', () => {
  it('is readable by admins and supervisors only', async () => {
    const url = '/api/audit?limit=5';
    const cases: [string, string | undefined, number, string | undefined][] = [
      ['admin', cast.admin.token, 200, undefined],
      ['supervisor', supervisor.token, 200, undefined],
      ['receiving officer', cast.receiving.token, 403, 'FORBIDDEN'],
      ['specialist', cast.specialist.token, 403, 'FORBIDDEN'],
      ['leader', cast.leader.token, 403, 'FORBIDDEN'],
      ['citizen', citizen.token, 403, 'FORBIDDEN'],
      ['anonymous', undefined, 401, 'UNAUTHENTICATED'],
    ];
    for (const [who, token, status, code] of cases) {
      const r = await call(t, 'GET', url, token ? { token } : {});
      expect({ who, status: r.status, code: r.json.error?.code }).toEqual({ who, status, code });
    }
  });

  it('filters by entity and actor, newest first, and pages with beforeId', async () => {
    t.setNow('2026-03-13T09:00:00+07:00');
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    const id = await dossierIdOf(code);
    t.setNow('2026-03-13T09:10:00+07:00');
    const d = await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 });
    t.setNow('2026-03-13T09:20:00+07:00');
    await mustAct(t, cast.divisionHead.token, code, {
      action: 'complete_step',
      expectedVersion: d.version,
      assigneeId: cast.specialist.id,
    });
    const stored = await auditOf(id);
    expect(stored).toHaveLength(3);

    const res = await call(t, 'GET', `/api/audit?entityType=dossier&entityId=${id}`, {
      token: cast.admin.token,
    });
    expect(res.status).toBe(200);
    const entries = res.json as unknown as Record<string, unknown>[];
    expect(entries).toEqual(
      [...stored].reverse().map((e) => ({
        id: e.id,
        occurredAt: e.occurredAt.toISOString(),
        actorType: e.actorType,
        actorId: e.actorId,
        eventType: e.eventType,
        entityType: 'dossier',
        entityId: id,
        summary: e.summary,
        requestId: e.requestId,
      })),
    );
    expect(entries.map((e) => e['occurredAt'])).toEqual([
      '2026-03-13T02:20:00.000Z',
      '2026-03-13T02:10:00.000Z',
      '2026-03-13T02:00:00.000Z',
    ]);

    const page1 = await call(t, 'GET', `/api/audit?entityId=${id}&limit=2`, { token: supervisor.token });
    const ids1 = (page1.json as unknown as { id: number }[]).map((e) => e.id);
    expect(ids1).toEqual([stored[2]?.id, stored[1]?.id]);
    const page2 = await call(t, 'GET', `/api/audit?entityId=${id}&limit=2&beforeId=${ids1[1]}`, {
      token: supervisor.token,
    });
    expect((page2.json as unknown as { id: number }[]).map((e) => e.id)).toEqual([stored[0]?.id]);

    const byActor = await call(t, 'GET', `/api/audit?entityId=${id}&actorId=${cast.divisionHead.id}`, {
      token: cast.admin.token,
    });
    expect(
      (byActor.json as unknown as { id: number; summary: { action: string } }[]).map((e) => [
        e.id,
        e.summary.action,
      ]),
    ).toEqual([[stored[2]?.id, 'complete_step']]);

    for (const query of [
      'limit=0',
      'limit=501',
      'actorId=can-bo',
      'beforeId=0',
      'entityType=' + 'x'.repeat(41),
      'from=2026-03-01',
    ]) {
      const r = await call(t, 'GET', `/api/audit?${query}`, { token: cast.admin.token });
      expect({ query, status: r.status, code: r.json.error?.code }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
  });
});
