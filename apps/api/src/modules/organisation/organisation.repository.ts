import { sql } from 'kysely';
import type { DbExecutor } from '../../db/database.ts';

export async function findUnitById(db: DbExecutor, id: string) {
  return db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUnitByAgencyCode(db: DbExecutor, agencyCode: string) {
  return db.selectFrom('unit').selectAll().where('agencyCode', '=', agencyCode).executeTakeFirst();
}

export async function listUnits(db: DbExecutor, asOf: string | null) {
  let q = db.selectFrom('unit').selectAll();
  if (asOf) {
    q = q
      .where('validFrom', '<=', asOf)
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', asOf)]));
  }
  return q.orderBy('kind').orderBy('agencyCode').execute();
}

export async function insertUnit(
  db: DbExecutor,
  row: {
    agencyCode: string;
    name: string;
    shortName: string | null;
    kind: string;
    parentId: string | null;
    validFrom: string;
    officeHours: string | null;
    address: string | null;
    phone: string | null;
    email: string | null;
  },
) {
  const unit = await db.insertInto('unit').values(row).returningAll().executeTakeFirstOrThrow();
  await sql`
    INSERT INTO unit_closure (ancestor_id, descendant_id, depth)
    SELECT ancestor_id, ${unit.id}::uuid, depth + 1 FROM unit_closure WHERE descendant_id = ${row.parentId}::uuid
    UNION ALL SELECT ${unit.id}::uuid, ${unit.id}::uuid, 0`.execute(db);
  return unit;
}

export async function updateUnit(
  db: DbExecutor,
  id: string,
  patch: Partial<{
    name: string;
    shortName: string | null;
    validTo: string | null;
    successorId: string | null;
    officeHours: string | null;
    address: string | null;
    phone: string | null;
    email: string | null;
    updatedAt: Date;
  }>,
) {
  return db.updateTable('unit').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Moves a unit (and its subtree) under a new parent, rewriting the closure rows. */
export async function reparentUnit(db: DbExecutor, id: string, newParentId: string, now: Date) {
  await sql`
    DELETE FROM unit_closure
     WHERE descendant_id IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${id}::uuid)
       AND ancestor_id NOT IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${id}::uuid)`.execute(
    db,
  );
  await sql`
    INSERT INTO unit_closure (ancestor_id, descendant_id, depth)
    SELECT a.ancestor_id, d.descendant_id, a.depth + d.depth + 1
      FROM unit_closure a CROSS JOIN unit_closure d
     WHERE a.descendant_id = ${newParentId}::uuid AND d.ancestor_id = ${id}::uuid`.execute(db);
  await db.updateTable('unit').set({ parentId: newParentId, updatedAt: now }).where('id', '=', id).execute();
}

export async function isDescendant(
  db: DbExecutor,
  ancestorId: string,
  descendantId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('unitClosure')
    .select('depth')
    .where('ancestorId', '=', ancestorId)
    .where('descendantId', '=', descendantId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the officer holds one of `roles`, in force at `now`, over `unitId` (directly or via an ancestor). */
export async function officerHasRoleOver(
  db: DbExecutor,
  officerId: string,
  unitId: string,
  roles: readonly string[],
  now: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('officerRole as r')
    .innerJoin('unitClosure as c', 'c.ancestorId', 'r.unitId')
    .select(sql`1`.as('one'))
    .where('r.officerId', '=', officerId)
    .where('c.descendantId', '=', unitId)
    .where('r.role', 'in', roles)
    .where('r.validFrom', '<=', now)
    .where((eb) => eb.or([eb('r.validTo', 'is', null), eb('r.validTo', '>', now)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Roles the officer holds over each of the given units (directly or via an ancestor). */
export async function rolesOverUnits(
  db: DbExecutor,
  officerId: string,
  unitIds: readonly string[],
  now: Date,
) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('officerRole as r')
    .innerJoin('unitClosure as c', 'c.ancestorId', 'r.unitId')
    .select(['r.role', 'c.descendantId as unitId'])
    .where('r.officerId', '=', officerId)
    .where('c.descendantId', 'in', unitIds)
    .where('r.validFrom', '<=', now)
    .where((eb) => eb.or([eb('r.validTo', 'is', null), eb('r.validTo', '>', now)]))
    .execute();
}

/** Nearest unit of a kind among the unit and its ancestors. */
export async function nearestAncestorOfKind(db: DbExecutor, unitId: string, kind: string) {
  return db
    .selectFrom('unitClosure as c')
    .innerJoin('unit as u', 'u.id', 'c.ancestorId')
    .selectAll('u')
    .where('c.descendantId', '=', unitId)
    .where('u.kind', '=', kind)
    .orderBy('c.depth')
    .limit(1)
    .executeTakeFirst();
}

/** Direct children of a unit, optionally of one kind. */
export async function childrenOf(db: DbExecutor, parentId: string, kind?: string) {
  let q = db.selectFrom('unit').selectAll().where('parentId', '=', parentId).where('validTo', 'is', null);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('agencyCode').execute();
}

export async function findRootUnits(db: DbExecutor) {
  return db
    .selectFrom('unit')
    .selectAll()
    .where('parentId', 'is', null)
    .where('validTo', 'is', null)
    .execute();
}

/** Officers holding `role` over `unitId`, in force now (e.g. specialists who can be assigned). */
export async function officersWithRoleOver(db: DbExecutor, unitId: string, role: string, now: Date) {
  return db
    .selectFrom('officerRole as r')
    .innerJoin('unitClosure as c', 'c.ancestorId', 'r.unitId')
    .innerJoin('officer as o', 'o.id', 'r.officerId')
    .select(['o.id', 'o.fullName', 'o.username', 'o.title'])
    .distinct()
    .where('c.descendantId', '=', unitId)
    .where('r.role', '=', role)
    .where('o.isActive', '=', true)
    .where('r.validFrom', '<=', now)
    .where((eb) => eb.or([eb('r.validTo', 'is', null), eb('r.validTo', '>', now)]))
    .orderBy('o.fullName')
    .execute();
}
