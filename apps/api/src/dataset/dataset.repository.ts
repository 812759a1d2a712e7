import { sql } from 'kysely';
import {
  openCopyConnections,
  withCopyTransaction,
  type CopyConnection,
  type CopySession,
  type CopyStream,
} from '../db/bulk-copy.ts';
import type { Database } from '../db/database.ts';

/**
 * SQL of the dataset generator: one transaction that empties the dossier tables (they are empty:
 * the generator runs on a fresh database) so that every COPY can use FREEZE — rows are written
 * already frozen and all-visible, so the loaded tables need no vacuum pass before index-only
 * scans work — and, for a superuser, skips the per-row foreign-key triggers the way `pg_restore
 * --disable-triggers` does. The rows come from the domain simulation and reference each other by
 * construction; the generator test checks that no row is orphaned.
 */

/** Tables the generator fills, with their COPY column lists (order matters: see the encoders). */
export const DATASET_COLUMNS = {
  dossier: [
    'id',
    'code',
    'applicant_name',
    'applicant_id_number',
    'applicant',
    'form_data',
    'lookup_secret',
    'procedure_version_id',
    'procedure_code',
    'variant_code',
    'channel',
    'status',
    'status_before_withdrawal',
    'receiving_unit_id',
    'competent_unit_id',
    'current_step_index',
    'current_unit_id',
    'current_assignee_id',
    'applicant_account_id',
    'representative',
    'result_delivery',
    'submitted_at',
    'received_at',
    'due_at',
    'original_due_at',
    'deadline',
    'supplement_mode',
    'is_obligation_time_excluded',
    'paused_at',
    'intake_supplement_count',
    'supplement_count',
    'extension_count',
    'is_approved',
    'approved_at',
    'approved_by',
    'result',
    'completed_at',
    'returned_at',
    'return_method',
    'fee_total',
    'version',
    'created_at',
    'updated_at',
    'public_timeline',
  ],
  dossier_transition: [
    'dossier_id',
    'seq',
    'action',
    'from_status',
    'to_status',
    'actor_type',
    'actor_id',
    'actor_name',
    'occurred_at',
    'reason',
    'step_index',
    'details',
  ],
  dossier_step: [
    'dossier_id',
    'step_index',
    'step_code',
    'name',
    'role',
    'unit_id',
    'assignee_id',
    'entered_at',
    'entered_by',
    'due_at',
    'completed_at',
    'completed_by',
    'outcome',
    'note',
  ],
  dossier_component: [
    'dossier_id',
    'component_code',
    'name',
    'original_count',
    'copy_count',
    'is_required',
    'is_provided',
    'is_reused',
    'note',
  ],
  dossier_supplement: [
    'id',
    'dossier_id',
    'phase',
    'requested_at',
    'requested_by',
    'reason',
    'items',
    'respond_by',
    'supplied_at',
    'supplied_by_type',
    'supplied_by_id',
    'response_note',
    'paused_working_minutes',
  ],
  dossier_obligation: [
    'id',
    'dossier_id',
    'requested_at',
    'requested_by',
    'description',
    'amount',
    'fulfilled_at',
    'fulfilled_by_type',
    'fulfilled_by_id',
    'payment_reference',
  ],
  dossier_extension: [
    'id',
    'dossier_id',
    'created_at',
    'signed_by',
    'reason',
    'previous_due_at',
    'new_due_at',
    'letter_number',
  ],
  audit_log: [
    'entity_id',
    'summary',
    'occurred_at',
    'actor_type',
    'actor_id',
    'event_type',
    'entity_type',
    'request_id',
  ],
} as const;

export type DatasetTable = keyof typeof DATASET_COLUMNS;

/** Tables emptied (and so loaded with FREEZE) at the start of the load. */
const FROZEN_TABLES: readonly DatasetTable[] = [
  'dossier',
  'dossier_transition',
  'dossier_step',
  'dossier_component',
  'dossier_supplement',
  'dossier_obligation',
  'dossier_extension',
];

