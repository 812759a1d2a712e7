import {
  CompiledQuery,
  sql,
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Selectable,
  type SelectQueryBuilder,
  type SqlBool,
  type Updateable,
} from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { DB } from '../../db/database-types.ts';
import type { DbExecutor } from '../../db/database.ts';
import { COUNTER_LOCK_TIMEOUT_MS, runOutsideTransaction } from '../../db/counters.ts';
import { StatementTemplate } from '../../db/prepared-statements.ts';

/**
 * SQL of the dossier module. Authorisation is a SQL predicate (`visibleTo`), never load-and-filter:
 * an officer sees a dossier when a role in force covers (through the unit closure) the receiving
 * unit, the competent agency, the current unit, or a unit that handled one of its steps; a citizen
 * sees the dossiers of their account.
 */
export type Viewer =
  { type: 'officer'; id: string; now: Date } | { type: 'citizen'; id: string } | { type: 'system' };

export function visibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<DB & { d: DB['dossier'] }, 'd'>): Expression<SqlBool> => {
    if (viewer.type === 'system') return sql<SqlBool>`true`;
    if (viewer.type === 'citizen') return eb('d.applicantAccountId', '=', viewer.id);
    return sql<SqlBool>`EXISTS (
      SELECT 1 FROM officer_role r
        JOIN unit_closure c ON c.ancestor_id = r.unit_id
       WHERE r.officer_id = ${viewer.id}
         AND r.valid_from <= ${viewer.now} AND (r.valid_to IS NULL OR r.valid_to > ${viewer.now})
         AND (c.descendant_id = d.receiving_unit_id OR c.descendant_id = d.competent_unit_id
              OR c.descendant_id = d.current_unit_id
              OR EXISTS (SELECT 1 FROM dossier_step s WHERE s.dossier_id = d.id AND s.unit_id = c.descendant_id)))`;
  };
}

/**
 * `visibleTo` for an officer whose covered units (`unitsCoveredByOfficer`) are already known:
 * the dossier's receiving, competent or current unit, or one of its steps' units, is among them.
 */
export function visibleToUnits(unitIds: readonly string[]) {
  return (): Expression<SqlBool> => {
    if (unitIds.length === 0) return sql<SqlBool>`false`;
    const units = sql`ARRAY[${sql.join(unitIds.map((id) => sql`${id}`))}]::uuid[]`;
    return sql<SqlBool>`(d.receiving_unit_id = ANY(${units}) OR d.competent_unit_id = ANY(${units})
      OR d.current_unit_id = ANY(${units})
      OR EXISTS (SELECT 1 FROM dossier_step s WHERE s.dossier_id = d.id AND s.unit_id = ANY(${units})))`;
  };
}

export type DossierRow = Awaited<ReturnType<typeof findDossierByCode>> & object;

export async function findDossierByCode(db: DbExecutor, code: string) {
  return db.selectFrom('dossier as d').selectAll('d').where('d.code', '=', code).executeTakeFirst();
}

/**
 * Everything the public lookup shows, in one round trip (the lookup is the most frequent request
 * and may be served from a read replica): the dossier's public fields and secret, the unit names,
 * the history actions, the open supplement request and the rating. Compiled once and prepared on
 * the server (db/prepared-statements.ts): planning this query cost more than running it.
 */
const publicLookup = new StatementTemplate({ code: '' }, (db, p) =>
  db
    .selectFrom('dossier as d')
    .leftJoin('unit as ru', 'ru.id', 'd.receivingUnitId')
    .leftJoin('unit as cu', 'cu.id', 'd.currentUnitId')
    .leftJoin('dossierRating as r', 'r.dossierId', 'd.id')
    .select([
      'd.code',
      'd.status',
      'd.lookupSecret',
      'd.procedureVersionId',
      'd.procedureCode',
      'd.applicantName',
      'd.submittedAt',
      'd.receivedAt',
      'd.dueAt',
      'd.completedAt',
      'd.returnedAt',
      'd.deadline',
      'ru.name as receivingUnitName',
      'cu.name as currentUnitName',
      'r.score as ratingScore',
      'r.ratedAt as ratedAt',
    ])
    .select((eb) => [
      // The timeline on the row (ADR 0017); the history rows only for a dossier not backfilled.
      sql<{ action: string; at: string }[]>`COALESCE(d.public_timeline::json, ${jsonArrayFrom(
        eb
          .selectFrom('dossierTransition as t')
          // Keys inside JSON are not camel-cased by the plugin: one-word aliases.
          .select(['t.action', sql<string>`t.occurred_at`.as('at')])
          .whereRef('t.dossierId', '=', 'd.id')
          .orderBy('t.seq'),
      )})`.as('transitions'),
      jsonObjectFrom(
        eb
          .selectFrom('dossierSupplement as s')
          .select(['s.reason', 's.items'])
          .whereRef('s.dossierId', '=', 'd.id')
          .where('s.suppliedAt', 'is', null)
          // Shown only while the dossier waits for it: no index probe for the other dossiers.
          .where(sql<string>`d.status`, '=', 'awaiting_supplement')
          .orderBy('s.requestedAt')
          .limit(1),
      ).as('openSupplement'),
    ])
    .where('d.code', '=', p.code),
);

