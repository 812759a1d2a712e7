import { sql } from 'kysely';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  counterBody,
  dossiersWithStaleTimeline,
  makeCast,
  mustAct,
  receiveAtCounter,
  type Cast,
} from '../../../test/dossier-helpers.ts';
import { testDatabaseUrl } from '../../../test/test-databases.ts';
import { call, useTestContext } from '../../../test/test-context.ts';
import { backfillTimelines } from './dossier-timeline.service.ts';

/**
 * The public timeline on the dossier row (ADR 0017): written with every history row, read by the
 * public lookup in one row; dossiers written before the column read their history rows (same
 * answer) until `motcua backfill-timelines` fills them.
 */

const t = useTestContext();
let cast: Cast;
let procedureCode: string;

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
});

/** The column, and what the history rows say it must be. */
async function timelines(code: string) {
  const row = await t.db
    .selectFrom('dossier')
    .select(['id', 'publicTimeline'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  const history = await t.db
    .selectFrom('dossierTransition')
    .select(['action', 'occurredAt'])
    .where('dossierId', '=', row.id)
    .orderBy('seq')
    .execute();
  return {
    id: row.id,
    column: row.publicTimeline as { action: string; at: string }[] | null,
    expected: history.map((h) => ({ action: h.action, at: h.occurredAt.toISOString() })),
  };
}

async function lookup(code: string, secret: string) {
  const res = await call(t, 'GET', `/api/public/lookup?code=${code}&secret=${secret}`);
  expect(res.status).toBe(200);
  return res.json;
}

describe('the public timeline on the dossier row', () => {
  it('is appended with every action and answers the lookup like the history rows do', async () => {
    const received = await receiveAtCounter(t, cast, procedureCode);
    const code = received.code;
    t.setNow('2026-03-02T10:00:00+07:00');
    let d = await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 });
    t.setNow('2026-03-03T08:30:00+07:00');
    d = await mustAct(t, cast.divisionHead.token, code, {
      action: 'complete_step',
      expectedVersion: d.version,
      assigneeId: cast.specialist.id,
    });
    t.setNow('2026-03-03T14:00:00+07:00');
    d = await mustAct(t, cast.specialist.token, code, {
      action: 'request_supplement',
      expectedVersion: d.version,
      reason: 'Hồ sơ thiếu bản vẽ mặt bằng móng',
      items: [{ componentCode: 'ban-ve', name: 'Bản vẽ thiết kế', reason: 'Thiếu bản vẽ mặt bằng móng' }],
    });

    const { id, column, expected } = await timelines(code);
    expect(expected.map((e) => e.action)).toEqual([
      'receive',
      'transfer',
      'complete_step',
      'request_supplement',
    ]);
    expect(column).toEqual(expected);

    const fromRow = await lookup(code, received.lookupSecret);
    expect((fromRow['timeline'] as unknown[]).length).toBeGreaterThanOrEqual(3);
    // A dossier written before the column existed: the same answer from the history rows.
    await t.db.updateTable('dossier').set({ publicTimeline: null }).where('id', '=', id).execute();
    expect(await lookup(code, received.lookupSecret)).toEqual(fromRow);

    // An action on such a dossier leaves it to the backfill (no partial timeline).
    t.setNow('2026-03-04T09:00:00+07:00');
    await mustAct(t, cast.receiving.token, code, {
      action: 'supply',
      expectedVersion: d.version,
      note: 'Đã nộp bản vẽ',
    });
    expect((await timelines(code)).column).toBeNull();
    const beforeBackfill = await lookup(code, received.lookupSecret);

    const report = await backfillTimelines(t.ctx, { batchSize: 1 });
    expect(report.filled).toBeGreaterThanOrEqual(1);
    const after = await timelines(code);
    expect(after.column).toEqual(after.expected);
    expect(after.expected.at(-1)?.action).toBe('supply');
    expect(await lookup(code, received.lookupSecret)).toEqual(beforeBackfill);
    // Nothing left: a second run fills nothing.
    expect(await backfillTimelines(t.ctx)).toEqual({ filled: 0, batches: 0, remaining: 0 });
  });

  it('holds both rows of a counter refusal (T4), written in the intake transaction', async () => {
    const res = await call(t, 'POST', '/api/dossiers/counter', {
      token: cast.receiving.token,
      body: counterBody(procedureCode, cast.tree.provinceCentre.id, {
        decision: 'refuse',
        reason: 'Không thuộc thẩm quyền giải quyết của tỉnh',
      }),
    });
    expect(res.status).toBe(201);
    const { column, expected } = await timelines(String(res.json.code));
    expect(expected.length).toBe(2);
    expect(column).toEqual(expected);
  });

  it('refuses a batch size that is not a whole number ≥ 1, changing nothing', async () => {
    await sql`UPDATE dossier SET public_timeline = NULL`.execute(t.db);
    for (const batchSize of [0, -5, 1.5, Number.NaN])
      await expect(backfillTimelines(t.ctx, { batchSize })).rejects.toThrow(/batch size must be at least 1/);
    const filled = await t.db
      .selectFrom('dossier')
      .select('id')
      .where('publicTimeline', 'is not', null)
      .execute();
    expect(filled).toEqual([]);
  });

  it('is filled by the backfill for every dossier without one, in batches', async () => {
    for (let i = 0; i < 3; i++) await receiveAtCounter(t, cast, procedureCode);
    await sql`UPDATE dossier SET public_timeline = NULL`.execute(t.db);
    const total = Number(
      (
        await t.db
          .selectFrom('dossier')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const progress: number[] = [];
    const report = await backfillTimelines(t.ctx, {
      batchSize: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(report).toEqual({ filled: total, batches: Math.ceil(total / 2), remaining: 0 });
    expect(progress.at(-1)).toBe(total);
    const left = await t.db.selectFrom('dossier').select('id').where('publicTimeline', 'is', null).execute();
    expect(left).toEqual([]);
  });

  it.runIf(t.mode === 'postgres')(
    'leaves a dossier held by an action for a later run, and says how many are left',
    async () => {
      const held = await receiveAtCounter(t, cast, procedureCode);
      await sql`UPDATE dossier SET public_timeline = NULL`.execute(t.db);
      const name = (await sql<{ n: string }>`SELECT current_database() AS n`.execute(t.db)).rows[0]!.n;
      const other = new pg.Client({ connectionString: testDatabaseUrl(name) });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('SELECT id FROM dossier WHERE code = $1 FOR UPDATE', [held.code]);
        const first = await backfillTimelines(t.ctx, { batchSize: 3 });
        expect(first.remaining).toBe(1);
        expect(first.filled).toBeGreaterThan(0);
      } finally {
        await other.query('ROLLBACK');
        await other.end();
      }
      expect(await backfillTimelines(t.ctx)).toEqual({ filled: 1, batches: 1, remaining: 0 });
      expect(await dossiersWithStaleTimeline(t.db)).toEqual([]);
    },
  );
});
