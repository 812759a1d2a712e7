import type pg from 'pg';

/**
 * Counters bumped outside the caller's transaction, on PostgreSQL (ADR 0016).
 *
 * The day's number of a dossier code comes from one counter row per agency and day. Bumped inside
 * the intake transaction, that row stays locked until the intake commits, so all intakes of an
 * agency on a day queue behind one another for the whole rest of each other's transactions. Here
 * the bump is its own single-statement transaction on a small pool of its own (never the main
 * pool, which an intake in a transaction already holds a connection of: no pool deadlock), and the
 * lock lasts one statement.
 *
 * The statement commits asynchronously (it sets `synchronous_commit` off for its own transaction
 * only, so a connection pooler in front cannot carry it to other sessions). It is safe: a dossier
 * that uses a number commits after the number's own commit, and PostgreSQL flushes all earlier WAL
 * when it flushes a commit, so a committed dossier's number is always durable. A crash can only lose
 * numbers that no committed dossier uses. A number is skipped (never given twice: `dossier.code` is
 * unique) when the intake fails after taking it, a rare failure of its last statements.
 *
 * PGlite is one in-process connection: there the counter is bumped inside the transaction, which
 * costs nothing there (`runOutsideTransaction` answers `undefined`).
 */
const registry = new WeakMap<object, pg.Pool>();

/**
 * How long the counter statement waits for its row lock (and the intake for a counter
 * connection) before the intake answers 503 DATABASE_BUSY. The row is locked for one statement:
 * a long wait means another session holds it (a transaction left open, a stuck import).
 */
export const COUNTER_LOCK_TIMEOUT_MS = 5000;

export function registerCounterPool(db: object, pool: pg.Pool): void {
  registry.set(db, pool);
}

/**
 * Whether the counter of `db` is bumped outside the caller's transaction (PostgreSQL server): a
 * number it gave stays taken when the caller's transaction rolls back, so a rerun of that
 * transaction (a deadlock victim) may use it again.
 */
export function isCounterOutsideTransaction(db: object): boolean {
  return registry.has(db);
}

/** Runs one statement as its own transaction on the counter pool; `undefined` on PGlite. */
export async function runOutsideTransaction<R>(
  db: object,
  text: string,
  params: unknown[],
): Promise<R[] | undefined> {
  const pool = registry.get(db);
  if (!pool) return undefined;
  const r = await pool.query(text, params);
  return r.rows as R[];
}
