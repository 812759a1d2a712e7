import { createWorkingCalendar, type OfficerRole } from '@motcua/domain';
import { AppError } from '../../errors/app-error.ts';
import type { Actor, OfficerActor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireRole } from '../../shared/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { invalidateCalendarCache } from '../calendar/calendar.service.ts';
import {
  childrenOf,
  findUnitByAgencyCode,
  findUnitById,
  insertUnit,
  isDescendant,
  listUnits as listUnitRows,
  nearestAncestorOfKind,
  officerHasRoleOver,
  officersWithRoleOver,
  reparentUnit,
  rolesOverUnits,
  updateUnit as updateUnitRow,
} from './organisation.repository.ts';
import type { CreateUnitInput, UnitView, UpdateUnitInput } from './organisation.schemas.ts';

type UnitRow = NonNullable<Awaited<ReturnType<typeof findUnitById>>>;

export function toUnitView(u: UnitRow): UnitView {
  return {
    id: u.id,
    agencyCode: u.agencyCode,
    name: u.name,
    shortName: u.shortName,
    kind: u.kind as UnitView['kind'],
    parentId: u.parentId,
    validFrom: u.validFrom,
    validTo: u.validTo,
    successorId: u.successorId,
    officeHours: (u.officeHours as UnitView['officeHours']) ?? null,
    address: u.address,
    phone: u.phone,
    email: u.email,
  };
}

export async function requireUnit(ctx: AppContext, unitId: string): Promise<UnitView> {
  const unit = await findUnitById(ctx.db, unitId);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', `Unit ${unitId} not found`);
  return toUnitView(unit);
}

export async function findUnit(ctx: AppContext, unitId: string): Promise<UnitView | undefined> {
  const unit = await findUnitById(ctx.db, unitId);
  return unit ? toUnitView(unit) : undefined;
}

export async function findUnitByCode(ctx: AppContext, agencyCode: string): Promise<UnitView | undefined> {
  const unit = await findUnitByAgencyCode(ctx.db, agencyCode);
  return unit ? toUnitView(unit) : undefined;
}

/** Follows successor links (mergers) to the unit that exists now. */
export async function currentSuccessor(ctx: AppContext, unit: UnitView): Promise<UnitView> {
  let current = unit;
  for (let i = 0; i < 10 && current.validTo && current.successorId; i++) {
    const next = await findUnitById(ctx.db, current.successorId);
    if (!next) break;
    current = toUnitView(next);
  }
  return current;
}

/** Unit ids where the officer holds one of the roles (their subtrees are the scope). */
export function adminScopeUnitIds(actor: OfficerActor, roles: readonly OfficerRole[]): string[] {
  return [...new Set(actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.unitId))];
}

export async function isUnitInScope(
  ctx: AppContext,
  actor: Actor,
  unitId: string,
  roles: readonly OfficerRole[],
): Promise<boolean> {
  if (actor.type !== 'officer') return false;
  return officerHasRoleOver(ctx.db, actor.id, unitId, roles, ctx.clock());
}

export async function rolesOfOfficerOverUnits(
  ctx: AppContext,
  officerId: string,
  unitIds: readonly string[],
) {
  const rows = await rolesOverUnits(ctx.db, officerId, unitIds, ctx.clock());
  const byUnit = new Map<string, Set<OfficerRole>>();
  for (const r of rows) {
    const set = byUnit.get(r.unitId) ?? new Set<OfficerRole>();
    set.add(r.role as OfficerRole);
    byUnit.set(r.unitId, set);
  }
  return byUnit;
}

export async function nearestOfKind(
  ctx: AppContext,
  unitId: string,
  kind: UnitView['kind'],
): Promise<UnitView | undefined> {
  const u = await nearestAncestorOfKind(ctx.db, unitId, kind);
  return u ? toUnitView(u) : undefined;
}

export async function childUnits(
  ctx: AppContext,
  parentId: string,
  kind?: UnitView['kind'],
): Promise<UnitView[]> {
  return (await childrenOf(ctx.db, parentId, kind)).map(toUnitView);
}

export async function listOfficersForRole(ctx: AppContext, actor: Actor, unitId: string, role: OfficerRole) {
  requireRole(
    actor,
    'division_head',
    'leader',
    'admin',
    'supervisor',
    'receiving_officer',
    'specialist',
    'clerk',
  );
  await requireUnit(ctx, unitId);
  return officersWithRoleOver(ctx.db, unitId, role, ctx.clock());
}

/** The unit tree is public information (names, codes, addresses, office hours). */
export async function listUnits(
  ctx: AppContext,
  query: { asOf?: string | undefined; kind?: UnitView['kind'] | undefined },
) {
  const rows = await listUnitRows(ctx.db, query.asOf ?? null);
  return rows.map(toUnitView).filter((u) => !query.kind || u.kind === query.kind);
}

