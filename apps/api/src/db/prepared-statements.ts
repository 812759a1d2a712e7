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
/** How often each not-yet-prepared text has run (cleared when it grows too large). */
const seen = new Map<string, number>();
const MAX_AUTO_PREPARED = 500;
const MAX_SEEN = 20_000;
let autoPrepared = 0;

function nameOf(sqlText: string): string {
  return `motcua_${crypto.createHash('sha256').update(sqlText).digest('hex').slice(0, 20)}`;
}

function countRun(sqlText: string, threshold: number): string | undefined {
  if (autoPrepared >= MAX_AUTO_PREPARED) return undefined;
  const n = (seen.get(sqlText) ?? 0) + 1;
  if (n < threshold) {
    if (seen.size >= MAX_SEEN) seen.clear();
    seen.set(sqlText, n);
    return undefined;
  }
  seen.delete(sqlText);
  const name = nameOf(sqlText);
  preparedNames.set(sqlText, name);
  autoPrepared += 1;
  return name;
}

type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * A `pg` client class that sends statement templates' texts, and texts run `threshold` times, as
 * named prepared statements; with `threshold` 0 it prepares nothing.
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
    if (threshold > 0 && typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      const name = preparedNames.get(config) ?? countRun(config, threshold);
      if (name) return original.call(this, { name, text: config, values }, callback);
    }
    return original.call(this, config, values, callback);
  };
  return PreparingClient;
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
