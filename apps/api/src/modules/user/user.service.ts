import crypto from 'node:crypto';
import type { OfficerRole } from '@motcua/domain';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireAuthenticated, requireRole } from '../../shared/authz.ts';
import type { AuditEvent } from '../audit/audit.schemas.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { adminScopeUnitIds, isUnitInScope, requireUnit } from '../organisation/organisation.service.ts';
import { checkPasswordPolicy, hashPassword, verifyAgainstDummy, verifyPassword } from './password.ts';
import { invalidCredentials, officerNotFound, weakPassword } from './user.errors.ts';
import {
  endRole,
  findApplicantById,
  findApplicantByIdentifier,
  findSessionActor,
  findOfficerById,
  findOfficerByUsername,
  insertApplicant,
  insertOfficer,
  insertRole,
  insertSession,
  listActiveGrants,
  isOfficerInScope,
  listOfficersInScope,
  revokeSession,
} from './user.repository.ts';
import type { LoginResult, Me, OfficerSummary } from './user.schemas.ts';

export const SESSION_COOKIE = 'motcua_session';

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

interface RequestMeta {
  requestId?: string | undefined;
  userAgent?: string | undefined;
}

async function openSession(
  ctx: AppContext,
  actorType: 'officer' | 'citizen',
  actorId: string,
  meta: RequestMeta,
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + ctx.config.SESSION_TTL_HOURS * 3_600_000);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const s = await insertSession(trx, {
      tokenHash: hashToken(token),
      actorType,
      actorId,
      expiresAt,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(
      trx,
      actorType === 'officer'
        ? { type: 'officer', id: actorId, name: '', username: '', grants: [] }
        : { type: 'citizen', id: actorId, name: '' },
      { type: 'auth.login_succeeded', entityType: 'session', entityId: s.id, summary: { actorType } },
      { at: now, requestId: meta.requestId },
    );
    return s;
  });
  return { token, expiresAt, sessionId: row.id };
}

async function auditFailedLogin(
  ctx: AppContext,
  identifier: string,
  reason: string,
  meta: RequestMeta,
): Promise<void> {
  await recordAudit(
    ctx.db,
    { type: 'anonymous', id: null },
    {
      type: 'auth.login_failed',
      entityType: 'session',
      entityId: '-',
      summary: { identifier: identifier.slice(0, 64), reason },
    },
    { at: ctx.clock(), requestId: meta.requestId },
  );
}

export async function loginOfficer(
  ctx: AppContext,
  input: { username: string; password: string },
  meta: RequestMeta = {},
): Promise<LoginResult> {
  const officer = await findOfficerByUsername(ctx.db, input.username);
  if (!officer) {
    await verifyAgainstDummy(input.password);
    await auditFailedLogin(ctx, input.username, 'unknown_user', meta);
    throw invalidCredentials();
  }
  if (!(await verifyPassword(officer.passwordHash, input.password))) {
    await auditFailedLogin(ctx, input.username, 'wrong_password', meta);
    throw invalidCredentials();
  }
  if (!officer.isActive) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled');
  const session = await openSession(ctx, 'officer', officer.id, meta);
  return {
    token: session.token,
    expiresAt: session.expiresAt.toISOString(),
    me: await officerMe(ctx, officer.id),
  };
}

export async function loginCitizen(
  ctx: AppContext,
  input: { identifier: string; password: string },
  meta: RequestMeta = {},
): Promise<LoginResult> {
  const account = await findApplicantByIdentifier(ctx.db, input.identifier);
  if (!account) {
    await verifyAgainstDummy(input.password);
    await auditFailedLogin(ctx, input.identifier, 'unknown_user', meta);
    throw invalidCredentials();
  }
  if (!(await verifyPassword(account.passwordHash, input.password))) {
    await auditFailedLogin(ctx, input.identifier, 'wrong_password', meta);
    throw invalidCredentials();
  }
  if (!account.isActive) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled');
  const session = await openSession(ctx, 'citizen', account.id, meta);
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), me: citizenMe(account) };
}

