import fs from 'node:fs';
import { uploadBoundaries } from '../modules/statistics/statistics-map.service.ts';
import { demoBoundaries } from './demo-boundaries.ts';
import { rebuildStatisticsAfterBulkLoad } from '../dataset/statistics-rebuild.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OFFICIAL_OVERRIDES, ProcedureVersionContent } from '@motcua/domain';
import type { AuditEvent } from '../modules/audit/audit.schemas.ts';
import { getCalendar } from '../modules/calendar/calendar.service.ts';
import { createUnit } from '../modules/organisation/organisation.service.ts';
import type { UnitView } from '../modules/organisation/organisation.schemas.ts';
import { importCatalog } from '../modules/procedure/procedure.service.ts';
import { checkPasswordPolicy, hashPassword } from '../modules/user/password.ts';
import type { AppContext } from '../shared/app-context.ts';
import { SYSTEM_ACTOR } from '../shared/actor.ts';
import {
  COMMUNES,
  DEPARTMENTS,
  LAND_OFFICE,
  PROVINCE_CENTRE_CODE,
  TAX_OFFICE_CODE,
  communeCode,
  communeLabel,
  communeSectionCode,
  demoUnits,
} from './demo-organisation.ts';
import { DEMO_PASSWORD, demoApplicantAccounts, demoOfficers } from './demo-people.ts';
import { Prng, seedOf } from './prng.ts';
import { insertRows, isEmpty, listPublishedVersions, raiseCodeSequences } from './seed.repository.ts';
import {
  simulateHistory,
  type HistoryStats,
  type SimAccount,
  type SimOfficer,
  type SimUnit,
  type SimVersion,
  type SimWorld,
} from './simulate-history.ts';

/**
 * The demo province (docs: docs/DEMO-LOGINS.md): Thanh Hóa after 1/7/2025 with its
 * departments, twenty communes and wards, the official calendar, the demo catalog of real
 * procedures, staff at every level, a few applicant accounts, and a year of dossier history that
 * ends at the clock's "now".
 */

export interface SeedReport {
  units: number;
  officers: number;
  procedures: number;
  dossiers: number;
}

export interface SeedOptions {
  /** Dossiers over the last twelve months (default 20 000). */
  dossiers?: number | undefined;
  log?: ((message: string) => void) | undefined;
}

export const DEFAULT_DEMO_DOSSIERS = 20_000;

/** The organisation and the catalog exist from the 2025 reorganisation on. */
export const STORY_START = '2025-07-01';
const STORY_START_INSTANT = new Date(`${STORY_START}T00:00:00+07:00`);

/** True when no unit exists yet (a fresh database). */
export async function isDatabaseEmpty(ctx: AppContext): Promise<boolean> {
  return isEmpty(ctx.db);
}

/**
 * The demo catalog file. It is read at run time (not imported) because the api tsconfig does not
 * include JSON files; the candidates cover src/seed/ (tsx, tests) and dist/ (the esbuild bundle).
 */
export function resolveDemoCatalogFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.resolve(here, 'catalog/demo-catalog.json'),
    path.resolve(here, '../src/seed/catalog/demo-catalog.json'),
  ];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`Demo catalog not found (looked in ${candidates.join(', ')})`);
  return found;
}

