import { sql } from 'kysely';
import type { DbExecutor } from '../db/database.ts';

/**
 * SQL of the demo seed. Bulk rows are sent as one JSON parameter per statement and expanded by
 * PostgreSQL (`json_populate_recordset`): one multi-row INSERT per chunk, far cheaper to compile
 * and send than thousands of bind parameters, identical on the server and on PGlite.
 */

export async function isEmpty(db: DbExecutor): Promise<boolean> {
  const row = await db.selectFrom('unit').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** Table → its columns as [camelCase property, snake_case column]. */
export const SEED_TABLES = {
  officer: [
    'id',
    'username',
    'fullName',
    'title',
    'email',
    'phone',
    'passwordHash',
    'isActive',
    'createdAt',
    'passwordChangedAt',
  ],
  officer_role: [
    'id',
    'officerId',
    'role',
    'unitId',
    'validFrom',
    'validTo',
    'delegatedById',
    'note',
    'createdAt',
  ],
  applicant_account: [
    'id',
    'kind',
    'fullName',
    'idNumber',
    'taxCode',
    'dateOfBirth',
    'phone',
    'email',
    'address',
    'passwordHash',
    'preferredLanguage',
    'isActive',
    'createdAt',
  ],
  dossier: [
    'id',
    'code',
    'procedureVersionId',
    'procedureCode',
    'variantCode',
    'channel',
    'status',
    'statusBeforeWithdrawal',
    'receivingUnitId',
    'competentUnitId',
    'currentStepIndex',
    'currentUnitId',
    'currentAssigneeId',
    'applicantAccountId',
    'applicantName',
    'applicantIdNumber',
    'applicant',
    'representative',
    'formData',
    'resultDelivery',
    'submittedAt',
    'receivedAt',
    'dueAt',
    'originalDueAt',
    'deadline',
    'supplementMode',
    'isObligationTimeExcluded',
    'pausedAt',
    'intakeSupplementCount',
    'supplementCount',
    'extensionCount',
    'isApproved',
    'approvedAt',
    'approvedBy',
    'result',
    'completedAt',
    'returnedAt',
    'returnMethod',
    'lookupSecret',
    'publicTimeline',
    'feeTotal',
    'version',
    'createdAt',
    'updatedAt',
  ],
  dossier_component: [
    'dossierId',
    'componentCode',
    'name',
    'originalCount',
    'copyCount',
    'isRequired',
    'isProvided',
    'isReused',
    'note',
  ],
  dossier_step: [
    'dossierId',
    'stepIndex',
    'stepCode',
    'name',
    'role',
    'unitId',
    'assigneeId',
    'enteredAt',
    'enteredBy',
    'dueAt',
    'completedAt',
    'completedBy',
    'outcome',
    'note',
  ],
  dossier_transition: [
    'dossierId',
    'seq',
    'action',
    'fromStatus',
    'toStatus',
    'actorType',
    'actorId',
    'actorName',
    'occurredAt',
    'reason',
    'stepIndex',
    'details',
  ],
  dossier_supplement: [
    'id',
    'dossierId',
    'phase',
    'requestedAt',
    'requestedBy',
    'reason',
    'items',
    'respondBy',
    'suppliedAt',
    'suppliedByType',
    'suppliedById',
    'responseNote',
    'pausedWorkingMinutes',
  ],
  dossier_obligation: [
    'id',
    'dossierId',
    'requestedAt',
    'requestedBy',
    'description',
    'amount',
    'fulfilledAt',
    'fulfilledByType',
    'fulfilledById',
    'paymentReference',
  ],
  dossier_extension: [
    'id',
    'dossierId',
    'createdAt',
    'signedBy',
    'reason',
    'previousDueAt',
    'newDueAt',
    'letterNumber',
  ],
  audit_log: [
    'occurredAt',
    'actorType',
    'actorId',
    'eventType',
    'entityType',
    'entityId',
    'summary',
    'requestId',
  ],
  dossier_code_sequence: ['agencyCode', 'day', 'lastValue'],
} as const;

export type SeedTable = keyof typeof SEED_TABLES;

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Inserts rows into one of the seed tables, `chunkSize` rows per INSERT statement. Rows carry the
 * camelCase properties of `SEED_TABLES[table]`; every listed column gets a value (null allowed).
 */
export async function insertRows(
  db: DbExecutor,
  table: SeedTable,
  rows: readonly object[],
  options: { chunkSize?: number; onChunk?: (inserted: number) => void } = {},
): Promise<void> {
  const properties = SEED_TABLES[table];
  const columns = properties.map(snake);
  const columnList = sql.raw(columns.map((c) => `"${c}"`).join(', '));
  const chunkSize = options.chunkSize ?? 1000;
  for (let i = 0; i < rows.length; i += chunkSize) {
    const part = rows.slice(i, i + chunkSize);
    const json = JSON.stringify(
      part.map((row) => {
        const r = row as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (let c = 0; c < properties.length; c++) {
          const property = properties[c] as string;
          out[columns[c] as string] = r[property] ?? null;
        }
        return out;
      }),
    );
    await sql`INSERT INTO ${sql.table(table)} (${columnList}) SELECT ${columnList} FROM json_populate_recordset(NULL::${sql.table(table)}, ${json}::json)`.execute(
      db,
    );
    options.onChunk?.(Math.min(rows.length, i + chunkSize));
  }
}

/** Raises the per-agency daily code counters to at least the given values. */
export async function raiseCodeSequences(
  db: DbExecutor,
  rows: readonly { agencyCode: string; day: string; lastValue: number }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows
      .slice(i, i + 1000)
      .map((r) => ({ agency_code: r.agencyCode, day: r.day, last_value: r.lastValue }));
    await sql`
      INSERT INTO dossier_code_sequence (agency_code, day, last_value)
      SELECT agency_code, day, last_value FROM json_populate_recordset(NULL::dossier_code_sequence, ${JSON.stringify(part)}::json)
      ON CONFLICT (agency_code, day) DO UPDATE SET last_value = GREATEST(dossier_code_sequence.last_value, EXCLUDED.last_value)`.execute(
      db,
    );
  }
}

/** Published procedure versions with their procedure codes (the imported catalog). */
export async function listPublishedVersions(db: DbExecutor) {
  return db
    .selectFrom('procedureVersion as v')
    .innerJoin('procedure as p', 'p.id', 'v.procedureId')
    .select([
      'v.id',
      'p.code as procedureCode',
      'v.versionNo',
      'v.effectiveFrom',
      'v.effectiveTo',
      'v.content',
    ])
    .where('v.status', '=', 'published')
    .orderBy('p.code')
    .orderBy('v.versionNo')
    .execute();
}

export async function findUsernames(db: DbExecutor, usernames: readonly string[]): Promise<string[]> {
  if (usernames.length === 0) return [];
  const rows = await db.selectFrom('officer').select('username').where('username', 'in', usernames).execute();
  return rows.map((r) => r.username);
}