export async function registerCitizen(
  ctx: AppContext,
  input: {
    kind: 'citizen' | 'organisation';
    fullName: string;
    idNumber?: string | undefined;
    taxCode?: string | undefined;
    phone?: string | undefined;
    email?: string | undefined;
    address?: string | undefined;
    password: string;
    preferredLanguage: 'vi' | 'en';
  },
  meta: RequestMeta = {},
): Promise<LoginResult> {
  const identifier = input.kind === 'citizen' ? (input.idNumber ?? '') : (input.taxCode ?? '');
  const problem = checkPasswordPolicy(input.password, identifier);
  if (problem) throw weakPassword(problem);
  const existing = await findApplicantByIdentifier(ctx.db, identifier);
  if (existing)
    throw new AppError('APPLICANT_ALREADY_REGISTERED', 'An account with this ID number or tax code exists');
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock();
  const account = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const row = await insertApplicant(trx, {
        kind: input.kind,
        fullName: input.fullName,
        idNumber: input.kind === 'citizen' ? (input.idNumber ?? null) : null,
        taxCode: input.kind === 'organisation' ? (input.taxCode ?? null) : null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        address: input.address ?? null,
        passwordHash,
        preferredLanguage: input.preferredLanguage,
      });
      await recordAudit(
        trx,
        { type: 'citizen', id: row.id, name: row.fullName },
        {
          type: 'applicant.registered',
          entityType: 'applicant',
          entityId: row.id,
          summary: { kind: row.kind },
        },
        { at: now, requestId: meta.requestId },
      );
      return row;
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') {
        throw new AppError(
          'APPLICANT_ALREADY_REGISTERED',
          'An account with this ID number or tax code exists',
        );
      }
      throw error;
    });
  const session = await openSession(ctx, 'citizen', account.id, meta);
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), me: citizenMe(account) };
}

export async function logout(ctx: AppContext, token: string, meta: RequestMeta = {}): Promise<void> {
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await revokeSession(trx, hashToken(token), now);
    if (!row) return;
    const actor: Actor =
      row.actorType === 'officer'
        ? { type: 'officer', id: row.actorId, name: '', username: '', grants: [] }
        : { type: 'citizen', id: row.actorId, name: '' };
    await recordAudit(
      trx,
      actor,
      { type: 'auth.logout', entityType: 'session', entityId: row.id, summary: {} },
      { at: now, requestId: meta.requestId },
    );
  });
}

/** Resolves a session token to the acting officer (with roles in force now) or citizen. */
export async function resolveSession(ctx: AppContext, token: string): Promise<Actor | null> {
  const found = await findSessionActor(ctx.db, hashToken(token), ctx.clock());
  if (!found) return null;
  if (found.actorType === 'officer') {
    if (!found.isOfficerActive || found.officerName === null || found.officerUsername === null) return null;
    return {
      type: 'officer',
      id: found.actorId,
      name: found.officerName,
      username: found.officerUsername,
      grants: found.grants.map((g) => ({ role: g.role as OfficerRole, unitId: g.unit })),
    };
  }
  if (!found.isApplicantActive || found.applicantName === null) return null;
  return { type: 'citizen', id: found.actorId, name: found.applicantName };
}

function citizenMe(account: NonNullable<Awaited<ReturnType<typeof findApplicantById>>>): Me {
  return {
    type: 'citizen',
    id: account.id,
    fullName: account.fullName,
    kind: account.kind as 'citizen' | 'organisation',
    idNumber: account.idNumber,
    taxCode: account.taxCode,
    phone: account.phone,
    email: account.email,
    address: account.address,
    preferredLanguage: account.preferredLanguage as 'vi' | 'en',
  };
}

function grantView(g: Awaited<ReturnType<typeof listActiveGrants>>[number]) {
  return {
    id: g.id,
    role: g.role as OfficerRole,
    unitId: g.unitId,
    unitName: g.unitName,
    validFrom: g.validFrom.toISOString(),
    validTo: g.validTo?.toISOString() ?? null,
    delegatedById: g.delegatedById,
  };
}

