import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../test/test-databases.ts';
import { useTestContext } from '../../test/test-context.ts';
import { nextCodeSequence } from '../modules/dossier/dossier.repository.ts';
import { openDatabase, type DatabaseHandle, type DbExecutor } from './database.ts';
import { MAX_AUTO_PREPARED_TEXT, StatementTemplate } from './prepared-statements.ts';

const t = useTestContext();
const isPostgres = t.mode === 'postgres';

const unitByAgency = new StatementTemplate({ agencyCode: '' }, (db, p) =>
  db.selectFrom('unit').select(['id', 'name']).where('agencyCode', '=', p.agencyCode).limit(1),
);

async function databaseName(): Promise<string> {
  const r = await sql<{ name: string }>`SELECT current_database() AS name`.execute(t.db);
  return r.rows[0]?.name ?? '';
}

describe('statement templates', () => {
  it('run with the values in their slots, outside and inside a transaction', async () => {
    const tree = await t.standardTree();
    const [a] = await unitByAgency.run(t.db, { agencyCode: tree.province.agencyCode });
    expect(a).toEqual({ id: tree.province.id, name: tree.province.name });
    const inTrx = await t.db
      .transaction()
      .execute((trx) => unitByAgency.run(trx, { agencyCode: tree.commune.agencyCode }));
    expect(inTrx).toEqual([{ id: tree.commune.id, name: tree.commune.name }]);
    expect(await unitByAgency.run(t.db, { agencyCode: 'no-such-agency' })).toEqual([]);
  });

  it('refuse a value used inside an expression (it would bind something else)', async () => {
    const inExpression = new StatementTemplate({ name: '' }, (db, p) =>
      db.selectFrom('unit').select('id').where('name', 'like', `${p.name}%`),
    );
    await expect(inExpression.run(t.db, { name: 'x' })).rejects.toThrow(/inside an expression/);
  });

  it('refuse a value the query does not bind (it would be silently ignored)', async () => {
    const unbound = new StatementTemplate({ code: '' }, (db) => db.selectFrom('unit').select('id'));
    await expect(unbound.run(t.db, { code: 'x' })).rejects.toThrow(/code is not bound/);
  });
});