function readDemoCatalog(): unknown {
  return JSON.parse(fs.readFileSync(resolveDemoCatalogFile(), 'utf8'));
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

async function createOrganisation(ctx: AppContext): Promise<Map<string, UnitView>> {
  const byCode = new Map<string, UnitView>();
  for (const spec of demoUnits()) {
    const parent = spec.parentCode ? byCode.get(spec.parentCode) : undefined;
    if (spec.parentCode && !parent)
      throw new Error(`Demo seed: parent ${spec.parentCode} of ${spec.agencyCode} missing`);
    const unit = await createUnit(ctx, SYSTEM_ACTOR, {
      agencyCode: spec.agencyCode,
      name: spec.name,
      ...(spec.shortName ? { shortName: spec.shortName } : {}),
      kind: spec.kind,
      parentId: parent?.id ?? null,
      validFrom: STORY_START,
      ...(spec.officeHours ? { officeHours: { periods: [...spec.officeHours.periods] } } : {}),
      ...(spec.address ? { address: spec.address } : {}),
      ...(spec.phone ? { phone: spec.phone } : {}),
      ...(spec.email ? { email: spec.email } : {}),
    });
    byCode.set(unit.agencyCode, unit);
  }
  return byCode;
}

interface People {
  officers: SimOfficer[];
  accounts: SimAccount[];
}

/**
 * Officers, their roles and the applicant accounts. One argon2id hash of the demo password is
 * computed once and shared (hashing ~200 accounts one by one would take a minute); the rows and
 * their audit entries are written like `createOfficer` / `registerCitizen` would.
 */
async function createPeople(ctx: AppContext, units: ReadonlyMap<string, UnitView>): Promise<People> {
  const ids = new Prng(seedOf('motcua-demo-people-ids'));
  const officers = demoOfficers();
  const accounts = demoApplicantAccounts();
  for (const o of officers) {
    const problem = checkPasswordPolicy(DEMO_PASSWORD, o.username);
    if (problem) throw new Error(`Demo password rejected for ${o.username}: ${problem}`);
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const unitId = (code: string): string => {
    const unit = units.get(code);
    if (!unit) throw new Error(`Demo seed: unit ${code} missing`);
    return unit.id;
  };
  const at = STORY_START_INSTANT;
  const officerRows = officers.map((o) => ({
    id: ids.uuid(),
    username: o.username,
    fullName: o.fullName,
    title: o.title,
    email: o.email,
    phone: o.phone,
    passwordHash,
    isActive: true,
    createdAt: at,
    passwordChangedAt: at,
  }));
  const roleRows = officers.map((o, i) => ({
    id: ids.uuid(),
    officerId: officerRows[i]?.id,
    role: o.role,
    unitId: unitId(o.unitCode),
    validFrom: at,
    validTo: null,
    delegatedById: null,
    note: 'Dữ liệu mẫu (demo)',
    createdAt: at,
  }));
  const accountRows = accounts.map((a) => ({
    id: ids.uuid(),
    kind: a.kind,
    fullName: a.fullName,
    idNumber: a.idNumber,
    taxCode: a.taxCode,
    dateOfBirth: a.dateOfBirth,
    phone: a.phone,
    email: a.email,
    address: a.address,
    passwordHash,
    preferredLanguage: 'vi',
    isActive: true,
    createdAt: at,
  }));
  const audit: (AuditEvent & { actorType: 'system' | 'citizen'; actorId: string | null })[] = [];
  officerRows.forEach((o, i) => {
    audit.push({
      type: 'officer.created',
      entityType: 'officer',
      entityId: o.id,
      summary: { username: o.username },
      actorType: 'system',
      actorId: null,
    });
    const role = roleRows[i];
    if (role) {
      audit.push({
        type: 'officer.role_granted',
        entityType: 'officer',
        entityId: o.id,
        summary: { role: role.role, unitId: role.unitId, delegated: false },
        actorType: 'system',
        actorId: null,
      });
    }
  });
  for (const a of accountRows) {
    audit.push({
      type: 'applicant.registered',
      entityType: 'applicant',
      entityId: a.id,
      summary: { kind: a.kind },
      actorType: 'citizen',
      actorId: a.id,
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    await insertRows(trx, 'officer', officerRows);
    await insertRows(trx, 'officer_role', roleRows);
    await insertRows(trx, 'applicant_account', accountRows);
    await insertRows(
      trx,
      'audit_log',
      audit.map((e) => ({
        occurredAt: at,
        actorType: e.actorType,
        actorId: e.actorId,
        eventType: e.type,
        entityType: e.entityType,
        entityId: e.entityId,
        summary: e.summary,
        requestId: null,
      })),
    );
  });
  return {
    officers: officers.map((o, i) => ({
      id: officerRows[i]?.id ?? '',
      username: o.username,
      fullName: o.fullName,
      role: o.role,
      unitId: unitId(o.unitCode),
      divisionNo: o.divisionNo,
      speciality: o.speciality,
    })),
    accounts: accounts.map((a, i) => ({
      id: accountRows[i]?.id ?? '',
      kind: a.kind,
      fullName: a.fullName,
      idNumber: a.idNumber,
      taxCode: a.taxCode,
      dateOfBirth: a.dateOfBirth,
      phone: a.phone,
      email: a.email,
      address: a.address,
      communeUnitId: unitId(a.communeCode),
    })),
  };
}

function abbreviationOf(unit: UnitView): string {
  const department = DEPARTMENTS.find((d) => d.code === unit.agencyCode);
  if (department) return department.slug.toUpperCase();
  if (unit.agencyCode === LAND_OFFICE.code) return 'VPĐKĐĐ';
  if (unit.agencyCode === TAX_OFFICE_CODE) return 'THUE';
  if (unit.agencyCode === PROVINCE_CENTRE_CODE) return 'TTPVHCC';
  return 'UBND';
}

function formatStats(s: HistoryStats): string[] {
  const pct = (a: number, b: number): string => (b > 0 ? `${((100 * a) / b).toFixed(1)}%` : '-');
  const statuses = Object.entries(s.byStatus)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const channels = Object.entries(s.byChannel)
    .map(([k, v]) => `${k} ${pct(v, s.dossiers)}`)
    .join(', ');
  return [
    `statuses: ${statuses}`,
    `channels: ${channels}`,
    `settled on time: ${pct(s.settledOnTime, s.settled)} of ${s.settled} (against the original due date: ${pct(s.settledOnTimeVsOriginal, s.settled)}); open and overdue: ${s.openOverdue}`,
    `supplement requests ${s.supplements}, financial obligations ${s.obligations}, extensions ${s.extensions}, refused ${s.refused}, withdrawn or stopped ${s.withdrawnOrStopped}`,
  ];
}

/** The demo organisation, catalog and people in an empty database, and the world a simulation acts in. */
export interface DemoBase {
  units: number;
  officers: number;
  procedures: number;
  world: SimWorld;
}

/**
 * Creates the organisation, the catalog and the people of the demo province and returns the world
 * (units with their calendars, officers, versions, accounts) for `simulateHistory`. Used by the demo
 * seed and by the dataset generator (`motcua generate-dataset`).
 */
export async function seedDemoBase(ctx: AppContext, log: (message: string) => void): Promise<DemoBase> {
  const started = Date.now();
  const units = await createOrganisation(ctx);
  log(`organisation: ${units.size} units (${seconds(started)})`);
  log(`calendar: ${OFFICIAL_OVERRIDES.length} official overrides shipped with this version`);
  const catalog = await importCatalog(ctx, SYSTEM_ACTOR, readDemoCatalog());
  const procedures = catalog.procedures.created + catalog.procedures.updated + catalog.procedures.unchanged;
  log(
    `catalog: ${procedures} procedures, ${catalog.versions.created + catalog.versions.replaced + catalog.versions.unchanged} versions (${seconds(started)})`,
  );
  const people = await createPeople(ctx, units);
  log(
    `people: ${people.officers.length} officers, ${people.accounts.length} applicant accounts (${seconds(started)})`,
  );
  const simUnits = new Map<string, SimUnit>();
  for (const unit of units.values()) {
    simUnits.set(unit.id, {
      id: unit.id,
      agencyCode: unit.agencyCode,
      name: unit.name,
      kind: unit.kind,
      parentId: unit.parentId,
      calendar: await getCalendar(ctx, unit.id),
      abbreviation: abbreviationOf(unit),
    });
  }
  const sim = (code: string): SimUnit => {
    const unit = units.get(code);
    const s = unit ? simUnits.get(unit.id) : undefined;
    if (!s) throw new Error(`Demo seed: unit ${code} missing`);
    return s;
  };
  const lateness = new Map<string, number>();
  for (const d of DEPARTMENTS) lateness.set(sim(d.code).id, d.lateness);
  lateness.set(sim(LAND_OFFICE.code).id, LAND_OFFICE.lateness);
  for (const c of COMMUNES) lateness.set(sim(communeCode(c)).id, c.lateness);
  const versions: SimVersion[] = (await listPublishedVersions(ctx.db)).map((v) => ({
    id: v.id,
    procedureCode: v.procedureCode,
    versionNo: v.versionNo,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: v.effectiveTo,
    content: ProcedureVersionContent.parse(v.content),
  }));
  const world: SimWorld = {
    unitsById: simUnits,
    unitByCode: new Map([...simUnits.values()].map((u) => [u.agencyCode, u])),
    provinceCentre: sim(PROVINCE_CENTRE_CODE),
    communes: COMMUNES.map((c) => ({
      commune: sim(communeCode(c)),
      section: sim(communeSectionCode(c)),
      label: communeLabel(c),
      isWard: c.type === 'phuong',
      street: c.street,
      volume: c.volume,
      lateness: c.lateness,
    })),
    officers: people.officers,
    versions,
    accounts: people.accounts,
    lateness,
  };
  // The enforcement map's commune shapes (a generated geometry: a province supplies its own GeoJSON).
  await uploadBoundaries(ctx, SYSTEM_ACTOR, demoBoundaries(), 'demo');
  log('loaded the generated commune boundaries of the enforcement map');
  return { units: units.size, officers: people.officers.length, procedures, world };
}

/** Seeds an empty database with the demo province and a year of history ending at `ctx.clock()`. */
export async function seedDemo(ctx: AppContext, options: SeedOptions): Promise<SeedReport> {
  const log = options.log ?? (() => undefined);
  const count = options.dossiers ?? DEFAULT_DEMO_DOSSIERS;
  const now = ctx.clock();
  const started = Date.now();

  const base = await seedDemoBase(ctx, log);

  if (count > 0) {
    const history = simulateHistory(base.world, { now, count, notBefore: STORY_START, log });
    log(
      `simulation done (${seconds(started)}); writing ${history.dossiers.length} dossiers, ${history.transitions.length} history rows, ${history.steps.length} steps, ${history.audit.length} audit entries`,
    );

    // Global tables in time order, so their ids follow the order of events.
    const byTime = <T>(rows: T[], at: (row: T) => Date): T[] =>
      rows
        .map((row, i) => ({ row, i, t: at(row).getTime() }))
        .sort((a, b) => a.t - b.t || a.i - b.i)
        .map((x) => x.row);
    const steps = byTime(history.steps, (s) => s.enteredAt);
    const transitions = byTime(history.transitions, (t) => t.occurredAt);
    const audit = byTime(history.audit, (a) => a.occurredAt);
    const dossiers = history.dossiers;
    const writeStarted = Date.now();
    await ctx.db.transaction().execute(async (trx) => {
      let reported = 0;
      await insertRows(trx, 'dossier', dossiers, {
        chunkSize: 500,
        onChunk: (n) => {
          if (n - reported >= 2000 || n === dossiers.length) {
            reported = n;
            log(`wrote ${n}/${dossiers.length} dossiers`);
          }
        },
      });
      await insertRows(trx, 'dossier_component', history.components);
      await insertRows(trx, 'dossier_step', steps);
      log(`wrote components and steps (${seconds(writeStarted)})`);
      await insertRows(trx, 'dossier_transition', transitions);
      await insertRows(trx, 'dossier_supplement', history.supplements);
      await insertRows(trx, 'dossier_obligation', history.obligations);
      await insertRows(trx, 'dossier_extension', history.extensions);
      log(`wrote history, supplements, obligations and extensions (${seconds(writeStarted)})`);
      await insertRows(trx, 'audit_log', audit);
      await raiseCodeSequences(trx, history.codeSequences);
    });
    const total = (Date.now() - started) / 1000;
    log(
      `history written in ${seconds(writeStarted)}; ${history.dossiers.length} dossiers seeded in ${total.toFixed(1)} s (${Math.round(history.dossiers.length / total)} dossiers/s overall)`,
    );
    for (const line of formatStats(history.stats)) log(line);
    await rebuildStatisticsAfterBulkLoad(ctx, log);
    return {
      units: base.units,
      officers: base.officers,
      procedures: base.procedures,
      dossiers: history.dossiers.length,
    };
  }
  return { units: base.units, officers: base.officers, procedures: base.procedures, dossiers: 0 };
}
