/**
 * Retry of a whole transaction that PostgreSQL aborted to resolve a conflict between transactions
 * (ADR 0016): a deadlock (`40P01`) or a serialization failure (`40001`). PostgreSQL rolled the
 * transaction back, so running it again from the start is safe and is what the server expects of
 * the client. The writes of Motcua take their shared rows in one order (rollups last, in key
 * order), so a deadlock should not happen; this is the net for the one that does (a lock order
 * not foreseen, an operator's manual transaction).
 *
 * A lock wait that ran out (`55P03`, the counter pool's `lock_timeout`) is not retried here: the
 * row is held by something slow, and the client gets 503 `DATABASE_BUSY` with `Retry-After`.
 */
const CONFLICT_CODES = new Set(['40P01', '40001']);
/** lock_not_available: a `lock_timeout` ran out. */
const LOCK_TIMEOUT_CODE = '55P03';

export const TRANSACTION_ATTEMPTS = 3;

/** The SQLSTATE of a PostgreSQL error (`pg` and PGlite both put it in `code`). */
function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether `error` is a conflict PostgreSQL resolved by aborting this transaction. */
export function isTransactionConflict(error: unknown): boolean {
  return CONFLICT_CODES.has(sqlStateOf(error) ?? '');
}

/**
 * Whether another transaction was in the way and this one was rolled back: a conflict still
 * there after the reruns, or a lock wait that ran out. Answered 503 DATABASE_BUSY.
 */
export function isTransactionBlocked(error: unknown): boolean {
  return isTransactionConflict(error) || sqlStateOf(error) === LOCK_TIMEOUT_CODE;
}

/**
 * Runs `transaction` (a function that opens, runs and commits one transaction) and runs it again,
 * after a short random pause, when PostgreSQL aborted it as a deadlock victim or for a
 * serialization failure; at most `attempts` runs, then the last error is thrown.
 */
export async function retryOnConflict<T>(
  transaction: () => Promise<T>,
  attempts = TRANSACTION_ATTEMPTS,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= attempts || !isTransactionConflict(error)) throw error;
      // The other transaction of the pair usually finishes within milliseconds; random, so that
      // two victims do not collide again at once.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
