import { sql } from 'kysely';
import { withCopyTransaction } from '../../db/bulk-copy.ts';
import type { DbExecutor, Database } from '../../db/database.ts';
import type { CopyText } from './legacy-import.copy-text.ts';
import {
  IMPORT_FACT_COLUMNS,
  IMPORT_SPAN_COLUMNS,
  ROLLUP_COUNTER_COLUMNS,
  type ImportStatistics,
  type RollupAddRow,
} from './legacy-import.statistics.ts';

/**
 * SQL of the legacy import: reference lookups, and one COPY transaction per batch (dossiers,
 * history, their report facts and the rollup rows they add to).
 */

export const IMPORT_DOSSIER_COLUMNS = [
  'id',
  'code',
  'procedure_version_id',
  'procedure_code',
  'variant_code',
  'channel',
  'status',
  'receiving_unit_id',
  'competent_unit_id',
  'current_unit_id',
  'applicant_name',
  'applicant_id_number',
  'applicant',
  'result_delivery',
  'submitted_at',
  'received_at',
  'due_at',
  'original_due_at',
  'supplement_mode',
  'is_obligation_time_excluded',
  'supplement_count',
  'extension_count',
  'is_approved',
  'approved_at',
  'result',
  'completed_at',
  'returned_at',
  'return_method',
  'lookup_secret',
  'fee_total',
  'version',
  'created_at',
  'updated_at',
  'public_timeline',
] as const;

export const IMPORT_TRANSITION_COLUMNS = [
  'dossier_id',
  'seq',
  'action',
  'from_status',
  'to_status',
  'actor_type',
  'actor_name',
  'occurred_at',
  'details',
] as const;

/** Units by agency code (current and closed ones: legacy dossiers may name a merged unit). */
export async function listUnitsByAgencyCode(db: DbExecutor) {
  return db.selectFrom('unit').select(['id', 'agencyCode', 'validTo']).execute();
}

/** Published versions of every procedure, oldest first, with what a dossier copies from them. */
export async function listPublishedVersions(db: DbExecutor) {
  return db
    .selectFrom('procedureVersion as v')
    .innerJoin('procedure as p', 'p.id', 'v.procedureId')
    .select([
      'v.id',
      'p.code as procedureCode',
      'v.effectiveFrom',
      'v.effectiveTo',
      sql<string>`v.content->>'supplementMode'`.as('supplementMode'),
      sql<boolean | null>`(v.content->>'isObligationTimeExcluded')::boolean`.as('isObligationTimeExcluded'),
      sql<string | null>`v.content->>'competentAgencyCode'`.as('competentAgencyCode'),
      'v.fieldCode',
      'v.level',
      sql<boolean>`COALESCE((v.content->'result'->>'isPaperRequired')::boolean, false)`.as(
        'isResultPaperRequired',
      ),
    ])
    .where('v.status', '=', 'published')
    .orderBy('p.code')
    .orderBy('v.effectiveFrom')
    .execute();
}

export async function findExistingCodes(db: DbExecutor, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const r = await sql<{ code: string }>`SELECT code FROM dossier WHERE code = ANY(${codes}::text[])`.execute(
    db,
  );
  return new Set(r.rows.map((row) => row.code));
}

export interface ImportBatch {
  /** Rows in the order of IMPORT_DOSSIER_COLUMNS / IMPORT_TRANSITION_COLUMNS. */
  dossiers: CopyText;
  transitions: CopyText;
  codeSequences: { agencyCode: string; day: string; lastValue: number }[];
  audit: { at: Date; actorType: string; actorId: string | null; summary: object; entityId: string };
  statistics: ImportStatistics;
  /** The units and procedure versions the dossiers point to (checked once for the batch). */
  references: { unitIds: readonly string[]; versionIds: readonly string[] };
}

type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>;

/**
 * Locks the units and procedure versions of a batch against deletion until it commits, and fails
 * the batch with a clear reason if one is missing (the foreign keys, still checked per row,
 * would only name a constraint).
 */
