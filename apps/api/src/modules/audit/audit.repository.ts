import type { DbExecutor } from '../../db/database.ts';

export interface AuditRow {
  occurredAt: Date;
  actorType: 'officer' | 'citizen' | 'system' | 'anonymous';
  actorId: string | null;
  eventType: string;
  entityType: string;
  entityId: string;
  summary: Record<string, unknown>;
  requestId: string | null;
}

export async function insertAuditEntries(db: DbExecutor, rows: readonly AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('auditLog')
    .values(rows.map((r) => ({ ...r, summary: JSON.stringify(r.summary) })))
    .execute();
}

export async function listAuditEntries(
  db: DbExecutor,
  filter: {
    entityType?: string | undefined;
    entityId?: string | undefined;
    actorId?: string | undefined;
    limit: number;
    beforeId?: number | undefined;
  },
) {
  let q = db.selectFrom('auditLog').selectAll();
  if (filter.entityType) q = q.where('entityType', '=', filter.entityType);
  if (filter.entityId) q = q.where('entityId', '=', filter.entityId);
  if (filter.actorId) q = q.where('actorId', '=', filter.actorId);
  if (filter.beforeId) q = q.where('id', '<', filter.beforeId);
  return q.orderBy('id', 'desc').limit(filter.limit).execute();
}
