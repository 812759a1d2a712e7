import { sql } from 'kysely';
import { copyLine, withCopyTransaction } from '../../db/bulk-copy.ts';
import type { DbExecutor, Database } from '../../db/database.ts';

/** SQL of the legacy import: reference lookups, and one COPY transaction per batch. */

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
  /** Values in the order of IMPORT_DOSSIER_COLUMNS / IMPORT_TRANSITION_COLUMNS. */
  dossiers: unknown[][];
  transitions: unknown[][];
  codeSequences: { agencyCode: string; day: string; lastValue: number }[];
  audit: { at: Date; actorType: string; actorId: string | null; summary: object; entityId: string };
}

function* encode(rows: readonly unknown[][]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += copyLine(row);
    if (chunk.length > 1_000_000) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Writes one batch in one transaction: dossiers, history, code counters, audit entry. */
export async function writeImportBatch(db: Database, batch: ImportBatch): Promise<void> {
  await withCopyTransaction(db, async (s) => {
    await s.copy('dossier', IMPORT_DOSSIER_COLUMNS, encode(batch.dossiers));
    await s.copy('dossier_transition', IMPORT_TRANSITION_COLUMNS, encode(batch.transitions));
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
