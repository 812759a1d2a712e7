import crypto from 'node:crypto';
import type { Compilable, CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Database, DbExecutor } from './database.ts';

/**
 * Named prepared statements on the PostgreSQL server (ADR 0016).
 *
 * Kysely compiles a query on every call and `pg` sends it unnamed, so PostgreSQL parses and plans
 * every statement every time; under load that planning is a large share of the database's CPU
 * (the public lookup, a join with JSON aggregates, ran 2.5 times faster prepared: measured in
 * docs/performance.md). Two ways in:
 *
 * - the pool's client (`preparingClient`) prepares a statement text once it has been run
 *   `threshold` times in this process (what pgJDBC does by default, `prepareThreshold=5`):
 *   PostgreSQL then plans it once per connection and keeps a generic plan only when it is not
 *   costlier than the custom ones. At most `MAX_AUTO_PREPARED` texts are prepared (queries whose
 *   text varies with the data, such as `IN` lists of every length, cannot fill the server's
 *   memory); the rest stay unnamed. `DB_PREPARE_THRESHOLD=0` turns this off (a transaction-mode
 *   connection pooler in front of PostgreSQL that cannot keep named statements).
 * - a `StatementTemplate`, for the hottest fixed-shape queries: built and compiled once, prepared
 *   from its first run, and run with the real values in the compiled parameter slots (no Kysely
 *   compilation per call either).
 *
 * PGlite runs the same SQL unnamed (one in-process connection).
 */

/** SQL text → statement name (`motcua_` + a hash of the text: one text, one name). */
const preparedNames = new Map<string, string>();
/**
 * How often each not-yet-prepared text has run, keyed by its statement name (a hash: the map
 * holds no SQL texts), cleared when it grows too large.
 */
const seen = new Map<string, number>();
const MAX_AUTO_PREPARED = 500;
const MAX_SEEN = 20_000;
/**
 * Texts longer than this are never prepared automatically: they are the bulk statements whose
 * text carries the data (multi-row inserts, long `IN` lists), which no other call repeats, and
 * hashing them on every run would cost more than it saves.
 */
export const MAX_AUTO_PREPARED_TEXT = 16_384;
let autoPrepared = 0;
/**
 * Bumped when the server says a prepared statement's result type changed (a migration altered a
 * table it reads): every statement is then prepared again under a new name on every connection,
 * so the other warm connections do not fail on their old plans (see `preparingClient`).
 */
let generation = 0;

function nameOf(sqlText: string): string {
  return `motcua_${crypto.createHash('sha256').update(sqlText).digest('hex').slice(0, 20)}`;
}

function countRun(sqlText: string, threshold: number): string | undefined {
  if (autoPrepared >= MAX_AUTO_PREPARED || sqlText.length > MAX_AUTO_PREPARED_TEXT) return undefined;
  const name = nameOf(sqlText);
  const n = (seen.get(name) ?? 0) + 1;
  if (n < threshold) {
    if (seen.size >= MAX_SEEN) seen.clear();
    seen.set(name, n);
    return undefined;
  }
  seen.delete(name);
  preparedNames.set(sqlText, name);
  autoPrepared += 1;
  return name;
}

function withGeneration(name: string): string {
  return generation === 0 ? name : `${name}_g${generation}`;
}

/** How a named statement failed for a reason of its own, not of the query (which PostgreSQL did not run). */
function staleStatement(error: unknown): 'result-type-changed' | 'missing' | null {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return null;
  // 0A000 "cached plan must not change result type": a table the statement reads was altered.
  if (
    e.code === '0A000' &&
    typeof e.message === 'string' &&
    e.message.includes('cached plan must not change')
  )
    return 'result-type-changed';
  // 26000 invalid_sql_statement_name: the session lost it (DISCARD ALL, DEALLOCATE ALL).
  if (e.code === '26000') return 'missing';
  return null;
}

type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;

interface PgConnectionState {
  parsedStatements: Record<string, string>;
}

/**
 * A `pg` client class that sends statement templates' texts, and texts run `threshold` times, as
 * named prepared statements; with `threshold` 0 it prepares nothing.
 *
 * A named statement can go stale while the server runs (ADR 0016 asks to stop the servers before
 * migrating; this is the safety net): PostgreSQL refuses to run a prepared statement whose result
 * columns changed, and a session may lose its statements. The client then forgets the name on
 * this connection, and after a result-type change every connection uses fresh names. Outside a
 * transaction the statement is run again at once (PostgreSQL refused it before running it); in a
 * transaction the error goes to the caller (the transaction is aborted and rolls back) and the
 * next run is prepared anew.
 */