export async function findPublicLookupRow(db: DbExecutor, code: string) {
  const rows = await publicLookup.run(db, { code });
  return rows[0];
}

export async function findVisibleDossierByCode(db: DbExecutor, code: string, viewer: Viewer) {
  return db
    .selectFrom('dossier as d')
    .selectAll('d')
    .where('d.code', '=', code)
    .where(visibleTo(viewer))
    .executeTakeFirst();
}

export async function isDossierVisible(db: DbExecutor, dossierId: string, viewer: Viewer): Promise<boolean> {
  const row = await db
    .selectFrom('dossier as d')
    .select('d.id')
    .where('d.id', '=', dossierId)
    .where(visibleTo(viewer))
    .executeTakeFirst();
  return row !== undefined;
}

/** Locks the dossier row for the rest of the transaction. */
export async function lockDossier(trx: DbExecutor, id: string) {
  return trx.selectFrom('dossier').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findDossierByIdempotencyKey(db: DbExecutor, key: string) {
  return db.selectFrom('dossier').selectAll().where('idempotencyKey', '=', key).executeTakeFirst();
}

/** The upsert of the day's counter, its rows read from `source` (one row). */
const codeSequenceUpsert = (source: string) => `
    INSERT INTO dossier_code_sequence (agency_code, day, last_value) SELECT $1, $2::date, 1 ${source}
    ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_sequence.last_value + 1
    RETURNING last_value`;
/**
 * Its own transaction, committed asynchronously and waiting at most COUNTER_LOCK_TIMEOUT_MS for
 * the row (both settings transaction-local, set before the row is locked: safe behind any pooler).
 */
const NEXT_CODE_SEQUENCE_OUTSIDE = `WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true),
      set_config('lock_timeout', '${COUNTER_LOCK_TIMEOUT_MS}ms', true))
    ${codeSequenceUpsert('FROM relaxed')}`;
const NEXT_CODE_SEQUENCE_INSIDE = codeSequenceUpsert('');

/**
 * Next number of the per-agency daily sequence. On PostgreSQL it is taken in a transaction of its
 * own (db/counters.ts: the counter row is locked for one statement, not until the intake
 * commits); on PGlite inside `trx`.
 */
export async function nextCodeSequence(
  db: DbExecutor,
  trx: DbExecutor,
  agencyCode: string,
  day: string,
): Promise<number> {
  const params = [agencyCode, day];
  const outside = await runOutsideTransaction<{ last_value: number }>(db, NEXT_CODE_SEQUENCE_OUTSIDE, params);
  const value = outside
    ? outside[0]?.last_value
    : (await trx.executeQuery<{ lastValue: number }>(CompiledQuery.raw(NEXT_CODE_SEQUENCE_INSIDE, params)))
        .rows[0]?.lastValue;
  if (value === undefined) throw new Error('sequence upsert returned nothing');
  return value;
}

/** Sets the code of a dossier inserted earlier in the same transaction under a provisional code. */
export async function setDossierCode(trx: DbExecutor, id: string, code: string) {
  return trx
    .updateTable('dossier')
    .set({ code })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertDossier(trx: DbExecutor, row: Insertable<DB['dossier']>) {
  return trx.insertInto('dossier').values(row).returningAll().executeTakeFirstOrThrow();
}

/** One entry of `dossier.public_timeline` (ADR 0017): a history row's action and time. */
export interface PublicTimelineEntry {
  action: string;
  /** ISO 8601 */
  at: string;
}

/**
 * Updates the dossier if it still has `expectedVersion`, and appends the history row's entry to
 * its public timeline (which stays NULL, read from the history, for a dossier written before the
 * column existed and not backfilled yet).
 */
export async function updateDossierVersioned(
  trx: DbExecutor,
  id: string,
  expectedVersion: number,
  patch: Updateable<DB['dossier']>,
  timelineEntry: PublicTimelineEntry,
) {
  return trx
    .updateTable('dossier')
    .set({
      ...patch,
      version: expectedVersion + 1,
      publicTimeline: sql<string>`public_timeline || ${JSON.stringify([timelineEntry])}::jsonb`,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function insertTransition(trx: DbExecutor, row: Insertable<DB['dossierTransition']>) {
  await trx.insertInto('dossierTransition').values(row).execute();
}

export async function listTransitions(db: DbExecutor, dossierId: string) {
  return db
    .selectFrom('dossierTransition')
    .selectAll()
    .where('dossierId', '=', dossierId)
    .orderBy('seq')
    .execute();
}

export type ComponentRow = Selectable<DB['dossierComponent']>;

/** Inserts the component rows; answers them as stored, in the order given. */
export async function insertComponents(
  trx: DbExecutor,
  rows: Insertable<DB['dossierComponent']>[],
): Promise<ComponentRow[]> {
  if (rows.length === 0) return [];
  return trx.insertInto('dossierComponent').values(rows).returningAll().execute();
}

export async function markComponentsProvided(trx: DbExecutor, dossierId: string, codes: readonly string[]) {
  if (codes.length === 0) return;
  await trx
    .updateTable('dossierComponent')
    .set({ isProvided: true })
    .where('dossierId', '=', dossierId)
    .where('componentCode', 'in', codes)
    .execute();
}

export async function listComponents(db: DbExecutor, dossierId: string) {
  return db.selectFrom('dossierComponent').selectAll().where('dossierId', '=', dossierId).execute();
}

export async function insertDossierFiles(trx: DbExecutor, rows: Insertable<DB['dossierFile']>[]) {
  if (rows.length === 0) return;
  await trx.insertInto('dossierFile').values(rows).execute();
}

export async function listDossierFiles(db: DbExecutor, dossierId: string) {
  return db
    .selectFrom('dossierFile as df')
    .innerJoin('fileObject as f', 'f.id', 'df.fileId')
    .select([
      'df.id',
      'df.componentCode',
      'df.purpose',
      'df.addedAt',
      'f.id as fileId',
      'f.originalName',
      'f.contentType',
      'f.sizeBytes',
      'f.sha256',
      'f.createdAt',
    ])
    .where('df.dossierId', '=', dossierId)
    .orderBy('df.addedAt')
    .execute();
}

export async function insertStep(trx: DbExecutor, row: Insertable<DB['dossierStep']>) {
  return trx.insertInto('dossierStep').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function closeOpenStep(
  trx: DbExecutor,
  dossierId: string,
  close: { at: Date; by: string | null; outcome: string; note: string | null },
) {
  return trx
    .updateTable('dossierStep')
    .set({ completedAt: close.at, completedBy: close.by, outcome: close.outcome, note: close.note })
    .where('dossierId', '=', dossierId)
    .where('completedAt', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function updateOpenStep(
  trx: DbExecutor,
  dossierId: string,
  patch: Updateable<DB['dossierStep']>,
) {
  await trx
    .updateTable('dossierStep')
    .set(patch)
    .where('dossierId', '=', dossierId)
    .where('completedAt', 'is', null)
    .execute();
}

export async function findOpenStep(db: DbExecutor, dossierId: string) {
  return db
    .selectFrom('dossierStep')
    .selectAll()
    .where('dossierId', '=', dossierId)
    .where('completedAt', 'is', null)
    .executeTakeFirst();
}

export async function listSteps(db: DbExecutor, dossierId: string) {
  return db
    .selectFrom('dossierStep as s')
    .innerJoin('unit as u', 'u.id', 's.unitId')
    .leftJoin('officer as a', 'a.id', 's.assigneeId')
    .leftJoin('officer as eb', 'eb.id', 's.enteredBy')
    .leftJoin('officer as cb', 'cb.id', 's.completedBy')
    .selectAll('s')
    .select([
      'u.name as unitName',
      'a.fullName as assigneeName',
      'eb.fullName as enteredByName',
      'cb.fullName as completedByName',
    ])
    .where('s.dossierId', '=', dossierId)
    .orderBy('s.id')
    .execute();
}

export async function findLastAssigneeOfStep(
  db: DbExecutor,
  dossierId: string,
  stepIndex: number,
): Promise<string | null> {
  const r = await db
    .selectFrom('dossierStep')
    .select('assigneeId')
    .where('dossierId', '=', dossierId)
    .where('stepIndex', '=', stepIndex)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.assigneeId ?? null;
}

export async function insertSupplement(trx: DbExecutor, row: Insertable<DB['dossierSupplement']>) {
  await trx.insertInto('dossierSupplement').values(row).execute();
}

export async function closeOpenSupplement(
  trx: DbExecutor,
  dossierId: string,
  close: {
    suppliedAt: Date;
    byType: string;
    byId: string | null;
    note: string | null;
    pausedWorkingMinutes: number | null;
  },
) {
  return trx
    .updateTable('dossierSupplement')
    .set({
      suppliedAt: close.suppliedAt,
      suppliedByType: close.byType,
      suppliedById: close.byId,
      responseNote: close.note,
      // Whole minutes are stored (integer column); the deadline itself is shifted by the exact pause.
      pausedWorkingMinutes:
        close.pausedWorkingMinutes === null ? null : Math.round(close.pausedWorkingMinutes),
    })
    .where('dossierId', '=', dossierId)
    .where('suppliedAt', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function listSupplements(db: DbExecutor, dossierId: string) {
  return db
    .selectFrom('dossierSupplement')
    .selectAll()
    .where('dossierId', '=', dossierId)
    .orderBy('requestedAt')
    .execute();
}

export async function insertObligation(trx: DbExecutor, row: Insertable<DB['dossierObligation']>) {
  await trx.insertInto('dossierObligation').values(row).execute();
}

export async function closeOpenObligation(
  trx: DbExecutor,
  dossierId: string,
  close: { at: Date; byType: string; byId: string | null; reference: string },
) {
  return trx
    .updateTable('dossierObligation')
    .set({
      fulfilledAt: close.at,
      fulfilledByType: close.byType,
      fulfilledById: close.byId,
      paymentReference: close.reference,
    })
    .where('dossierId', '=', dossierId)
    .where('fulfilledAt', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function listObligations(db: DbExecutor, dossierId: string) {
  return db
    .selectFrom('dossierObligation')
    .selectAll()
    .where('dossierId', '=', dossierId)
    .orderBy('requestedAt')
    .execute();
}

export async function insertExtension(trx: DbExecutor, row: Insertable<DB['dossierExtension']>) {
  await trx.insertInto('dossierExtension').values(row).execute();
}

export async function listExtensions(db: DbExecutor, dossierId: string) {
  return db
    .selectFrom('dossierExtension as e')
    .leftJoin('officer as o', 'o.id', 'e.signedBy')
    .selectAll('e')
    .select('o.fullName as signerName')
    .where('e.dossierId', '=', dossierId)
    .orderBy('e.createdAt')
    .execute();
}

export async function findUnitsByIds(db: DbExecutor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'agencyCode', 'kind', 'address', 'phone'])
    .where('id', 'in', ids)
    .execute();
}

export async function findOfficerNames(db: DbExecutor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('officer').select(['id', 'fullName', 'title']).where('id', 'in', ids).execute();
}

export interface QueueFilter {
  unitIds?: readonly string[] | undefined; // current unit in these units (already expanded)
  assigneeId?: string | undefined;
  applicantAccountId?: string | undefined;
  statuses?: readonly string[] | undefined;
  procedureCode?: string | undefined;
  channel?: string | undefined;
  dueBefore?: Date | undefined;
  dueAfter?: Date | undefined;
  submittedFrom?: Date | undefined;
  submittedTo?: Date | undefined;
  q?: string | undefined;
  viewer: Viewer;
  /**
   * The unit filter is the set of units the viewer's roles cover (scope "my units"): every row it
   * keeps is visible by definition, so the visibility predicate is not evaluated again per row.
   */
  isVisibilityImpliedByUnits?: boolean | undefined;
  /**
   * The units the viewer's roles cover (closure), read once for the request: the visibility
   * predicate then compares each row with this list instead of joining the roles per row (same
   * rule as `visibleTo`, for scope "all I can see").
   */
  visibleUnitIds?: readonly string[] | undefined;
  sort: 'due_asc' | 'submitted_desc' | 'updated_desc';
  limit: number;
  offset: number;
}

function applyQueueFilter<QB extends SelectQueryBuilder<DB & { d: DB['dossier'] }, 'd', object>>(
  qb: QB,
  f: Omit<QueueFilter, 'sort' | 'limit' | 'offset'>,
): QB {
  let q =
    f.isVisibilityImpliedByUnits && f.unitIds
      ? qb
      : f.visibleUnitIds && f.viewer.type === 'officer'
        ? (qb.where(visibleToUnits(f.visibleUnitIds)) as QB)
        : (qb.where(visibleTo(f.viewer)) as QB);
  if (f.unitIds)
    q = q.where(
      'd.currentUnitId',
      'in',
      f.unitIds.length > 0 ? [...f.unitIds] : ['00000000-0000-0000-0000-000000000000'],
    ) as QB;
  if (f.assigneeId) q = q.where('d.currentAssigneeId', '=', f.assigneeId) as QB;
  if (f.applicantAccountId) q = q.where('d.applicantAccountId', '=', f.applicantAccountId) as QB;
  if (f.statuses && f.statuses.length > 0) q = q.where('d.status', 'in', [...f.statuses]) as QB;
  if (f.procedureCode) q = q.where('d.procedureCode', '=', f.procedureCode) as QB;
  if (f.channel) q = q.where('d.channel', '=', f.channel) as QB;
  if (f.dueBefore) q = q.where('d.dueAt', '<', f.dueBefore) as QB;
  if (f.dueAfter) q = q.where('d.dueAt', '>=', f.dueAfter) as QB;
  if (f.submittedFrom) q = q.where('d.submittedAt', '>=', f.submittedFrom) as QB;
  if (f.submittedTo) q = q.where('d.submittedAt', '<', f.submittedTo) as QB;
  if (f.q) {
    const term = f.q.trim();
    const like = `%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('d.code', '=', term),
        eb('d.applicantIdNumber', '=', term),
        eb('d.code', 'like', like),
        eb(eb.fn('lower', ['d.applicantName']), 'like', like.toLowerCase()),
      ]),
    ) as QB;
  }
  return q;
}

/**
 * A page of the queue and the total. The page is chosen on ids first (for the unit queue an
 * index-only scan of dossier_unit_queue_idx, which carries every sort key), then only those rows
 * are read; the count uses the same predicate.
 */
export async function listQueue(db: DbExecutor, f: QueueFilter) {
  const base = db.selectFrom('dossier as d');
  const idsQuery = applyQueueFilter(base.select('d.id'), f);
  const order = <Q extends SelectQueryBuilder<DB & { d: DB['dossier'] }, 'd', object>>(q: Q): Q =>
    (f.sort === 'due_asc'
      ? q.orderBy(sql`d.due_at ASC NULLS LAST`).orderBy('d.submittedAt', 'asc')
      : f.sort === 'updated_desc'
        ? q.orderBy('d.updatedAt', 'desc')
        : q.orderBy('d.submittedAt', 'desc')
    ).orderBy('d.id') as Q;
  const page = order(idsQuery).limit(f.limit).offset(f.offset);
  const rows = await order(db.selectFrom('dossier as d').selectAll('d').where('d.id', 'in', page)).execute();
  const countRow = await applyQueueFilter(
    base.select(sql<number>`count(*)::int`.as('n')),
    f,
  ).executeTakeFirst();
  return { rows, total: (countRow as { n?: number } | undefined)?.n ?? 0 };
}

/**
 * Totals of a queue by deadline in one pass over the filtered rows: all of them (`open`), and of
 * those in `runningStatuses`: overdue (due before now), due soon (from now to `dueSoonBefore`)
 * and on track (from `dueSoonBefore` on), with the same comparisons as `dueBefore`/`dueAfter`.
 */
export async function countQueueByDue(
  db: DbExecutor,
  f: Omit<QueueFilter, 'sort' | 'limit' | 'offset'>,
  o: { runningStatuses: readonly string[]; now: Date; dueSoonBefore: Date },
) {
  const running = sql`d.status IN (${sql.join(o.runningStatuses.map((s) => sql.lit(s)))})`;
  const row = await applyQueueFilter(
    db
      .selectFrom('dossier as d')
      .select([
        sql<number>`count(*)::int`.as('open'),
        sql<number>`(count(*) FILTER (WHERE ${running} AND d.due_at < ${o.now}))::int`.as('overdue'),
        sql<number>`(count(*) FILTER (WHERE ${running} AND d.due_at >= ${o.now} AND d.due_at < ${o.dueSoonBefore}))::int`.as(
          'dueSoon',
        ),
        sql<number>`(count(*) FILTER (WHERE ${running} AND d.due_at >= ${o.dueSoonBefore}))::int`.as(
          'onTrack',
        ),
      ]),
    f,
  ).executeTakeFirst();
  return {
    open: row?.open ?? 0,
    overdue: row?.overdue ?? 0,
    dueSoon: row?.dueSoon ?? 0,
    onTrack: row?.onTrack ?? 0,
  };
}

export async function listProcedureNames(db: DbExecutor, versionIds: readonly string[]) {
  if (versionIds.length === 0) return [];
  return db
    .selectFrom('procedureVersion')
    .select(['id', 'name', 'versionNo'])
    .where('id', 'in', versionIds)
    .execute();
}

/** Unit ids covered by the officer's roles (closure), optionally only for some roles. */
export async function unitsCoveredByOfficer(
  db: DbExecutor,
  officerId: string,
  roles: readonly string[] | null,
  now: Date,
) {
  let q = db
    .selectFrom('officerRole as r')
    .innerJoin('unitClosure as c', 'c.ancestorId', 'r.unitId')
    .select('c.descendantId')
    .distinct()
    .where('r.officerId', '=', officerId)
    .where('r.validFrom', '<=', now)
    .where((eb) => eb.or([eb('r.validTo', 'is', null), eb('r.validTo', '>', now)]));
  if (roles) q = q.where('r.role', 'in', [...roles]);
  const rows = await q.execute();
  return rows.map((r) => r.descendantId);
}

/* ------------------------------------------------------------------ satisfaction rating */

export async function findRating(db: DbExecutor, dossierId: string) {
  return db.selectFrom('dossierRating').selectAll().where('dossierId', '=', dossierId).executeTakeFirst();
}

/** Inserts the rating unless the dossier already has one (then returns undefined). */
export async function insertRatingIfAbsent(trx: DbExecutor, row: Insertable<DB['dossierRating']>) {
  return trx
    .insertInto('dossierRating')
    .values(row)
    .onConflict((oc) => oc.column('dossierId').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * Fills `public_timeline` for up to `limit` dossiers after `afterId` (in id order) that have none
 * (written before the column existed), from their history rows; answers how many it filled and
 * the last id it looked at (`null`: none left after `afterId`). Run in its own transaction: the
 * rows are locked first (`SKIP LOCKED`: a dossier in the middle of an action is left for a later
 * pass), then the history is read by a later statement, whose snapshot sees every action
 * committed before the lock, so no action is missed. Paging by id keeps each batch an index range
 * (no rescan of the rows already filled).
 */
export async function backfillPublicTimelines(
  trx: DbExecutor,
  limit: number,
  afterId: string | null,
): Promise<{ filled: number; lastId: string | null }> {
  const after = afterId === null ? sql`true` : sql`id > ${afterId}`;
  const locked = await sql<{ id: string }>`
    SELECT id FROM dossier WHERE ${after} AND public_timeline IS NULL ORDER BY id LIMIT ${limit}
       FOR UPDATE SKIP LOCKED`.execute(trx);
  const lastId = locked.rows.at(-1)?.id ?? null;
  if (lastId === null) return { filled: 0, lastId };
  const ids = sql`ARRAY[${sql.join(locked.rows.map((r) => sql`${r.id}`))}]::uuid[]`;
  const filled = await sql`
    UPDATE dossier d
       SET public_timeline = COALESCE((
             SELECT jsonb_agg(jsonb_build_object('action', t.action, 'at',
                      to_char(t.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                      ORDER BY t.seq)
               FROM dossier_transition t WHERE t.dossier_id = d.id), '[]'::jsonb)
     WHERE d.id = ANY(${ids})`.execute(trx);
  return { filled: Number(filled.numAffectedRows ?? 0), lastId };
}

/** Dossiers whose public timeline is still to be filled. */
export async function countDossiersWithoutTimeline(db: DbExecutor): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM dossier WHERE public_timeline IS NULL`.execute(db);
  return r.rows[0]?.n ?? 0;
}
