import { sql } from 'kysely';
import type { DbExecutor } from '../../db/database.ts';

export interface OutboxInsert {
  topic: string;
  aggregateType: string;
  aggregateId: string;
  payload: unknown;
  availableAt?: Date;
}

export async function insertOutboxMessages(
  db: DbExecutor,
  rows: readonly OutboxInsert[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('outboxMessage')
    .values(
      rows.map((r) => ({
        topic: r.topic,
        aggregateType: r.aggregateType,
        aggregateId: r.aggregateId,
        payload: JSON.stringify(r.payload),
        createdAt: now,
        availableAt: r.availableAt ?? now,
      })),
    )
    .execute();
}

/**
 * Claims up to `limit` due messages with a lease. SKIP LOCKED lets several workers share the
 * table; an expired lease (worker crashed mid-delivery) makes the message claimable again.
 */
export async function claimDueMessages(db: DbExecutor, limit: number, now: Date, leaseUntil: Date) {
  const result = await sql<{
    id: number;
    topic: string;
    aggregateType: string;
    aggregateId: string;
    payload: unknown;
    attempts: number;
    createdAt: Date;
  }>`
    UPDATE outbox_message m
       SET locked_until = ${leaseUntil}, attempts = m.attempts + 1
      FROM (
        SELECT id FROM outbox_message
         WHERE processed_at IS NULL AND dead_at IS NULL
           AND available_at <= ${now}
           AND (locked_until IS NULL OR locked_until < ${now})
         ORDER BY available_at, id
         LIMIT ${limit}
         FOR UPDATE SKIP LOCKED
      ) due
     WHERE m.id = due.id
    RETURNING m.id, m.topic, m.aggregate_type, m.aggregate_id, m.payload, m.attempts, m.created_at`.execute(
    db,
  );
  return result.rows;
}

/**
 * The lease is fenced by the attempt number taken at claim time: a worker whose lease expired and
 * whose message was claimed again (attempts + 1) changes nothing when it finishes late.
 */
export async function markProcessed(
  db: DbExecutor,
  lease: { id: number; attempts: number },
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('outboxMessage')
    .set({ processedAt: now, lockedUntil: null, lastError: null })
    .where('id', '=', lease.id)
    .where('attempts', '=', lease.attempts)
    .where('processedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function markFailed(
  db: DbExecutor,
  lease: { id: number; attempts: number },
  error: string,
  retryAt: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('outboxMessage')
    .set({ lastError: error.slice(0, 2000), availableAt: retryAt, lockedUntil: null })
    .where('id', '=', lease.id)
    .where('attempts', '=', lease.attempts)
    .where('processedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function markDead(
  db: DbExecutor,
  lease: { id: number; attempts: number },
  error: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('outboxMessage')
    .set({ lastError: error.slice(0, 2000), deadAt: now, lockedUntil: null })
    .where('id', '=', lease.id)
    .where('attempts', '=', lease.attempts)
    .where('processedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listMessages(
  db: DbExecutor,
  filter: { state: 'pending' | 'dead' | 'processed'; limit: number; topic?: string | undefined },
) {
  let q = db
    .selectFrom('outboxMessage')
    .select([
      'id',
      'topic',
      'aggregateType',
      'aggregateId',
      'payload',
      'createdAt',
      'availableAt',
      'attempts',
      'lastError',
      'processedAt',
      'deadAt',
    ]);
  if (filter.state === 'pending') q = q.where('processedAt', 'is', null).where('deadAt', 'is', null);
  if (filter.state === 'dead') q = q.where('deadAt', 'is not', null);
  if (filter.state === 'processed') q = q.where('processedAt', 'is not', null);
  if (filter.topic) q = q.where('topic', '=', filter.topic);
  return q.orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function requeueDead(db: DbExecutor, id: number, now: Date) {
  return db
    .updateTable('outboxMessage')
    .set({ deadAt: null, availableAt: now, attempts: 0, lockedUntil: null })
    .where('id', '=', id)
    .where('deadAt', 'is not', null)
    .returning(['id', 'topic'])
    .executeTakeFirst();
}

export async function countByState(db: DbExecutor) {
  const r = await sql<{ pending: number; dead: number; processed: number }>`
    SELECT count(*) FILTER (WHERE processed_at IS NULL AND dead_at IS NULL)::int AS pending,
           count(*) FILTER (WHERE dead_at IS NOT NULL)::int AS dead,
           count(*) FILTER (WHERE processed_at IS NOT NULL)::int AS processed
      FROM outbox_message`.execute(db);
  return r.rows[0] ?? { pending: 0, dead: 0, processed: 0 };
}
