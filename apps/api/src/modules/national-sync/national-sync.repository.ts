import { sql } from 'kysely';
import type { DbExecutor } from '../../db/database.ts';

/** Marks a push as wanted for `version` (keeps the highest wanted version). */
export async function markSyncWanted(
  db: DbExecutor,
  dossierId: string,
  version: number,
  now: Date,
): Promise<void> {
  await db
    .insertInto('dossierSyncState')
    .values({ dossierId, state: 'pending', wantedVersion: version, updatedAt: now })
    .onConflict((oc) =>
      oc.constraint('dossier_sync_state_pk').doUpdateSet((eb) => ({
        wantedVersion: sql<number>`greatest(${eb.ref('dossierSyncState.wantedVersion')}, ${version})`,
        state: sql<string>`CASE WHEN dossier_sync_state.synced_version >= ${version} THEN dossier_sync_state.state ELSE 'pending' END`,
        updatedAt: now,
      })),
    )
    .execute();
}

export async function findSyncState(db: DbExecutor, dossierId: string) {
  return db.selectFrom('dossierSyncState').selectAll().where('dossierId', '=', dossierId).executeTakeFirst();
}

export async function markSynced(
  db: DbExecutor,
  dossierId: string,
  r: { version: number; statusCode: number; at: Date },
): Promise<void> {
  await db
    .insertInto('dossierSyncState')
    .values({
      dossierId,
      state: 'synced',
      wantedVersion: r.version,
      syncedVersion: r.version,
      syncedStatusCode: r.statusCode,
      attempts: 0,
      syncedAt: r.at,
      updatedAt: r.at,
    })
    .onConflict((oc) =>
      oc.constraint('dossier_sync_state_pk').doUpdateSet({
        state: sql<string>`CASE WHEN dossier_sync_state.wanted_version > ${r.version} THEN 'pending' ELSE 'synced' END`,
        syncedVersion: r.version,
        syncedStatusCode: r.statusCode,
        attempts: 0,
        lastError: null,
        syncedAt: r.at,
        updatedAt: r.at,
      }),
    )
    .execute();
}

export async function markSyncFailed(
  db: DbExecutor,
  dossierId: string,
  r: { error: string; isDead: boolean; at: Date },
): Promise<void> {
  await db
    .updateTable('dossierSyncState')
    .set((eb) => ({
      state: r.isDead ? 'dead' : 'failed',
      attempts: eb('attempts', '+', 1),
      lastError: r.error.slice(0, 2000),
      updatedAt: r.at,
    }))
    .where('dossierId', '=', dossierId)
    .execute();
}

/**
 * Reconciliation (read-only report across the dossier projection and the sync state): what the
 * portal does not have yet. `never` = no push ever queued; `behind` = the portal has an older
 * version than the dossier.
 */
export async function syncTotals(db: DbExecutor) {
  const r = await sql<{
    dossiers: number;
    synced: number;
    pending: number;
    failed: number;
    dead: number;
    never: number;
    behind: number;
  }>`
    SELECT count(*)::int AS dossiers,
           count(*) FILTER (WHERE s.state = 'synced' AND s.synced_version >= d.version)::int AS synced,
           count(*) FILTER (WHERE s.state = 'pending')::int AS pending,
           count(*) FILTER (WHERE s.state = 'failed')::int AS failed,
           count(*) FILTER (WHERE s.state = 'dead')::int AS dead,
           count(*) FILTER (WHERE s.dossier_id IS NULL)::int AS never,
           count(*) FILTER (WHERE s.state = 'synced' AND s.synced_version < d.version)::int AS behind
      FROM dossier d LEFT JOIN dossier_sync_state s ON s.dossier_id = d.id`.execute(db);
  return r.rows[0] ?? { dossiers: 0, synced: 0, pending: 0, failed: 0, dead: 0, never: 0, behind: 0 };
}

export async function listOutOfSync(
  db: DbExecutor,
  options: { limit: number; codes?: readonly string[] | undefined },
) {
  let q = db
    .selectFrom('dossier as d')
    .leftJoin('dossierSyncState as s', 's.dossierId', 'd.id')
    .select([
      'd.id',
      'd.code',
      'd.status',
      'd.version',
      'd.updatedAt',
      's.state',
      's.syncedVersion',
      's.syncedStatusCode',
      's.attempts',
      's.lastError',
      's.syncedAt',
    ])
    .where((eb) =>
      eb.or([
        eb('s.dossierId', 'is', null),
        eb('s.state', '!=', 'synced'),
        eb('s.syncedVersion', '<', eb.ref('d.version')),
      ]),
    );
  if (options.codes) q = q.where('d.code', 'in', options.codes.length > 0 ? options.codes : ['']);
  return q.orderBy('d.updatedAt', 'desc').orderBy('d.id').limit(options.limit).execute();
}
