import type { DbExecutor } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireRole } from '../../shared/authz.ts';
import { insertAuditEntries, listAuditEntries } from './audit.repository.ts';
import type { AuditEntry, AuditEvent } from './audit.schemas.ts';

/**
 * Writes audit entries inside the caller's transaction (never after the commit), so a change and
 * its audit entry are both stored or both lost.
 */
export async function recordAudit(
  trx: DbExecutor,
  actor: Actor,
  events: AuditEvent | readonly AuditEvent[],
  meta: { at: Date; requestId?: string | null | undefined },
): Promise<void> {
  const list = Array.isArray(events) ? (events as readonly AuditEvent[]) : [events as AuditEvent];
  await insertAuditEntries(
    trx,
    list.map((e) => ({
      occurredAt: meta.at,
      actorType: actor.type,
      actorId: actor.id,
      eventType: e.type,
      entityType: e.entityType,
      entityId: e.entityId,
      summary: e.summary,
      requestId: meta.requestId ?? null,
    })),
  );
}

export async function listAudit(
  ctx: AppContext,
  actor: Actor,
  query: {
    entityType?: string | undefined;
    entityId?: string | undefined;
    actorId?: string | undefined;
    limit: number;
    beforeId?: number | undefined;
  },
): Promise<AuditEntry[]> {
  requireRole(actor, 'admin', 'supervisor');
  const rows = await listAuditEntries(ctx.db, query);
  return rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurredAt.toISOString(),
    actorType: r.actorType,
    actorId: r.actorId,
    eventType: r.eventType,
    entityType: r.entityType,
    entityId: r.entityId,
    summary: (r.summary ?? {}) as Record<string, unknown>,
    requestId: r.requestId,
  }));
}