export function preparingClient(threshold: number): typeof pg.Client {
  class PreparingClient extends pg.Client {}
  const original = Reflect.get(pg.Client.prototype, 'query') as QueryFn;
  (PreparingClient.prototype as unknown as { query: QueryFn }).query = function query(
    this: pg.Client,
    config: unknown,
    values?: unknown,
    callback?: unknown,
  ) {
    // Texts without parameters (BEGIN, COMMIT, DDL) stay on the simple path: nothing to plan twice.
    if (
      threshold > 0 &&
      typeof config === 'string' &&
      Array.isArray(values) &&
      values.length > 0 &&
      callback === undefined
    ) {
      const base = preparedNames.get(config) ?? countRun(config, threshold);
      if (base) return runNamed(this, original, base, config, values);
    }
    return original.call(this, config, values, callback);
  };
  return PreparingClient;
}

async function runNamed(
  client: pg.Client,
  original: QueryFn,
  base: string,
  text: string,
  values: unknown[],
): Promise<unknown> {
  const name = withGeneration(base);
  try {
    return await original.call(client, { name, text, values });
  } catch (error) {
    const stale = staleStatement(error);
    if (!stale) throw error;
    const connection = (client as unknown as { connection: PgConnectionState }).connection;
    // Parsed again under this name next time (`missing`), or never used again (a new generation).
    delete connection.parsedStatements[name];
    if (stale === 'result-type-changed' && name === withGeneration(base)) generation += 1;
    if (client.getTransactionStatus() !== 'I') throw error;
    return original.call(client, { name: withGeneration(base), text, values });
  }
}

const SLOT_PREFIX = '\u0000motcua-slot:';

/**
 * A query compiled once. `build` receives placeholder values shaped like `example` (use them
 * only as bound values: `where('d.code', '=', p.code)`); `run` executes the compiled query with
 * the given values in their slots, through Kysely (result plugins still apply, in transactions
 * too).
 */
export class StatementTemplate<P extends Record<string, string>, O> {
  readonly #build: (db: Database, params: P) => Compilable<O>;
  readonly #keys: (keyof P & string)[];
  #compiled: { query: CompiledQuery<O>; slots: ((keyof P & string) | null)[] } | undefined;

  constructor(example: P, build: (db: Database, params: P) => Compilable<O>) {
    this.#build = build;
    this.#keys = Object.keys(example);
  }

  #compile(db: DbExecutor): { query: CompiledQuery<O>; slots: ((keyof P & string) | null)[] } {
    if (this.#compiled) return this.#compiled;
    const placeholders = Object.fromEntries(this.#keys.map((k) => [k, `${SLOT_PREFIX}${k}`])) as P;
    const query = this.#build(db, placeholders).compile();
    const bySentinel = new Map(this.#keys.map((k) => [`${SLOT_PREFIX}${k}`, k]));
    const slots = query.parameters.map((value) => {
      if (typeof value !== 'string' || !value.includes(SLOT_PREFIX)) return null;
      // Only a value bound as it is: `${p.code}%` would bind something else than the value.
      const key = bySentinel.get(value);
      if (!key) throw new Error('Statement template: a value is used inside an expression');
      return key;
    });
    for (const key of this.#keys)
      if (!slots.includes(key)) throw new Error(`Statement template: the value ${key} is not bound`);
    if (query.sql.includes(SLOT_PREFIX)) throw new Error('Statement template: a value is inlined in the SQL');
    preparedNames.set(query.sql, nameOf(query.sql));
    this.#compiled = { query, slots };
    return this.#compiled;
  }

  async run(db: DbExecutor, values: P): Promise<O[]> {
    const { query, slots } = this.#compile(db);
    const parameters = query.parameters.map((value, i) => {
      const slot = slots[i];
      if (!slot) return value;
      if (values[slot] === undefined) throw new Error(`Statement template: no value for ${slot}`);
      return values[slot];
    });
    const result = await db.executeQuery<O>({ ...query, parameters });
    return result.rows;
  }
}
