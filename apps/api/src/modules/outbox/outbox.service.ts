import type { DbExecutor } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireRole } from '../../shared/authz.ts';
import { AppError } from '../../errors/app-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  countByState,
  insertOutboxMessages,
  listMessages,
  requeueDead,
  type OutboxInsert,
} from './outbox.repository.ts';
import type { OutboxTopic } from './outbox.schemas.ts';

/** Enqueues side effects inside the business transaction; the worker delivers them after commit. */
export async function enqueue(
  trx: DbExecutor,
  messages: readonly (Omit<OutboxInsert, 'topic'> & { topic: OutboxTopic })[],
  now: Date,
): Promise<void> {
  await insertOutboxMessages(trx, messages, now);
}

export async function listOutbox(
  ctx: AppContext,
  actor: Actor,
  query: { state: 'pending' | 'dead' | 'processed'; limit: number; topic?: string | undefined },
) {
  requireRole(actor, 'admin');
  const rows = await listMessages(ctx.db, query);
  return rows.map((r) => ({
    id: r.id,
    topic: r.topic,
    aggregateType: r.aggregateType,
    aggregateId: r.aggregateId,
    payload: r.payload,
    createdAt: r.createdAt.toISOString(),
    availableAt: r.availableAt.toISOString(),
    attempts: r.attempts,
    lastError: r.lastError,
    processedAt: r.processedAt?.toISOString() ?? null,
    deadAt: r.deadAt?.toISOString() ?? null,
  }));
}

export async function outboxStats(ctx: AppContext, actor: Actor) {
  requireRole(actor, 'admin');
  return countByState(ctx.db);
}

/** Moves a dead-lettered message back to the queue (admin replay). */
export async function replayDeadMessage(ctx: AppContext, actor: Actor, id: number, requestId?: string) {
  requireRole(actor, 'admin');
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await requeueDead(trx, id, now);
    if (!row) throw new AppError('NOT_FOUND', `No dead-lettered message ${id}`);
    await recordAudit(
      trx,
      actor,
      {
        type: 'outbox.replayed',
        entityType: 'outbox_message',
        entityId: String(id),
        summary: { topic: row.topic },
      },
      { at: now, requestId },
    );
    return { id: row.id, topic: row.topic };
  });
}
