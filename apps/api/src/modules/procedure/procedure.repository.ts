import { sql, type Selectable } from 'kysely';
import type { DbExecutor } from '../../db/database.ts';
import type { ProcedureVersion } from '../../db/database-types.ts';

export type VersionRow = Selectable<ProcedureVersion>;

/** Columns written for a version (content is a JSON string). */
export interface VersionValues {
  effectiveFrom: string;
  name: string;
  searchText: string;
  fieldCode: string;
  fieldName: string;
  level: string;
  competentAgencyCode: string | null;
  onlineServiceLevel: string;
  content: string;
}

export interface NewVersionRow extends VersionValues {
  procedureId: string;
  versionNo: number;
  status: 'draft' | 'published';
  effectiveTo: string | null;
  createdBy: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
}

export async function findProcedureByCode(db: DbExecutor, code: string) {
  return db.selectFrom('procedure').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Locks the procedure row: serialises version changes of one procedure. */
export async function lockProcedureByCode(db: DbExecutor, code: string) {
  return db.selectFrom('procedure').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
}

export async function insertProcedure(db: DbExecutor, code: string) {
  return db.insertInto('procedure').values({ code }).returningAll().executeTakeFirstOrThrow();
}

export async function insertProcedures(db: DbExecutor, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .insertInto('procedure')
    .values(codes.map((code) => ({ code })))
    .returning(['id', 'code'])
    .execute();
}

/** The published version in force on `date` (YYYY-MM-DD). */
export async function findEffectiveVersion(db: DbExecutor, procedureId: string, date: string) {
  return db
    .selectFrom('procedureVersion')
    .selectAll()
    .where('procedureId', '=', procedureId)
    .where('status', '=', 'published')
    .where('effectiveFrom', '<=', date)
    .where((eb) => eb.or([eb('effectiveTo', 'is', null), eb('effectiveTo', '>=', date)]))
    .orderBy('effectiveFrom', 'desc')
    .orderBy('versionNo', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The procedure with this code and the id of its version in force on `date` (`versionId` null when
 * none is): one small row, so that an intake whose version is cached reads no version content.
 */
export async function findEffectiveVersionIdByCode(db: DbExecutor, code: string, date: string) {
  return db
    .selectFrom('procedure as p')
    .select('p.id')
    .select((eb) =>
      eb
        .selectFrom('procedureVersion as v')
        .select('v.id')
        .whereRef('v.procedureId', '=', 'p.id')
        .where('v.status', '=', 'published')
        .where('v.effectiveFrom', '<=', date)
        .where((w) => w.or([w('v.effectiveTo', 'is', null), w('v.effectiveTo', '>=', date)]))
        .orderBy('v.effectiveFrom', 'desc')
        .orderBy('v.versionNo', 'desc')
        .limit(1)
        .as('versionId'),
    )
    .where('p.code', '=', code)
    .executeTakeFirst();
}

/** The first published version taking effect after `date`. */
export async function findUpcomingVersion(db: DbExecutor, procedureId: string, date: string) {
  return db
    .selectFrom('procedureVersion')
    .selectAll()
    .where('procedureId', '=', procedureId)
    .where('status', '=', 'published')
    .where('effectiveFrom', '>', date)
    .orderBy('effectiveFrom')
    .orderBy('versionNo')
    .limit(1)
    .executeTakeFirst();
}

export async function findVersionById(db: DbExecutor, versionId: string) {
  return db
    .selectFrom('procedureVersion as v')
    .innerJoin('procedure as p', 'p.id', 'v.procedureId')
    .selectAll('v')
    .select('p.code as procedureCode')
    .where('v.id', '=', versionId)
    .executeTakeFirst();
}

export async function findVersionByNo(db: DbExecutor, procedureId: string, versionNo: number) {
  return db
    .selectFrom('procedureVersion')
    .selectAll()
    .where('procedureId', '=', procedureId)
    .where('versionNo', '=', versionNo)
    .executeTakeFirst();
}

/** Every version of a procedure (without content), by number. */
export async function listVersionHeaders(db: DbExecutor, procedureId: string) {
  return db
    .selectFrom('procedureVersion')
    .select(['id', 'versionNo', 'status', 'effectiveFrom', 'effectiveTo', 'publishedAt'])
    .where('procedureId', '=', procedureId)
    .orderBy('versionNo')
    .execute();
}

/** The version with the highest number (the one a new draft is copied from). */
export async function findLatestVersion(db: DbExecutor, procedureId: string) {
  return db
    .selectFrom('procedureVersion')
    .selectAll()
    .where('procedureId', '=', procedureId)
    .orderBy('versionNo', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertVersion(db: DbExecutor, row: NewVersionRow) {
  return db.insertInto('procedureVersion').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertVersions(db: DbExecutor, rows: readonly NewVersionRow[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('procedureVersion')
    .values([...rows])
    .execute();
}

/** Replaces the content of a draft; undefined if the version is not (or no longer) a draft. */
export async function updateDraft(db: DbExecutor, versionId: string, values: VersionValues) {
  return db
    .updateTable('procedureVersion')
    .set(values)
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirst();
}

export async function markPublished(
  db: DbExecutor,
  versionId: string,
  values: { publishedAt: Date; publishedBy: string | null; effectiveTo: string | null },
) {
  return db
    .updateTable('procedureVersion')
    .set({ status: 'published', ...values })
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirst();
}

/**
 * Ends the published versions of a procedure whose period overlaps a version taking effect on
 * `effectiveFrom`: their effective_to becomes `newEffectiveTo` (the day before).
 */
export async function closeOverlappingVersions(
  db: DbExecutor,
  procedureId: string,
  effectiveFrom: string,
  newEffectiveTo: string,
) {
  return db
    .updateTable('procedureVersion')
    .set({ effectiveTo: newEffectiveTo })
    .where('procedureId', '=', procedureId)
    .where('status', '=', 'published')
    .where('effectiveFrom', '<', effectiveFrom)
    .where((eb) => eb.or([eb('effectiveTo', 'is', null), eb('effectiveTo', '>=', effectiveFrom)]))
    .returning(['id', 'versionNo'])
    .execute();
}

export async function setEffectiveTo(db: DbExecutor, versionId: string, effectiveTo: string | null) {
  await db.updateTable('procedureVersion').set({ effectiveTo }).where('id', '=', versionId).execute();
}

export interface CatalogSearchFilter {
  /** Accent-free words that must all occur in the search text. */
  words: readonly string[];
  field?: string | undefined;
  level?: string | undefined;
  agencyCode?: string | undefined;
  channel?: string | undefined;
  onlineServiceLevel?: string | undefined;
  limit: number;
  offset: number;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Published versions in force on `date`, filtered. */
function inForceQuery(db: DbExecutor, date: string, filter: Omit<CatalogSearchFilter, 'limit' | 'offset'>) {
  let q = db
    .selectFrom('procedureVersion as v')
    .innerJoin('procedure as p', 'p.id', 'v.procedureId')
    .where('v.status', '=', 'published')
    .where('v.effectiveFrom', '<=', date)
    .where((eb) => eb.or([eb('v.effectiveTo', 'is', null), eb('v.effectiveTo', '>=', date)]));
  for (const word of filter.words) {
    q = q.where('v.searchText', 'like', `%${escapeLike(word)}%`);
  }
  if (filter.field) q = q.where('v.fieldCode', '=', filter.field);
  if (filter.level) q = q.where('v.level', '=', filter.level);
  if (filter.agencyCode) q = q.where('v.competentAgencyCode', '=', filter.agencyCode);
  if (filter.onlineServiceLevel) q = q.where('v.onlineServiceLevel', '=', filter.onlineServiceLevel);
  if (filter.channel) {
    const probe = JSON.stringify([{ channel: filter.channel }]);
    q = q.where(sql<boolean>`v.content -> 'channels' @> ${probe}::jsonb`);
  }
  return q;
}

export async function searchInForce(db: DbExecutor, date: string, filter: CatalogSearchFilter) {
  const exact = filter.words.length === 1 ? (filter.words[0] ?? '') : '';
  const rows = await inForceQuery(db, date, filter)
    .leftJoin('unit as u', 'u.agencyCode', 'v.competentAgencyCode')
    .select([
      'p.code',
      'v.versionNo',
      'v.effectiveFrom',
      'v.name',
      'v.fieldCode',
      'v.fieldName',
      'v.level',
      'v.competentAgencyCode',
      'v.onlineServiceLevel',
      'v.content',
      'u.name as agencyName',
    ])
    .orderBy(sql`(p.code = ${exact})`, 'desc')
    .orderBy('v.name')
    .orderBy('p.code')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const count = await inForceQuery(db, date, filter)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.total) };
}

export async function countFieldsInForce(db: DbExecutor, date: string, level?: string) {
  return inForceQuery(db, date, { words: [], level })
    .select((eb) => [
      'v.fieldCode',
      eb.fn.max('v.fieldName').as('fieldName'),
      eb.fn.countAll<number>().as('count'),
    ])
    .groupBy('v.fieldCode')
    .orderBy('fieldName')
    .orderBy('v.fieldCode')
    .execute();
}

/** Every version (with its procedure code) for the export, by code and version number. */
export async function listVersionsForExport(db: DbExecutor, includeDrafts: boolean) {
  let q = db
    .selectFrom('procedureVersion as v')
    .innerJoin('procedure as p', 'p.id', 'v.procedureId')
    .select(['p.code', 'v.versionNo', 'v.status', 'v.effectiveFrom', 'v.effectiveTo', 'v.content']);
  if (!includeDrafts) q = q.where('v.status', '=', 'published');
  return q.orderBy('p.code').orderBy('v.versionNo').execute();
}

/** Locks the procedures with these codes (in code order, to avoid deadlocks between imports). */
export async function lockProceduresByCodes(db: DbExecutor, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('procedure')
    .select(['id', 'code'])
    .where('code', 'in', [...codes])
    .orderBy('code')
    .forUpdate()
    .execute();
}

/** Every version of these procedures, by procedure and version number. */
export async function listVersionsOfProcedures(db: DbExecutor, procedureIds: readonly string[]) {
  if (procedureIds.length === 0) return [];
  return db
    .selectFrom('procedureVersion')
    .select(['id', 'procedureId', 'versionNo', 'status', 'effectiveFrom', 'effectiveTo', 'content'])
    .where('procedureId', 'in', [...procedureIds])
    .orderBy('procedureId')
    .orderBy('versionNo')
    .execute();
}