async function checkReferences(query: Query, refs: ImportBatch['references']): Promise<void> {
  const found = await query<{ units: number; versions: number }>(
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM unit WHERE id = ANY($1::uuid[]) FOR KEY SHARE) u)::int AS units,
            (SELECT count(*) FROM (SELECT 1 FROM procedure_version WHERE id = ANY($2::uuid[]) FOR KEY SHARE) v)::int AS versions`,
    [refs.unitIds, refs.versionIds],
  );
  const row = found[0];
  if (!row || row.units !== refs.unitIds.length || row.versions !== refs.versionIds.length)
    throw new Error('a unit or procedure version of this batch no longer exists');
}

const ROLLUP_DIMENSIONS = [
  'competent_unit_id',
  'receiving_unit_id',
  'procedure_code',
  'field_code',
  'level',
  'channel',
] as const;

/** Adds the counters of `rows` to a rollup table (rows already in lock order). */
function addToRollupSql(table: 'report_daily' | 'report_monthly'): string {
  const dayColumn = table === 'report_daily' ? 'day' : 'month';
  const columns = [dayColumn, ...ROLLUP_DIMENSIONS, ...ROLLUP_COUNTER_COLUMNS].join(', ');
  const add = ROLLUP_COUNTER_COLUMNS.map((c) => `${c} = ${table}.${c} + EXCLUDED.${c}`).join(', ');
  return `INSERT INTO ${table} (${columns})
          SELECT ${columns} FROM json_populate_recordset(NULL::${table}, $1::json)
          ON CONFLICT ON CONSTRAINT ${table}_pk DO UPDATE SET ${add}`;
}
const ADD_TO_DAILY = addToRollupSql('report_daily');
const ADD_TO_MONTHLY = addToRollupSql('report_monthly');

function rollupJson(rows: readonly RollupAddRow[], dayColumn: 'day' | 'month'): string {
  const out: Record<string, unknown>[] = [];
  for (const r of rows) {
    const o: Record<string, unknown> = {
      [dayColumn]: r.day,
      competent_unit_id: r.dims.competentUnitId,
      receiving_unit_id: r.dims.receivingUnitId,
      procedure_code: r.dims.procedureCode,
      field_code: r.dims.fieldCode,
      level: r.dims.level,
      channel: r.dims.channel,
    };
    ROLLUP_COUNTER_COLUMNS.forEach((c, i) => (o[c] = r.values[i] ?? 0));
    out.push(o);
  }
  return JSON.stringify(out);
}

/**
 * Writes one batch in one transaction: dossiers, history, their report facts and overdue spans
 * (COPY), the rollup rows they add to, code counters, audit entry.
 */
export async function writeImportBatch(db: Database, batch: ImportBatch): Promise<void> {
  await withCopyTransaction(db, async (s) => {
    // Foreign keys stay checked row by row (no trigger-free shortcut: integrity first); the
    // reference check locks the batch's units and versions and names the missing one clearly.
    await checkReferences(s.query, batch.references);
    await s.copy('dossier', IMPORT_DOSSIER_COLUMNS, batch.dossiers.text());
    await s.copy('dossier_transition', IMPORT_TRANSITION_COLUMNS, batch.transitions.text());
    const stats = batch.statistics;
    await s.copy('report_dossier_fact', IMPORT_FACT_COLUMNS, stats.facts.text());
    if (stats.spans.rows > 0) await s.copy('report_overdue_span', IMPORT_SPAN_COLUMNS, stats.spans.text());
    if (stats.daily.length > 0) await s.query(ADD_TO_DAILY, [rollupJson(stats.daily, 'day')]);
    if (stats.monthly.length > 0) await s.query(ADD_TO_MONTHLY, [rollupJson(stats.monthly, 'month')]);
    if (batch.codeSequences.length > 0)
      await s.query(
        `INSERT INTO dossier_code_sequence (agency_code, day, last_value)
         SELECT agency_code, day, last_value FROM json_populate_recordset(NULL::dossier_code_sequence, $1::json)
         ON CONFLICT (agency_code, day) DO UPDATE
           SET last_value = GREATEST(dossier_code_sequence.last_value, EXCLUDED.last_value)`,
        [
          JSON.stringify(
            batch.codeSequences.map((r) => ({
              agency_code: r.agencyCode,
              day: r.day,
              last_value: r.lastValue,
            })),
          ),
        ],
      );
    await s.query(
      `INSERT INTO audit_log (occurred_at, actor_type, actor_id, event_type, entity_type, entity_id, summary)
       VALUES ($1, $2, $3, 'dossier.imported', 'dossier_import', $4, $5::jsonb)`,
      [
        batch.audit.at,
        batch.audit.actorType,
        batch.audit.actorId,
        batch.audit.entityId,
        JSON.stringify(batch.audit.summary),
      ],
    );
  });
}
