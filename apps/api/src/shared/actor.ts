import type { OfficerRole } from '@motcua/domain';

/** Who is calling: resolved once per request by the auth hook, passed to every service. */
export interface OfficerRoleGrant {
  role: OfficerRole;
  unitId: string;
}

export type Actor =
  | { type: 'officer'; id: string; name: string; username: string; grants: readonly OfficerRoleGrant[] }
  | { type: 'citizen'; id: string; name: string }
  | { type: 'system'; id: null; name: string }
  | { type: 'anonymous'; id: null };

export type OfficerActor = Extract<Actor, { type: 'officer' }>;
export type CitizenActor = Extract<Actor, { type: 'citizen' }>;

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, name: 'Hệ thống' };
export const ANONYMOUS_ACTOR: Actor = { type: 'anonymous', id: null };

export function hasRoleAnywhere(actor: Actor, ...roles: OfficerRole[]): boolean {
  return actor.type === 'officer' && actor.grants.some((g) => roles.includes(g.role));
}

export function actorName(actor: Actor): string | null {
  return actor.type === 'anonymous' ? null : actor.name;
}
