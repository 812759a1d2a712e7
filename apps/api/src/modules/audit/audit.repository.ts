import { sql } from 'kysely';
import type { DbExecutor, DbTransaction } from '../../db/database.ts';

export interface AuditRow {
  occurredAt: Date;
  actorType: 'officer' | 'citizen' | 'system' | 'anonymous';
  actorId: string | null;
  eventType: string;
  entityType: string;
  entityId: string;
  summary: Record<string, unknown>;
  requestId: string | null;
  /** SHA-256 of the canonical content (audit.chain.ts). */
  contentHash: string;
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
  let q = db
    .selectFrom('auditLog')
    .select([
      'id',
      'occurredAt',
      'actorType',
      'actorId',
      'eventType',
      'entityType',
      'entityId',
      'summary',
      'requestId',
    ]);
  if (filter.entityType) q = q.where('entityType', '=', filter.entityType);
  if (filter.entityId) q = q.where('entityId', '=', filter.entityId);
  if (filter.actorId) q = q.where('actorId', '=', filter.actorId);
  if (filter.beforeId) q = q.where('id', '<', filter.beforeId);
  return q.orderBy('id', 'desc').limit(filter.limit).execute();
}

// ── Hash chain (ADR 0011) ────────────────────────────────────────────────────────────────────

export interface ChainHeadRow {
  seq: number;
  chainHash: string;
  sealedCount: number;
}

/** Locks the chain head row: sealers run one at a time; business transactions never take it. */
export async function lockChainHead(trx: DbTransaction): Promise<ChainHeadRow | undefined> {
  return trx
    .selectFrom('auditChainHead')
    .select(['seq', 'chainHash', 'sealedCount'])
    .where('id', '=', true)
    .forUpdate()
    .executeTakeFirst();
}

export async function findChainHead(db: DbExecutor): Promise<ChainHeadRow | undefined> {
  return db
    .selectFrom('auditChainHead')
    .select(['seq', 'chainHash', 'sealedCount'])
    .where('id', '=', true)
    .executeTakeFirst();
}

export async function updateChainHead(trx: DbTransaction, head: ChainHeadRow): Promise<void> {
  await trx
    .updateTable('auditChainHead')
    .set({ seq: head.seq, chainHash: head.chainHash, sealedCount: head.sealedCount, updatedAt: sql`now()` })
    .where('id', '=', true)
    .execute();
}

/**
 * The sealing horizon: entries recorded before it can no longer be preceded by an entry that
 * commits later. It is the earlier of "now − lag" and one second before the start of the oldest
 * transaction still open on this database (any such transaction may hold an id it has not
 * committed yet). Must be the first statement reading pg_stat_activity in the transaction (its
 * view is cached per transaction) and run before the entries are read.
 */
export async function findSealHorizon(trx: DbTransaction, lagSeconds: number): Promise<string> {
  const r = await sql<{ horizon: string }>`
    SELECT LEAST(
      clock_timestamp() - make_interval(secs => ${lagSeconds}::double precision),
      (SELECT min(xact_start) - interval '1 second' FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND backend_type = 'client backend' AND xact_start IS NOT NULL)
    )::text AS horizon`.execute(trx);
  const horizon = r.rows[0]?.horizon;
  if (!horizon) throw new Error('no sealing horizon');
  return horizon;
}

const ENTRY_COLUMNS = [
  'id',
  'occurredAt',
  'actorType',
  'actorId',
  'eventType',
  'entityType',
  'entityId',
  'summary',
  'requestId',
  'contentHash',
] as const;

/** Audit entries after `afterId`, in id order (keyset page). */
export async function listEntriesAfter(db: DbExecutor, afterId: number, limit: number) {
  return db
    .selectFrom('auditLog')
    .select(ENTRY_COLUMNS)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The next entries to seal, each marked whether it was recorded before the horizon (full precision). */
export async function listSealCandidates(
  trx: DbTransaction,
  afterId: number,
  horizon: string,
  limit: number,
) {
  return trx
    .selectFrom('auditLog')
    .select(ENTRY_COLUMNS)
    .select(sql<boolean>`(recorded_at IS NULL OR recorded_at < ${horizon}::timestamptz)`.as('isSealable'))
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export interface SealRow {
  seq: number;
  prevSeq: number;
  contentHash: string;
  chainHash: string;
}

export async function insertSeals(trx: DbTransaction, seals: readonly SealRow[]): Promise<void> {
  if (seals.length === 0) return;
  await trx
    .insertInto('auditSeal')
    .values([...seals])
    .execute();
}

/** Seals after `afterSeq`, in seq order (keyset page). */
export async function listSealsAfter(db: DbExecutor, afterSeq: number, limit: number): Promise<SealRow[]> {
  return db
    .selectFrom('auditSeal')
    .select(['seq', 'prevSeq', 'contentHash', 'chainHash'])
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}
