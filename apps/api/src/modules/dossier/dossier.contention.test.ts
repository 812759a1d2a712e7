import pg from 'pg';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { counterBody, makeCast, type Cast } from '../../../test/dossier-helpers.ts';
import { testDatabaseUrl } from '../../../test/test-databases.ts';
import { call, useTestContext } from '../../../test/test-context.ts';

/**
 * Intake when something else holds the day's code counter (ADR 0016): on PostgreSQL the counter
 * is bumped on its own pool with a `lock_timeout`, so an intake does not hang behind a stuck
 * transaction; it answers 503 DATABASE_BUSY, writes nothing and skips no number.
 */

const t = useTestContext();
let cast: Cast;
let procedureCode: string;

beforeAll(async () => {
  t.setNow('2026-03-04T09:00:00+07:00');
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
});

async function intake() {
  return call(t, 'POST', '/api/dossiers/counter', {
    token: cast.receiving.token,
    body: counterBody(procedureCode, cast.tree.provinceCentre.id),
  });
}

async function rowCounts() {
  const count = async (table: 'dossier' | 'auditLog' | 'outboxMessage' | 'dossierTransition') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    dossiers: await count('dossier'),
    history: await count('dossierTransition'),
    audit: await count('auditLog'),
    outbox: await count('outboxMessage'),
  };
}

describe.runIf(t.mode === 'postgres')(
  'intake while the code counter row is held by another transaction',
  () => {
    it('answers 503 DATABASE_BUSY after the lock timeout, writes nothing, and the next intake takes the next number', async () => {
      const first = await intake();
      expect(first.status).toBe(201);
      const firstCode = String(first.json.code);
      const [, agency, , number] = /^(.+)-(\d{6})-(\d{4})$/.exec(firstCode) ?? [];
      expect(agency).toBeTruthy();

      const name = (await sql<{ n: string }>`SELECT current_database() AS n`.execute(t.db)).rows[0]!.n;
      const client = new pg.Client({ connectionString: testDatabaseUrl(name) });
      await client.connect();
      try {
        // An operator's transaction left open on the counter row.
        await client.query('BEGIN');
        const held = await client.query(
          `SELECT last_value FROM dossier_code_sequence WHERE agency_code = $1 AND day = '2026-03-04' FOR UPDATE`,
          [agency],
        );
        expect(held.rows).toEqual([{ last_value: Number(number) }]);

        const before = await rowCounts();
        const startedAt = Date.now();
        const busy = await intake();
        const waited = Date.now() - startedAt;
        expect(busy.status).toBe(503);
        expect(busy.json.error?.code).toBe('DATABASE_BUSY');
        expect(busy.json.error?.message).toContain('thử lại');
        // It waited for the lock timeout (5 s), not for the holder to finish.
        expect(waited).toBeGreaterThanOrEqual(4_500);
        expect(await rowCounts()).toEqual(before);
      } finally {
        await client.query('ROLLBACK');
        await client.end();
      }

      const next = await intake();
      expect(next.status).toBe(201);
      // The timed-out statement took no number: no gap.
      expect(String(next.json.code)).toBe(
        `${agency}-${firstCode.split('-')[1]}-${String(Number(number) + 1).padStart(4, '0')}`,
      );
    });
  },
);

describe('intake whose transaction PostgreSQL aborts as a deadlock victim', () => {
  it('runs it again and uses the number the first run took: no gap, one dossier', async () => {
    const first = await intake();
    expect(first.status).toBe(201);
    const firstCode = String(first.json.code);
    const number = Number(firstCode.slice(-4));
    // The first run fails after the number is taken (its outbox insert), like a deadlock victim;
    // a sequence is not transactional, so the second run passes.
    await sql`CREATE SEQUENCE deadlock_probe`.execute(t.db);
    await sql`CREATE FUNCTION deadlock_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('deadlock_probe') = 1 THEN
          RAISE EXCEPTION 'deadlock detected (simulated)' USING ERRCODE = '40P01';
        END IF;
        RETURN NEW;
      END $$`.execute(t.db);
    await sql`CREATE TRIGGER deadlock_once BEFORE INSERT ON outbox_message
      FOR EACH ROW EXECUTE FUNCTION deadlock_once()`.execute(t.db);
    try {
      const before = await rowCounts();
      const retried = await intake();
      expect(retried.status).toBe(201);
      const runs = await sql<{ n: number }>`SELECT last_value::int AS n FROM deadlock_probe`.execute(t.db);
      expect(runs.rows[0]?.n).toBe(2);
      expect(String(retried.json.code)).toBe(
        `${firstCode.slice(0, -4)}${String(number + 1).padStart(4, '0')}`,
      );
      const after = await rowCounts();
      expect(after.dossiers).toBe(before.dossiers + 1);
      expect(after.outbox).toBe(before.outbox + 1);
    } finally {
      await sql`DROP TRIGGER deadlock_once ON outbox_message`.execute(t.db);
      await sql`DROP FUNCTION deadlock_once()`.execute(t.db);
      await sql`DROP SEQUENCE deadlock_probe`.execute(t.db);
    }
  });
});
