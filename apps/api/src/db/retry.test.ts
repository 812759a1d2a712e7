import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../test/test-databases.ts';
import { useTestContext } from '../../test/test-context.ts';
import { openDatabase, type DatabaseHandle } from './database.ts';
import { isTransactionConflict, retryOnConflict } from './retry.ts';

const t = useTestContext();

const conflict = (code: string) => Object.assign(new Error(`conflict ${code}`), { code });

describe('retryOnConflict', () => {
  it('runs a transaction aborted as a deadlock victim or for serialization again, at most three times', async () => {
    let runs = 0;
    await expect(
      retryOnConflict(async () => {
        runs++;
        if (runs < 3) throw conflict(runs === 1 ? '40P01' : '40001');
        return 'committed';
      }),
    ).resolves.toBe('committed');
    expect(runs).toBe(3);

    runs = 0;
    await expect(
      retryOnConflict(async () => {
        runs++;
        throw conflict('40P01');
      }),
    ).rejects.toThrow('conflict 40P01');
    expect(runs).toBe(3);
  });

  it('does not run again on any other error (a constraint, a lock timeout, a bug)', async () => {
    for (const error of [conflict('23505'), conflict('55P03'), new TypeError('bug')]) {
      let runs = 0;
      await expect(
        retryOnConflict(async () => {
          runs++;
          throw error;
        }),
      ).rejects.toBe(error);
      expect(runs).toBe(1);
    }
    expect(isTransactionConflict(null)).toBe(false);
  });

  describe.runIf(t.mode === 'postgres')('on the server', () => {
    let handle: DatabaseHandle | undefined;
    afterAll(() => handle?.close());

    it('lets both transactions of a real deadlock commit: the victim runs again', async () => {
      const name = (await sql<{ n: string }>`SELECT current_database() AS n`.execute(t.db)).rows[0]!.n;
      handle = await openDatabase({ mode: 'postgres', url: testDatabaseUrl(name), poolSize: 2 });
      const db = handle.db;
      await sql`CREATE TABLE deadlock_probe (id int PRIMARY KEY, hits int NOT NULL)`.execute(db);
      await sql`INSERT INTO deadlock_probe VALUES (1, 0), (2, 0)`.execute(db);

      // Each transaction locks its first row, waits until the other has locked its own, then
      // asks for the other's row: PostgreSQL aborts one of them (40P01).
      let locked = 0;
      const bothLocked = new Promise<void>((resolve) => {
        const poll = () => (locked >= 2 ? resolve() : setTimeout(poll, 2));
        poll();
      });
      let runs = 0;
      const crossing = (first: number, second: number) =>
        retryOnConflict(() =>
          db.transaction().execute(async (trx) => {
            runs++;
            await sql`UPDATE deadlock_probe SET hits = hits + 1 WHERE id = ${first}`.execute(trx);
            locked++;
            await bothLocked;
            await sql`UPDATE deadlock_probe SET hits = hits + 1 WHERE id = ${second}`.execute(trx);
          }),
        );
      await Promise.all([crossing(1, 2), crossing(2, 1)]);
      expect(runs).toBe(3);
      const rows = await sql<{
        id: number;
        hits: number;
      }>`SELECT id, hits FROM deadlock_probe ORDER BY id`.execute(db);
      // Both committed once each: the aborted run left nothing.
      expect(rows.rows).toEqual([
        { id: 1, hits: 2 },
        { id: 2, hits: 2 },
      ]);
    });
  });
});