async function officerMe(ctx: AppContext, officerId: string): Promise<Me> {
  const officer = await findOfficerById(ctx.db, officerId);
  if (!officer) throw officerNotFound();
  const grants = await listActiveGrants(ctx.db, [officerId], ctx.clock());
  return {
    type: 'officer',
    id: officer.id,
    username: officer.username,
    fullName: officer.fullName,
    roles: grants.map(grantView),
  };
}

export async function getMe(ctx: AppContext, actor: Actor): Promise<Me> {
  requireAuthenticated(actor);
  if (actor.type === 'officer') return officerMe(ctx, actor.id);
  if (actor.type === 'citizen') {
    const account = await findApplicantById(ctx.db, actor.id);
    if (!account) throw new AppError('UNAUTHENTICATED', 'Please log in');
    return citizenMe(account);
  }
  throw new AppError('FORBIDDEN', 'No profile for the system actor');
}

/**
 * Contact details of an applicant account, for notifications (called by the worker, not by a
 * route: no actor to check).
 */
export async function findApplicantContact(
  ctx: AppContext,
  accountId: string,
): Promise<{ email: string | null; phone: string | null; preferredLanguage: 'vi' | 'en' } | undefined> {
  const account = await findApplicantById(ctx.db, accountId);
  if (!account) return undefined;
  return {
    email: account.email,
    phone: account.phone,
    preferredLanguage: account.preferredLanguage === 'en' ? 'en' : 'vi',
  };
}

/** Creates an officer (admin of a unit scope covering every unit the new roles are in). */
export async function createOfficer(
  ctx: AppContext,
  actor: Actor,
  input: {
    username: string;
    fullName: string;
    title?: string | undefined;
    email?: string | undefined;
    phone?: string | undefined;
    password: string;
    roles: { role: OfficerRole; unitId: string }[];
  },
  meta: RequestMeta = {},
): Promise<OfficerSummary> {
  if (actor.type !== 'system') requireRole(actor, 'admin');
  const problem = checkPasswordPolicy(input.password, input.username);
  if (problem) throw weakPassword(problem);
  for (const r of input.roles) {
    await requireUnit(ctx, r.unitId);
    if (actor.type === 'officer' && !(await isUnitInScope(ctx, actor, r.unitId, ['admin']))) {
      throw new AppError('FORBIDDEN', 'You can only create officers in units you administer');
    }
  }
  if (await findOfficerByUsername(ctx.db, input.username))
    throw new AppError('USERNAME_TAKEN', 'This login name is taken');
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock();
  const id = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const officer = await insertOfficer(trx, { ...input, passwordHash });
      const events: AuditEvent[] = [
        {
          type: 'officer.created',
          entityType: 'officer',
          entityId: officer.id,
          summary: { username: officer.username },
        },
      ];
      for (const r of input.roles) {
        await insertRole(trx, { officerId: officer.id, role: r.role, unitId: r.unitId, validFrom: now });
        events.push({
          type: 'officer.role_granted',
          entityType: 'officer',
          entityId: officer.id,
          summary: { role: r.role, unitId: r.unitId, delegated: false },
        });
      }
      await recordAudit(trx, actor, events, { at: now, requestId: meta.requestId });
      return officer.id;
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505')
        throw new AppError('USERNAME_TAKEN', 'This login name is taken');
      throw error;
    });
  return getOfficer(ctx, actor, id);
}

export async function getOfficer(ctx: AppContext, actor: Actor, officerId: string): Promise<OfficerSummary> {
  const isSelf = actor.type === 'officer' && actor.id === officerId;
  if (actor.type !== 'system' && !isSelf) {
    requireRole(actor, 'admin', 'supervisor', 'leader', 'division_head');
    // Outside the caller's units the officer is answered like an unknown one (no contact details).
    const scope = adminScopeUnitIds(actor, ['admin', 'supervisor', 'leader', 'division_head']);
    if (!(await isOfficerInScope(ctx.db, officerId, scope))) throw officerNotFound();
  }
  const officer = await findOfficerById(ctx.db, officerId);
  if (!officer) throw officerNotFound();
  const grants = await listActiveGrants(ctx.db, [officerId], ctx.clock());
  return {
    id: officer.id,
    username: officer.username,
    fullName: officer.fullName,
    title: officer.title,
    email: officer.email,
    phone: officer.phone,
    isActive: officer.isActive,
    roles: grants.map(grantView),
  };
}