function validateOfficeHours(hours: UnitView['officeHours'] | undefined): void {
  if (!hours) return;
  try {
    createWorkingCalendar({ officeHours: hours });
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `Invalid office hours: ${(error as Error).message}`);
  }
}

export async function createUnit(
  ctx: AppContext,
  actor: Actor,
  input: CreateUnitInput,
  meta: { requestId?: string } = {},
) {
  if (actor.type !== 'system') requireRole(actor, 'admin');
  validateOfficeHours(input.officeHours);
  if (input.parentId) {
    await requireUnit(ctx, input.parentId);
    if (actor.type === 'officer' && !(await isUnitInScope(ctx, actor, input.parentId, ['admin']))) {
      throw new AppError('FORBIDDEN', 'You can only add units under units you administer');
    }
  } else if (actor.type === 'officer') {
    const roots = await listUnitRows(ctx.db, null);
    if (roots.length > 0) throw new AppError('FORBIDDEN', 'Only the system can add another root unit');
  }
  if (await findUnitByAgencyCode(ctx.db, input.agencyCode)) {
    throw new AppError('AGENCY_CODE_TAKEN', `Agency code ${input.agencyCode} is already used`);
  }
  const now = ctx.clock();
  const unit = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const row = await insertUnit(trx, {
        agencyCode: input.agencyCode,
        name: input.name,
        shortName: input.shortName ?? null,
        kind: input.kind,
        parentId: input.parentId,
        validFrom: input.validFrom ?? '2025-07-01',
        officeHours: input.officeHours ? JSON.stringify(input.officeHours) : null,
        address: input.address ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
      });
      await recordAudit(
        trx,
        actor,
        {
          type: 'unit.created',
          entityType: 'unit',
          entityId: row.id,
          summary: { agencyCode: row.agencyCode, name: row.name },
        },
        { at: now, requestId: meta.requestId },
      );
      return row;
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505')
        throw new AppError('AGENCY_CODE_TAKEN', `Agency code ${input.agencyCode} is already used`);
      throw error;
    });
  return toUnitView(unit);
}

export async function updateUnit(
  ctx: AppContext,
  actor: Actor,
  unitId: string,
  input: UpdateUnitInput,
  meta: { requestId?: string } = {},
) {
  requireRole(actor, 'admin');
  const existing = await requireUnit(ctx, unitId);
  if (!(await isUnitInScope(ctx, actor, unitId, ['admin'])))
    throw new AppError('FORBIDDEN', 'You do not administer this unit');
  validateOfficeHours(input.officeHours);
  if (input.validTo && input.validTo < existing.validFrom) {
    throw new AppError('VALIDATION_FAILED', 'validTo is before validFrom');
  }
  if (input.successorId) await requireUnit(ctx, input.successorId);
  if (input.parentId && input.parentId !== existing.parentId) {
    await requireUnit(ctx, input.parentId);
    if (await isDescendant(ctx.db, unitId, input.parentId)) {
      throw new AppError('UNIT_CYCLE', 'A unit cannot move under itself or its own descendant');
    }
    if (!(await isUnitInScope(ctx, actor, input.parentId, ['admin']))) {
      throw new AppError('FORBIDDEN', 'You do not administer the new parent unit');
    }
  }
  const now = ctx.clock();
  const changed = Object.keys(input);
  await ctx.db.transaction().execute(async (trx) => {
    const { parentId, officeHours, ...rest } = input;
    await updateUnitRow(trx, unitId, {
      ...rest,
      ...(officeHours !== undefined ? { officeHours: officeHours ? JSON.stringify(officeHours) : null } : {}),
      updatedAt: now,
    });
    if (parentId && parentId !== existing.parentId) await reparentUnit(trx, unitId, parentId, now);
    await recordAudit(
      trx,
      actor,
      { type: 'unit.updated', entityType: 'unit', entityId: unitId, summary: { changed } },
      { at: now, requestId: meta.requestId },
    );
  });
  // The unit's working calendar (office hours) is cached by the calendar module.
  if (input.officeHours !== undefined) invalidateCalendarCache(ctx);
  return requireUnit(ctx, unitId);
}

/** Whether an officer (not necessarily the caller) holds one of the roles over a unit now. */
export async function officerHoldsRoleOver(
  ctx: AppContext,
  officerId: string,
  unitId: string,
  roles: readonly OfficerRole[],
): Promise<boolean> {
  return officerHasRoleOver(ctx.db, officerId, unitId, roles, ctx.clock());
}