export interface DatasetWriter {
  /** Writes one batch: COPY text chunks per table. */
  writeBatch(chunks: Partial<Record<DatasetTable, string[]>>): Promise<void>;
}

export interface DatasetFinish {
  codeSequences: readonly { agencyCode: string; day: string; lastValue: number }[];
  audit: { eventType: string; entityType: string; entityId: string; summary: object; at: Date };
}

/** What the report facts read of each procedure version (as the rebuild's source query does). */
export async function listVersionReportFields(db: Database) {
  const r = await sql<{ id: string; fieldCode: string; level: string; isResultPaperRequired: boolean }>`
    SELECT id, field_code, level,
           COALESCE((content->'result'->>'isPaperRequired')::boolean, false) AS is_result_paper_required
      FROM procedure_version`.execute(db);
  return r.rows;
}

export async function countDossiers(db: Database): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM dossier`.execute(db);
  return r.rows[0]?.n ?? 0;
}

type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>;

async function isSuperuser(query: Query): Promise<boolean> {
  const rows = await query<{ rolsuper: boolean }>(
    'SELECT rolsuper FROM pg_roles WHERE rolname = current_user',
  );
  return rows[0]?.rolsuper === true;
}

/**
 * Drops the secondary indexes of `tables` (not those behind constraints) and returns their
 * definitions, to build them once at the end of the load (a sort) instead of row by row.
 */
async function dropSecondaryIndexes(query: Query, tables: readonly string[]): Promise<string[]> {
  const indexes = await query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const index of indexes) await query(`DROP INDEX ${index.name}`);
  return indexes.map((i) => i.definition);
}

async function rebuildIndexes(query: Query, definitions: readonly string[]): Promise<void> {
  await query("SET LOCAL maintenance_work_mem = '1GB'");
  for (const definition of definitions) await query(definition);
}

async function writeFinish(query: Query, f: DatasetFinish): Promise<void> {
  for (let i = 0; i < f.codeSequences.length; i += 5000) {
    const part = f.codeSequences
      .slice(i, i + 5000)
      .map((r) => ({ agency_code: r.agencyCode, day: r.day, last_value: r.lastValue }));
    await query(
      `INSERT INTO dossier_code_sequence (agency_code, day, last_value)
       SELECT agency_code, day, last_value FROM json_populate_recordset(NULL::dossier_code_sequence, $1::json)
       ON CONFLICT (agency_code, day) DO UPDATE
         SET last_value = GREATEST(dossier_code_sequence.last_value, EXCLUDED.last_value)`,
      [JSON.stringify(part)],
    );
  }
  await query(
    `INSERT INTO audit_log (occurred_at, actor_type, actor_id, event_type, entity_type, entity_id, summary)
     VALUES ($1, 'system', NULL, $2, $3, $4, $5::jsonb)`,
    [f.audit.at, f.audit.eventType, f.audit.entityType, f.audit.entityId, JSON.stringify(f.audit.summary)],
  );
}

export type LoadMode = 'parallel' | 'serial';

/**
 * Loads the dataset. On a PostgreSQL server as a superuser, with only the dossier and its history
 * streamed (detail `core`), two connections load in parallel — the history rows on one, the
 * dossiers on the other — each in its own transaction, committed together at the end; the other
 * tables of the batch are kept and written at the end. Otherwise (PGlite, another role, detail
 * `full`) one transaction writes each batch table by table. Either way a failure before the end
 * rolls everything back.
 */
export async function loadDataset<T>(
  db: Database,
  options: { isStreamable: boolean },
  produce: (writer: DatasetWriter) => Promise<T>,
  finish: (result: T) => DatasetFinish,
): Promise<T & { isTriggerFree: boolean; mode: LoadMode }> {
  if (options.isStreamable) {
    const conns = await openCopyConnections(db, 2, { isDurabilityRelaxed: true });
    if (conns) {
      const [history, main] = conns as [CopyConnection, CopyConnection];
      try {
        if (await isSuperuser(main.query)) {
          for (const c of conns) await c.query('SET LOCAL session_replication_role = replica');
          const mainTables = FROZEN_TABLES.filter((t) => t !== 'dossier_transition');
          await history.query('TRUNCATE dossier_transition');
          // CASCADE: tables of other modules reference these (payment_request → dossier_obligation).
          await main.query(`TRUNCATE ${mainTables.filter((t) => t !== 'dossier').join(', ')} CASCADE`);
          const historyIndexes = await dropSecondaryIndexes(history.query, ['dossier_transition']);
          const mainIndexes = await dropSecondaryIndexes(main.query, mainTables);
          const transitions = history.openCopy('dossier_transition', DATASET_COLUMNS.dossier_transition, {
            isFrozen: true,
          });
          // The dossier table cannot be truncated here (the history table references it and is
          // locked by the other connection): it is empty, loaded without FREEZE, vacuumed after.
          const dossiers = main.openCopy('dossier', DATASET_COLUMNS.dossier);
          const kept = new Map<DatasetTable, string[]>();
          const writeAll = async (stream: CopyStream, chunks: readonly string[] | undefined) => {
            for (const chunk of chunks ?? []) await stream.write(chunk);
          };
          const result = await produce({
            async writeBatch(chunks) {
              for (const [table, list] of Object.entries(chunks) as [DatasetTable, string[]][]) {
                if (table === 'dossier' || table === 'dossier_transition') continue;
                const all = kept.get(table) ?? [];
                all.push(...list);
                kept.set(table, all);
              }
              await Promise.all([
                writeAll(transitions, chunks.dossier_transition),
                writeAll(dossiers, chunks.dossier),
              ]);
            },
          });
          await Promise.all([transitions.end(), dossiers.end()]);
          for (const [table, chunks] of kept) {
            if (chunks.length === 0) continue;
            const stream = main.openCopy(table, DATASET_COLUMNS[table], { isFrozen: table !== 'audit_log' });
            await writeAll(stream, chunks);
            await stream.end();
          }
          await Promise.all([
            rebuildIndexes(history.query, historyIndexes),
            rebuildIndexes(main.query, mainIndexes),
          ]);
          for (const c of conns) await c.query('SET LOCAL session_replication_role = origin');
          await writeFinish(main.query, finish(result));
          await history.commit();
          await main.commit();
          return { ...result, isTriggerFree: true, mode: 'parallel' };
        }
      } finally {
        for (const c of conns) await c.release();
      }
    }
  }
  return withCopyTransaction(
    db,
    async (session: CopySession) => {
      await session.query(`TRUNCATE ${FROZEN_TABLES.join(', ')} CASCADE`);
      const isTriggerFree = await isSuperuser(session.query);
      if (isTriggerFree) await session.query('SET LOCAL session_replication_role = replica');
      const indexes = await dropSecondaryIndexes(session.query, FROZEN_TABLES);
      const frozen = new Set<string>(FROZEN_TABLES);
      const result = await produce({
        async writeBatch(chunks) {
          for (const table of Object.keys(DATASET_COLUMNS) as DatasetTable[]) {
            const list = chunks[table];
            if (list && list.length > 0)
              await session.copy(table, DATASET_COLUMNS[table], list, { isFrozen: frozen.has(table) });
          }
        },
      });
      await rebuildIndexes(session.query, indexes);
      if (isTriggerFree) await session.query('SET LOCAL session_replication_role = origin');
      await writeFinish(session.query, finish(result));
      return { ...result, isTriggerFree, mode: 'serial' as const };
    },
    { isDurabilityRelaxed: true },
  );
}

/**
 * Refreshes planner statistics after the load. Tables loaded with FREEZE need no vacuum; the
 * dossier table of a parallel load is vacuumed so that index-only scans (queue counts) work at once.
 */
export async function analyzeDatasetTables(db: Database, mode: LoadMode): Promise<void> {
  if (mode === 'parallel') await sql`VACUUM (ANALYZE) dossier`.execute(db);
  for (const table of [...FROZEN_TABLES, 'audit_log', 'dossier_code_sequence']) {
    if (mode === 'parallel' && table === 'dossier') continue;
    await sql`ANALYZE ${sql.table(table)}`.execute(db);
  }
}
