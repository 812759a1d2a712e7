import type { DbExecutor } from '../../db/database.ts';

/**
 * SQL of the weekly report subscriptions (table report_subscription). The numbers of the report
 * itself come from the report queries of statistics.repository.ts.
 */

const SUBSCRIPTION_COLUMNS = [
  's.id',
  's.unitId',
  's.recipients',
  's.language',
  's.isActive',
  's.createdBy',
  's.createdAt',
  's.lastSentWeek',
  's.nextRunAt',
  'u.name as unitName',
  'u.shortName as unitShortName',
  'u.agencyCode as unitAgencyCode',
  'u.kind as unitKind',
] as const;

export async function insertWeeklySubscription(
  db: DbExecutor,
  row: {
    unitId: string;
    recipients: readonly string[];
    language: string;
    createdBy: string | null;
    createdAt: Date;
    nextRunAt: Date;
  },
): Promise<string> {
  const created = await db
    .insertInto('reportSubscription')
    .values({
      unitId: row.unitId,
      recipients: [...row.recipients],
      language: row.language,
      isActive: true,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      lastSentWeek: null,
      nextRunAt: row.nextRunAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

/** One subscription with its unit (active or not); `forUpdate` locks the subscription row. */
export async function findWeeklySubscription(db: DbExecutor, id: string, forUpdate = false) {
  const q = db
    .selectFrom('reportSubscription as s')
    .innerJoin('unit as u', 'u.id', 's.unitId')
    .select(SUBSCRIPTION_COLUMNS)
    .where('s.id', '=', id);
  return (forUpdate ? q.forUpdate('s') : q).executeTakeFirst();
}

/**
 * Active subscriptions of the units in the subtrees of `ancestorIds` (null: every unit), oldest
 * first.
 */
export async function listActiveWeeklySubscriptions(db: DbExecutor, ancestorIds: readonly string[] | null) {
  let q = db
    .selectFrom('reportSubscription as s')
    .innerJoin('unit as u', 'u.id', 's.unitId')
    .select(SUBSCRIPTION_COLUMNS)
    .where('s.isActive', '=', true);
  if (ancestorIds !== null) {
    if (ancestorIds.length === 0) return [];
    q = q.where('s.unitId', 'in', (eb) =>
      eb
        .selectFrom('unitClosure')
        .select('descendantId')
        .where('ancestorId', 'in', [...ancestorIds]),
    );
  }
  return q.orderBy('s.createdAt').orderBy('s.id').execute();
}

/** Cancels a subscription; false when it was already inactive. */
export async function deactivateWeeklySubscription(db: DbExecutor, id: string): Promise<boolean> {
  const r = await db
    .updateTable('reportSubscription')
    .set({ isActive: false })
    .where('id', '=', id)
    .where('isActive', '=', true)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Records the week just reported and when the next report is due. */
export async function markWeeklyReportSent(
  db: DbExecutor,
  id: string,
  input: { week: string; nextRunAt: Date },
): Promise<void> {
  await db
    .updateTable('reportSubscription')
    .set({ lastSentWeek: input.week, nextRunAt: input.nextRunAt })
    .where('id', '=', id)
    .execute();
}
