import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/database-types.ts';
import type { DbExecutor } from '../../db/database.ts';

/** Name of the published version in force on `day` (else the latest published one). */
function procedureNameOf(eb: ExpressionBuilder<DB & { dd: DB['dossierDraft'] }, 'dd'>, day: string) {
  return eb
    .selectFrom('procedureVersion as pv')
    .innerJoin('procedure as p', 'p.id', 'pv.procedureId')
    .select('pv.name')
    .whereRef('p.code', '=', 'dd.procedureCode')
    .where('pv.status', '=', 'published')
    .orderBy(sql`pv.effective_from <= ${day}::date`, 'desc')
    .orderBy('pv.effectiveFrom', 'desc')
    .orderBy('pv.versionNo', 'desc')
    .limit(1);
}

export async function listDraftsOfAccount(db: DbExecutor, accountId: string, day: string) {
  return db
    .selectFrom('dossierDraft as dd')
    .select(['dd.procedureCode', 'dd.updatedAt'])
    .select((eb) => procedureNameOf(eb, day).as('procedureName'))
    .where('dd.applicantAccountId', '=', accountId)
    .orderBy('dd.updatedAt', 'desc')
    .orderBy('dd.procedureCode')
    .execute();
}

export async function findDraft(db: DbExecutor, accountId: string, procedureCode: string) {
  return db
    .selectFrom('dossierDraft')
    .selectAll()
    .where('applicantAccountId', '=', accountId)
    .where('procedureCode', '=', procedureCode)
    .executeTakeFirst();
}

export async function upsertDraft(
  db: DbExecutor,
  row: { applicantAccountId: string; procedureCode: string; data: string; updatedAt: Date },
) {
  return db
    .insertInto('dossierDraft')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['applicantAccountId', 'procedureCode'])
        .doUpdateSet({ data: row.data, updatedAt: row.updatedAt }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteDraftRow(db: DbExecutor, accountId: string, procedureCode: string) {
  await db
    .deleteFrom('dossierDraft')
    .where('applicantAccountId', '=', accountId)
    .where('procedureCode', '=', procedureCode)
    .execute();
}

/** True when the procedure exists and has at least one published version (drafts are for those). */
export async function isProcedureOffered(db: DbExecutor, procedureCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('procedure as p')
    .innerJoin('procedureVersion as pv', 'pv.procedureId', 'p.id')
    .select(sql`1`.as('one'))
    .where('p.code', '=', procedureCode)
    .where('pv.status', '=', 'published')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