export async function listOfficers(
  ctx: AppContext,
  actor: Actor,
  filter: {
    unitId?: string | undefined;
    role?: OfficerRole | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<OfficerSummary[]> {
  requireRole(actor, 'admin', 'supervisor', 'leader', 'division_head');
  const scope = adminScopeUnitIds(actor, ['admin', 'supervisor', 'leader', 'division_head']);
  const now = ctx.clock();
  const rows = await listOfficersInScope(ctx.db, scope, filter, now);
  const grants = await listActiveGrants(
    ctx.db,
    rows.map((r) => r.id),
    now,
  );
  return rows.map((o) => ({
    ...o,
    roles: grants.filter((g) => g.officerId === o.id).map(grantView),
  }));
}

/**
 * Grants a role. An admin grants roles in units they administer; a leader may delegate a role they
 * hold themselves, within their own unit scope (ủy quyền), for a bounded period.
 */
export async function grantRole(
  ctx: AppContext,
  actor: Actor,
  officerId: string,
  input: {
    role: OfficerRole;
    unitId: string;
    validFrom?: string | undefined;
    validTo?: string | undefined;
    note?: string | undefined;
  },
  meta: RequestMeta = {},
): Promise<OfficerSummary> {
  requireRole(actor, 'admin', 'leader');
  await requireUnit(ctx, input.unitId);
  if (!(await findOfficerById(ctx.db, officerId))) throw officerNotFound();
  const now = ctx.clock();
  const isAdmin = await isUnitInScope(ctx, actor, input.unitId, ['admin']);
  let delegatedById: string | null = null;
  if (!isAdmin) {
    // Delegation: the leader must hold this very role over the unit, and the delegation must end.
    if (!(await isUnitInScope(ctx, actor, input.unitId, [input.role]))) {
      throw new AppError('FORBIDDEN', 'You can only delegate a role you hold over this unit');
    }
    if (!input.validTo) throw new AppError('VALIDATION_FAILED', 'A delegation needs an end (validTo)');
    delegatedById = actor.id;
  }
  const validFrom = input.validFrom ? new Date(input.validFrom) : now;
  const validTo = input.validTo ? new Date(input.validTo) : null;
  if (validTo && validTo <= validFrom)
    throw new AppError('VALIDATION_FAILED', 'validTo must be after validFrom');
  await ctx.db.transaction().execute(async (trx) => {
    await insertRole(trx, {
      officerId,
      role: input.role,
      unitId: input.unitId,
      validFrom,
      validTo,
      delegatedById,
      note: input.note ?? null,
    });
    await recordAudit(
      trx,
      actor,
      {
        type: 'officer.role_granted',
        entityType: 'officer',
        entityId: officerId,
        summary: { role: input.role, unitId: input.unitId, delegated: delegatedById !== null },
      },
      { at: now, requestId: meta.requestId },
    );
  });
  return getOfficer(ctx, actor, officerId);
}

export async function revokeRole(
  ctx: AppContext,
  actor: Actor,
  officerId: string,
  roleId: string,
  meta: RequestMeta = {},
) {
  requireRole(actor, 'admin');
  const now = ctx.clock();
  const grants = await listActiveGrants(ctx.db, [officerId], now);
  const grant = grants.find((g) => g.id === roleId);
  if (!grant) throw new AppError('NOT_FOUND', 'No such role in force for this officer');
  if (!(await isUnitInScope(ctx, actor, grant.unitId, ['admin']))) {
    throw new AppError('FORBIDDEN', 'You can only revoke roles in units you administer');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const ended = await endRole(trx, roleId, officerId, now);
    if (!ended) throw new AppError('CONFLICT', 'The role could not be ended');
    await recordAudit(
      trx,
      actor,
      { type: 'officer.role_revoked', entityType: 'officer', entityId: officerId, summary: { roleId } },
      { at: now, requestId: meta.requestId },
    );
  });
  return getOfficer(ctx, actor, officerId);
}
