import type { DbExecutor } from '../../db/database.ts';

export async function listOverrides(db: DbExecutor, range?: { from: string; to: string }) {
  let q = db.selectFrom('calendarOverride').select(['date', 'kind', 'name', 'reference']);
  if (range) q = q.where('date', '>=', range.from).where('date', '<=', range.to);
  return q.orderBy('date').execute();
}

export async function upsertOverride(
  db: DbExecutor,
  row: { date: string; kind: string; name: string; reference: string | null; createdBy: string | null },
) {
  return db
    .insertInto('calendarOverride')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('date')
        .doUpdateSet({ kind: row.kind, name: row.name, reference: row.reference, createdBy: row.createdBy }),
    )
    .returning(['date', 'kind', 'name', 'reference'])
    .executeTakeFirstOrThrow();
}

export async function deleteOverride(db: DbExecutor, date: string) {
  return db.deleteFrom('calendarOverride').where('date', '=', date).returning(['date']).executeTakeFirst();
}

export async function findUnitOfficeHours(db: DbExecutor, unitId: string) {
  return db.selectFrom('unit').select(['id', 'officeHours']).where('id', '=', unitId).executeTakeFirst();
}
