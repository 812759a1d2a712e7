import type { OfficerRole } from '@motcua/domain';
import { AppError } from '../errors/app-error.ts';
import type { Actor, CitizenActor, OfficerActor } from './actor.ts';

export function requireAuthenticated(
  actor: Actor,
): asserts actor is OfficerActor | CitizenActor | Extract<Actor, { type: 'system' }> {
  if (actor.type === 'anonymous') throw new AppError('UNAUTHENTICATED', 'Please log in');
}

export function requireOfficer(actor: Actor): asserts actor is OfficerActor {
  if (actor.type === 'anonymous') throw new AppError('UNAUTHENTICATED', 'Please log in');
  if (actor.type !== 'officer') throw new AppError('FORBIDDEN', 'Officers only');
}

export function requireCitizen(actor: Actor): asserts actor is CitizenActor {
  if (actor.type === 'anonymous') throw new AppError('UNAUTHENTICATED', 'Please log in');
  if (actor.type !== 'citizen') throw new AppError('FORBIDDEN', 'Citizen accounts only');
}

/** The officer holds one of the roles somewhere (scope is checked in SQL by the caller). */
export function requireRole(actor: Actor, ...roles: OfficerRole[]): asserts actor is OfficerActor {
  requireOfficer(actor);
  if (!actor.grants.some((g) => roles.includes(g.role))) {
    throw new AppError('FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}`);
  }
}
