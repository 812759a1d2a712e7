import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DbExecutor } from '../../db/database.ts';
import { StatementTemplate } from '../../db/prepared-statements.ts';

/** SQL for officers, roles, applicant accounts and sessions. Returns rows; no business rules. */

export async function findOfficerByUsername(db: DbExecutor, username: string) {
  return db.selectFrom('officer').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findOfficerById(db: DbExecutor, id: string) {
  return db.selectFrom('officer').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Roles in force at `now`, with unit names. */
export async function listActiveGrants(db: DbExecutor, officerIds: readonly string[], now: Date) {
  if (officerIds.length === 0) return [];
  return db
    .selectFrom('officerRole as r')
    .innerJoin('unit as u', 'u.id', 'r.unitId')
    .select([
      'r.id',
      'r.officerId',
      'r.role',
      'r.unitId',
      'u.name as unitName',
      'r.validFrom',
      'r.validTo',
      'r.delegatedById',
    ])
    .where('r.officerId', 'in', officerIds)
    .where('r.validFrom', '<=', now)
    .where((eb) => eb.or([eb('r.validTo', 'is', null), eb('r.validTo', '>', now)]))
    .orderBy('r.validFrom')
    .execute();
}

export async function insertOfficer(
  db: DbExecutor,
  row: {
    username: string;
    fullName: string;
    title?: string | null;
    email?: string | null;
    phone?: string | null;
    passwordHash: string;
  },
) {
  return db
    .insertInto('officer')
    .values({
      username: row.username,
      fullName: row.fullName,
      title: row.title ?? null,
      email: row.email ?? null,
      phone: row.phone ?? null,
      passwordHash: row.passwordHash,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertRole(
  db: DbExecutor,
  row: {
    officerId: string;
    role: string;
    unitId: string;
    validFrom?: Date;
    validTo?: Date | null;
    delegatedById?: string | null;
    note?: string | null;
  },
) {
  return db
    .insertInto('officerRole')
    .values({
      officerId: row.officerId,
      role: row.role,
      unitId: row.unitId,
      ...(row.validFrom ? { validFrom: row.validFrom } : {}),
      validTo: row.validTo ?? null,
      delegatedById: row.delegatedById ?? null,
      note: row.note ?? null,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

export async function endRole(db: DbExecutor, roleId: string, officerId: string, at: Date) {
  return db
    .updateTable('officerRole')
    .set({ validTo: at })
    .where('id', '=', roleId)
    .where('officerId', '=', officerId)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>', at)]))
    .where('validFrom', '<', at)
    .returning(['id'])
    .executeTakeFirst();
}

/**
 * Officers visible to an admin or supervisor: those holding a role in a unit inside one of the
 * caller's scopes (authorisation as a SQL predicate).
 */
/**
 * True when an administrator of the scope units may see the officer: the officer has (or had, or
 * will have) a role over one of those units or their descendants, or has no role at all yet (just
 * created, waiting for one).
 */
export async function isOfficerInScope(
  db: DbExecutor,
  officerId: string,
  scopeUnitIds: readonly string[],
): Promise<boolean> {
  if (scopeUnitIds.length === 0) return false;
  const row = await db
    .selectFrom('officer as o')
    .select('o.id')
    .where('o.id', '=', officerId)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('officerRole as r')
            .innerJoin('unitClosure as c', 'c.descendantId', 'r.unitId')
            .select(sql`1`.as('one'))
            .whereRef('r.officerId', '=', 'o.id')
            .where('c.ancestorId', 'in', scopeUnitIds),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('officerRole as r')
              .select(sql`1`.as('one'))
              .whereRef('r.officerId', '=', 'o.id'),
          ),
        ),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

export async function listOfficersInScope(
  db: DbExecutor,
  scopeUnitIds: readonly string[],
  filter: {
    unitId?: string | undefined;
    role?: string | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
  now: Date,
) {
  if (scopeUnitIds.length === 0) return [];
  let query = db
    .selectFrom('officer as o')
    .select(['o.id', 'o.username', 'o.fullName', 'o.title', 'o.email', 'o.phone', 'o.isActive'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('officerRole as r')
          .innerJoin('unitClosure as c', 'c.descendantId', 'r.unitId')
          .select(sql`1`.as('one'))
          .whereRef('r.officerId', '=', 'o.id')
          .where('c.ancestorId', 'in', scopeUnitIds)
          .where((e) => e.or([e('r.validTo', 'is', null), e('r.validTo', '>', now)]))
          .$if(filter.unitId !== undefined, (q) => q.where('r.unitId', '=', filter.unitId ?? ''))
          .$if(filter.role !== undefined, (q) => q.where('r.role', '=', filter.role ?? '')),
      ),
    );
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([eb(eb.fn('lower', ['o.fullName']), 'like', like), eb('o.username', 'like', like)]),
    );
  }
  return query.orderBy('o.fullName').orderBy('o.id').limit(filter.limit).offset(filter.offset).execute();
}

export async function findApplicantByIdentifier(db: DbExecutor, identifier: string) {
  return db
    .selectFrom('applicantAccount')
    .selectAll()
    .where((eb) => eb.or([eb('idNumber', '=', identifier), eb('taxCode', '=', identifier)]))
    .executeTakeFirst();
}

export async function findApplicantById(db: DbExecutor, id: string) {
  return db.selectFrom('applicantAccount').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertApplicant(
  db: DbExecutor,
  row: {
    kind: string;
    fullName: string;
    idNumber: string | null;
    taxCode: string | null;
    phone: string | null;
    email: string | null;
    address: string | null;
    passwordHash: string;
    preferredLanguage: string;
  },
) {
  return db.insertInto('applicantAccount').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertSession(
  db: DbExecutor,
  row: {
    tokenHash: string;
    actorType: 'officer' | 'citizen';
    actorId: string;
    expiresAt: Date;
    userAgent: string | null;
  },
) {
  return db.insertInto('session').values(row).returning(['id', 'expiresAt']).executeTakeFirstOrThrow();
}

/**
 * The actor behind a live session in one round trip (every authenticated request resolves its
 * token): the session, the officer or account, and the officer's roles in force at `now`
 * (`listActiveGrants`' conditions). Compiled once and prepared (db/prepared-statements.ts).
 */
const sessionActor = new StatementTemplate({ tokenHash: '', now: '' }, (db, p) =>
  db
    .selectFrom('session as s')
    .leftJoin('officer as o', (j) => j.onRef('o.id', '=', 's.actorId').on('s.actorType', '=', 'officer'))
    .leftJoin('applicantAccount as a', (j) =>
      j.onRef('a.id', '=', 's.actorId').on('s.actorType', '=', 'citizen'),
    )
    .select([
      's.actorType',
      's.actorId',
      'o.fullName as officerName',
      'o.username as officerUsername',
      'o.isActive as isOfficerActive',
      'a.fullName as applicantName',
      'a.isActive as isApplicantActive',
    ])
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('officerRole as r')
          .innerJoin('unit as u', 'u.id', 'r.unitId')
          // Keys inside JSON are not camel-cased by the plugin: one-word aliases.
          .select(['r.role', sql<string>`r.unit_id`.as('unit')])
          .whereRef('r.officerId', '=', 's.actorId')
          .where('r.validFrom', '<=', sql<Date>`${p.now}::timestamptz`)
          .where((w) =>
            w.or([w('r.validTo', 'is', null), w('r.validTo', '>', sql<Date>`${p.now}::timestamptz`)]),
          )
          .orderBy('r.validFrom'),
      ).as('grants'),
    )
    .where('s.tokenHash', '=', p.tokenHash)
    .where('s.revokedAt', 'is', null)
    .where('s.expiresAt', '>', sql<Date>`${p.now}::timestamptz`),
);

export async function findSessionActor(db: DbExecutor, tokenHash: string, now: Date) {
  const rows = await sessionActor.run(db, { tokenHash, now: now.toISOString() });
  return rows[0];
}

export async function revokeSession(db: DbExecutor, tokenHash: string, now: Date) {
  return db
    .updateTable('session')
    .set({ revokedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('revokedAt', 'is', null)
    .returning(['id', 'actorType', 'actorId'])
    .executeTakeFirst();
}