describe.runIf(isPostgres)('named prepared statements on the server', () => {
  const handles: DatabaseHandle[] = [];
  // One connection per pool, so that pg_prepared_statements (one session's) sees them all.
  const open = async (prepareThreshold: number) => {
    const handle = await openDatabase({
      mode: 'postgres',
      url: testDatabaseUrl(await databaseName()),
      poolSize: 1,
      prepareThreshold,
    });
    handles.push(handle);
    return handle;
  };
  const prepared = async (handle: DatabaseHandle) =>
    (
      await sql<{
        name: string;
        statement: string;
      }>`SELECT name, statement FROM pg_prepared_statements ORDER BY name`.execute(handle.db)
    ).rows;

  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
  });

  it('prepares a template from its first run, and a statement once it has run the threshold times', async () => {
    const tree = await t.standardTree();
    const handle = await open(3);
    await unitByAgency.run(handle.db, { agencyCode: tree.province.agencyCode });
    const afterTemplate = await prepared(handle);
    expect(afterTemplate).toHaveLength(1);
    expect(afterTemplate[0]?.name).toMatch(/^motcua_[0-9a-f]{20}$/);
    expect(afterTemplate[0]?.statement).toContain('"agency_code" = $1');

    // A text no other code runs (the run counts are per process).
    const byName = (username: string) =>
      handle.db
        .selectFrom('officer')
        .select(['id', 'fullName'])
        .where('username', '=', username)
        .where('fullName', 'like', 'prepared-statements test%')
        .execute();
    await byName('a');
    await byName('b');
    expect(await prepared(handle)).toHaveLength(1);
    await byName('c');
    const afterThree = await prepared(handle);
    expect(afterThree.map((s) => s.statement).some((s) => s.includes('"username" = $1'))).toBe(true);
    // Prepared or not, the answers are the same.
    expect(await byName(tree.province.agencyCode)).toEqual([]);
  });

  it('never prepares a text longer than MAX_AUTO_PREPARED_TEXT (a bulk statement carrying its data)', async () => {
    const handle = await open(1);
    // One long literal list: the text, not the parameters, holds the data.
    const names = Array.from({ length: 1_500 }, (_, i) => `'long-text-probe-${i}'`).join(', ');
    const long = `SELECT count(*)::int AS n FROM unit WHERE name IN (${names})`;
    expect(long.length).toBeGreaterThan(MAX_AUTO_PREPARED_TEXT);
    for (let i = 0; i < 3; i++) await sql.raw(long).execute(handle.db);
    expect(await prepared(handle)).toEqual([]);
  });

  it('prepares nothing with DB_PREPARE_THRESHOLD=0 (a transaction-mode pooler in front)', async () => {
    const tree = await t.standardTree();
    const handle = await open(0);
    for (let i = 0; i < 6; i++) {
      await unitByAgency.run(handle.db, { agencyCode: tree.province.agencyCode });
      await handle.db
        .selectFrom('unit')
        .select('id')
        .where('name', '=', `x${i % 2}`)
        .execute();
    }
    expect(await prepared(handle)).toEqual([]);
  });

  it('recovers when a migration changes what a prepared statement returns, on every connection', async () => {
    await sql`CREATE TABLE prep_stale_probe (id integer PRIMARY KEY, a text)`.execute(t.db);
    try {
      await sql`INSERT INTO prep_stale_probe VALUES (1, 'one')`.execute(t.db);
      const first = await open(1);
      const second = await open(1);
      const read = async (db: DbExecutor) =>
        (await sql<Record<string, unknown>>`SELECT * FROM prep_stale_probe WHERE id = ${1}`.execute(db)).rows;
      expect(await read(first.db)).toEqual([{ id: 1, a: 'one' }]);
      expect(await read(second.db)).toEqual([{ id: 1, a: 'one' }]);
      expect((await prepared(first)).some((s) => s.statement.includes('prep_stale_probe'))).toBe(true);

      await sql`ALTER TABLE prep_stale_probe ADD COLUMN b text DEFAULT 'bee'`.execute(t.db);
      // Outside a transaction the refused statement is prepared again and run: no error.
      expect(await read(first.db)).toEqual([{ id: 1, a: 'one', b: 'bee' }]);
      // The other warm connection uses the new names at once, even inside a transaction.
      expect(await second.db.transaction().execute((trx) => read(trx))).toEqual([
        { id: 1, a: 'one', b: 'bee' },
      ]);

      await sql`ALTER TABLE prep_stale_probe ADD COLUMN c integer DEFAULT 3`.execute(t.db);
      // Inside a transaction PostgreSQL has aborted it: the caller sees the error once...
      await expect(first.db.transaction().execute((trx) => read(trx))).rejects.toThrow(
        /cached plan must not change result type/,
      );
      // ...and the next run is prepared anew, on this connection and on the other.
      const fresh = [{ id: 1, a: 'one', b: 'bee', c: 3 }];
      expect(await first.db.transaction().execute((trx) => read(trx))).toEqual(fresh);
      expect(await second.db.transaction().execute((trx) => read(trx))).toEqual(fresh);
      expect(await read(second.db)).toEqual(fresh);
    } finally {
      await sql`DROP TABLE prep_stale_probe`.execute(t.db);
    }
  });

  it('prepares a statement again when the session lost it (DEALLOCATE ALL, DISCARD ALL)', async () => {
    const tree = await t.standardTree();
    const handle = await open(1);
    const expected = [{ id: tree.province.id, name: tree.province.name }];
    expect(await unitByAgency.run(handle.db, { agencyCode: tree.province.agencyCode })).toEqual(expected);
    await sql`DEALLOCATE ALL`.execute(handle.db);
    expect(await prepared(handle)).toEqual([]);
    expect(await unitByAgency.run(handle.db, { agencyCode: tree.province.agencyCode })).toEqual(expected);
    expect(await prepared(handle)).toHaveLength(1);

    await sql`DEALLOCATE ALL`.execute(handle.db);
    await expect(
      handle.db
        .transaction()
        .execute((trx) => unitByAgency.run(trx, { agencyCode: tree.province.agencyCode })),
    ).rejects.toThrow(/does not exist/);
    expect(
      await handle.db
        .transaction()
        .execute((trx) => unitByAgency.run(trx, { agencyCode: tree.province.agencyCode })),
    ).toEqual(expected);
  });
});

describe('the day number of dossier codes', () => {
  beforeAll(async () => {
    await t.standardTree();
  });

  it.runIf(isPostgres)(
    'is taken in a transaction of its own: an intake still open does not hold the counter',
    async () => {
      const day = '2026-03-02';
      const agency = `TEST.${Date.now()}`;
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let firstNumber = 0;
      // An intake transaction that has taken its number and has not committed yet.
      const open = t.db.transaction().execute(async (trx) => {
        firstNumber = await nextCodeSequence(t.db, trx, agency, day);
        await held;
      });
      while (firstNumber === 0) await new Promise((r) => setTimeout(r, 5));
      // Another intake gets the next number at once (before, it waited for the commit above).
      const second = await t.db.transaction().execute((trx) => nextCodeSequence(t.db, trx, agency, day));
      expect([firstNumber, second]).toEqual([1, 2]);
      release();
      await open;
    },
  );

  it.runIf(!isPostgres)('is taken inside the transaction on PGlite (one connection)', async () => {
    const day = '2026-03-02';
    const agency = `TEST.${Date.now()}`;
    await expect(
      t.db.transaction().execute(async (trx) => {
        expect(await nextCodeSequence(t.db, trx, agency, day)).toBe(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // Rolled back with the transaction: the next intake gets 1 again.
    expect(await t.db.transaction().execute((trx) => nextCodeSequence(t.db, trx, agency, day))).toBe(1);
  });
});
