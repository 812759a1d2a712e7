import {
  DAY_MS,
  MINUTE_MS,
  addLocalDays,
  computeDeadline,
  decideTransition,
  extendDeadline,
  formatDossierCode,
  isFinalStatus,
  isoWeekday,
  latestApologyAt,
  lunarNewYear,
  resolveProcedure,
  resumeAfterPause,
  ruleToWorkingMinutes,
  toLocalDate,
  transferDueAt,
  type ActorContext,
  type Channel,
  type DeadlineResult,
  type DossierAction,
  type DossierStatus,
  type LocalDate,
  type OfficerRole,
  type ProcedureVersionContent,
  type ProcessStep,
  type ResolvedProcedure,
  type UnitKind,
  type WorkingCalendar,
} from '@motcua/domain';
import { citizenIdNumber, drawPerson, mobilePhone } from './demo-names.ts';
import {
  EXTENSION_REASONS,
  INTAKE_SUPPLEMENT_REASONS,
  REFUSAL_REASONS,
  RETURN_STEP_REASONS,
  STOP_REASONS,
  SUPPLEMENT_REASONS,
  WITHDRAWAL_REASONS,
  companyName,
  formData,
  supplementItems,
  taxCode,
} from './demo-texts.ts';
import { Prng, seedOf } from './prng.ts';

/**
 * A year of dossier history, simulated with the domain's pure functions and written in bulk.
 *
 * Each dossier lives its life action by action, exactly as `dossier.service.ts` would record it:
 * every action is checked with `decideTransition` (status table, roles over the units, guards such
 * as "supplement once" and "apology at least one working day before the due date"), deadlines come
 * from `computeDeadline` / `resumeAfterPause` / `extendDeadline` with the units' working calendars,
 * step hand-offs open and close `dossier_step` rows with their budgets, and each action appends a
 * history row and an audit entry. Officer actions happen inside the office hours of the acting
 * unit; the clock stops at `now`, so recent dossiers are still open. Everything is drawn from one
 * seeded generator: the same `now` gives the same data.
 */

// ------------------------------------------------------------------------------------------------
// The world the simulation acts in (units with calendars, officers, catalog, accounts)

export interface SimUnit {
  id: string;
  agencyCode: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  calendar: WorkingCalendar;
  /** Short code for document numbers, e.g. SXD, UBND. */
  abbreviation: string;
}

export interface SimOfficer {
  id: string;
  username: string;
  fullName: string;
  role: OfficerRole;
  unitId: string;
  divisionNo: number;
  speciality?: 'civil_status' | 'land_construction' | undefined;
}

export interface SimVersion {
  id: string;
  procedureCode: string;
  versionNo: number;
  effectiveFrom: LocalDate;
  effectiveTo: LocalDate | null;
  content: ProcedureVersionContent;
}

export interface SimAccount {
  id: string;
  kind: 'citizen' | 'organisation';
  fullName: string;
  idNumber: string | null;
  taxCode: string | null;
  dateOfBirth: string | null;
  phone: string;
  email: string;
  address: string;
  communeUnitId: string;
}

export interface SimCommune {
  commune: SimUnit;
  section: SimUnit;
  /** "phường Hạc Thành". */
  label: string;
  isWard: boolean;
  street: string;
  volume: number;
  lateness: number;
}

export interface SimWorld {
  unitsById: ReadonlyMap<string, SimUnit>;
  unitByCode: ReadonlyMap<string, SimUnit>;
  provinceCentre: SimUnit;
  communes: readonly SimCommune[];
  officers: readonly SimOfficer[];
  versions: readonly SimVersion[];
  accounts: readonly SimAccount[];
  /** Lateness factor per unit id (competent agencies and communes); 1 when absent. */
  lateness: ReadonlyMap<string, number>;
}

// ------------------------------------------------------------------------------------------------
// Rows produced (camelCase; the repository maps them to columns)

export interface DossierInsert {
  id: string;
  code: string;
  procedureVersionId: string;
  procedureCode: string;
  variantCode: string | null;
  channel: Channel;
  status: DossierStatus;
  statusBeforeWithdrawal: DossierStatus | null;
  receivingUnitId: string;
  competentUnitId: string;
  currentStepIndex: number | null;
  currentUnitId: string | null;
  currentAssigneeId: string | null;
  applicantAccountId: string | null;
  applicantName: string;
  applicantIdNumber: string | null;
  applicant: Record<string, unknown>;
  representative: Record<string, unknown> | null;
  formData: Record<string, unknown>;
  resultDelivery: 'counter' | 'postal' | 'online';
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  originalDueAt: Date | null;
  deadline: DeadlineResult | null;
  supplementMode: 'pause' | 'restart';
  isObligationTimeExcluded: boolean;
  pausedAt: Date | null;
  intakeSupplementCount: number;
  supplementCount: number;
  extensionCount: number;
  isApproved: boolean;
  approvedAt: Date | null;
  approvedBy: string | null;
  result: Record<string, unknown> | null;
  completedAt: Date | null;
  returnedAt: Date | null;
  returnMethod: 'counter' | 'postal' | 'online' | null;
  lookupSecret: string;
  /** The history's actions and times, in order (ADR 0017): appended with each transition. */
  publicTimeline: { action: string; at: string }[];
  feeTotal: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface TransitionInsert {
  dossierId: string;
  seq: number;
  action: DossierAction | 'submit' | 'receive';
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  actorType: 'officer' | 'citizen' | 'system';
  actorId: string | null;
  actorName: string | null;
  occurredAt: Date;
  reason: string | null;
  stepIndex: number | null;
  details: Record<string, unknown>;
}

export interface StepInsert {
  dossierId: string;
  stepIndex: number;
  stepCode: string;
  name: string;
  role: OfficerRole;
  unitId: string;
  assigneeId: string | null;
  enteredAt: Date;
  enteredBy: string | null;
  dueAt: Date | null;
  completedAt: Date | null;
  completedBy: string | null;
  outcome: string | null;
  note: string | null;
}

export interface ComponentInsert {
  dossierId: string;
  componentCode: string;
  name: string;
  originalCount: number;
  copyCount: number;
  isRequired: boolean;
  isProvided: boolean;
  isReused: boolean;
  note: string | null;
}

export interface SupplementInsert {
  id: string;
  dossierId: string;
  phase: 'intake' | 'processing';
  requestedAt: Date;
  requestedBy: string | null;
  reason: string;
  items: { componentCode: string; name: string; reason: string }[];
  respondBy: Date | null;
  suppliedAt: Date | null;
  suppliedByType: 'citizen' | 'officer' | null;
  suppliedById: string | null;
  responseNote: string | null;
  pausedWorkingMinutes: number | null;
}

export interface ObligationInsert {
  id: string;
  dossierId: string;
  requestedAt: Date;
  requestedBy: string | null;
  description: string;
  amount: number;
  fulfilledAt: Date | null;
  fulfilledByType: 'officer' | 'system' | null;
  fulfilledById: string | null;
  paymentReference: string | null;
}

export interface ExtensionInsert {
  id: string;
  dossierId: string;
  createdAt: Date;
  signedBy: string;
  reason: string;
  previousDueAt: Date;
  newDueAt: Date;
  letterNumber: string | null;
}

export interface AuditInsert {
  occurredAt: Date;
  actorType: 'officer' | 'citizen' | 'system';
  actorId: string | null;
  eventType: 'dossier.created' | 'dossier.transitioned';
  entityType: 'dossier';
  entityId: string;
  summary: Record<string, unknown>;
  requestId: null;
}

export interface CodeSequenceInsert {
  agencyCode: string;
  day: LocalDate;
  lastValue: number;
}

export interface HistoryStats {
  dossiers: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  settled: number;
  settledOnTime: number;
  settledOnTimeVsOriginal: number;
  openOverdue: number;
  supplements: number;
  obligations: number;
  extensions: number;
  refused: number;
  withdrawnOrStopped: number;
  from: string;
  to: string;
}

export interface HistoryRows {
  dossiers: DossierInsert[];
  components: ComponentInsert[];
  steps: StepInsert[];
  transitions: TransitionInsert[];
  supplements: SupplementInsert[];
  obligations: ObligationInsert[];
  extensions: ExtensionInsert[];
  audit: AuditInsert[];
  codeSequences: CodeSequenceInsert[];
  stats: HistoryStats;
}

// ------------------------------------------------------------------------------------------------
// Distributions

/** Relative yearly volume of each procedure (civil status and certification dominate at communes). */
const PROCEDURE_WEIGHT: Readonly<Record<string, number>> = {
  '2.000815': 30, // chứng thực bản sao
  '2.000884': 10, // chứng thực chữ ký
  '1.001193': 9, // khai sinh
  '2.000635': 7, // bản sao trích lục hộ tịch
  '1.004873': 7, // xác nhận tình trạng hôn nhân
  '1.000894': 4, // kết hôn
  '1.004222': 4, // thường trú
  '1.000656': 3, // khai tử
  '2.002516': 3, // xác nhận thông tin hộ tịch
  '2.001159': 3, // lưu trú
  '1.001612': 2.5, // hộ kinh doanh
  '1.013225': 2.5, // giấy phép xây dựng (xã)
  '1.004859': 1.5,
  '1.004884': 1,
  '1.013831': 6, // đăng ký biến động đất đai
  '2.001610': 1.5, // doanh nghiệp tư nhân
  '2.001955': 0.8, // nội quy lao động
  '1.001022': 0.5,
  '1.013313': 0.5,
  '1.013226': 0.4,
  '1.004837': 0.3,
  '2.002189': 0.3,
  '2.000806': 0.3,
  '1.013227': 0.3,
  '1.013228': 0.2,
  '1.013222': 0.2,
  '1.013233': 0.2,
  '1.001766': 0.1,
  '1.001695': 0.1,
  '1.013230': 0.05,
};

/** Share of dossiers settled late, per field, before the unit factor. */
function baseLateRate(fieldCode: string): number {
  if (fieldCode === 'dat-dai') return 0.42;
  if (fieldCode.includes('xay-dung')) return 0.38;
  if (fieldCode === 'chung-thuc') return 0.04;
  if (fieldCode === 'ho-tich') return 0.08;
  if (fieldCode.includes('cu-tru')) return 0.07;
  if (fieldCode.includes('ho-kinh-doanh')) return 0.15;
  if (fieldCode.includes('doanh-nghiep')) return 0.12;
  if (fieldCode.includes('lao-dong')) return 0.18;
  return 0.12;
}

function isTechnicalField(fieldCode: string): boolean {
  return fieldCode === 'dat-dai' || fieldCode.includes('xay-dung');
}

function specialityOf(fieldCode: string): 'civil_status' | 'land_construction' {
  return fieldCode === 'dat-dai' || fieldCode.includes('xay-dung') || fieldCode.includes('kinh-doanh')
    ? 'land_construction'
    : 'civil_status';
}

const CHANNEL_PREFERENCE: Readonly<Record<'online' | 'counter' | 'postal', number>> = {
  online: 0.6,
  counter: 0.34,
  postal: 0.07,
};
const SECRET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

// ------------------------------------------------------------------------------------------------
// Simulation

class Horizon extends Error {
  constructor() {
    super('beyond the simulation horizon');
  }
}

type SimActor =
  | { type: 'officer'; id: string; name: string; officer: SimOfficer }
  | { type: 'citizen'; id: string; name: string }
  | { type: 'system'; id: null; name: string };

interface Plan {
  isLate: boolean;
  /** On time: share of the remaining time used. */
  frac: number;
  /** Late: working minutes after the due time. */
  lateMinutes: number;
  intakeSupplement: boolean;
  refuse: boolean;
  supplement: boolean;
  neverSupplies: boolean;
  obligation: boolean;
  extension: boolean;
  withdraw: boolean;
  stop: boolean;
  rework: boolean;
  reassign: boolean;
  lateAcceptance: boolean;
}

interface DossierSpec {
  index: number;
  version: SimVersion;
  resolved: ResolvedProcedure;
  variantCode: string | null;
  channel: 'online' | 'counter' | 'postal';
  receiving: SimUnit;
  competent: SimUnit;
  commune: SimCommune | null;
  submittedAt: number;
  account: SimAccount | null;
}

interface LiveDossier {
  row: DossierInsert;
  spec: DossierSpec;
  steps: readonly ProcessStep[];
  calR: WorkingCalendar;
  openStep: StepInsert | null;
  stepRows: StepInsert[];
  lastAt: number;
  openSupplement: SupplementInsert | null;
  openObligation: ObligationInsert | null;
  deskOfficer: SimOfficer;
}

interface IssuedResult {
  transition: TransitionInsert;
  result: Record<string, unknown>;
  unit: SimUnit;
  at: number;
  type: string;
}

export interface SimulateOptions {
  now: Date;
  count: number;
  /** Earliest day of the history (the organisation and catalog start on 1/7/2025). */
  notBefore: LocalDate;
  log?: ((message: string) => void) | undefined;
  /** Progress every this many dossiers. */
  progressEvery?: number;
}

export function simulateHistory(world: SimWorld, options: SimulateOptions): HistoryRows {
  return new HistorySimulator(world, options).run();
}

class HistorySimulator {
  readonly #world: SimWorld;
  readonly #now: number;
  readonly #count: number;
  readonly #notBefore: LocalDate;
  readonly #log: (message: string) => void;
  readonly #progressEvery: number;
  readonly #prng: Prng;
  readonly #ancestors = new Map<string, Set<string>>();
  readonly #officersByUnitRole = new Map<string, SimOfficer[]>();
  readonly #counters = new Map<string, number>();
  readonly #out: Omit<HistoryRows, 'stats' | 'codeSequences'> = {
    dossiers: [],
    components: [],
    steps: [],
    transitions: [],
    supplements: [],
    obligations: [],
    extensions: [],
    audit: [],
  };
  readonly #issues: IssuedResult[] = [];
  readonly #officersById = new Map<string, SimOfficer>();

  constructor(world: SimWorld, options: SimulateOptions) {
    this.#world = world;
    this.#now = options.now.getTime();
    this.#count = options.count;
    this.#notBefore = options.notBefore;
    this.#log = options.log ?? (() => undefined);
    this.#progressEvery = options.progressEvery ?? 2000;
    this.#prng = new Prng(seedOf(`motcua-demo-history:${options.now.toISOString()}:${options.count}`));
    for (const unit of world.unitsById.values()) {
      const set = new Set<string>();
      for (let u: SimUnit | undefined = unit; u; u = u.parentId ? world.unitsById.get(u.parentId) : undefined)
        set.add(u.id);
      this.#ancestors.set(unit.id, set);
    }
    for (const o of world.officers) {
      this.#officersById.set(o.id, o);
      const key = `${o.unitId}:${o.role}`;
      const list = this.#officersByUnitRole.get(key) ?? [];
      list.push(o);
      this.#officersByUnitRole.set(key, list);
    }
  }

  run(): HistoryRows {
    const specs = this.#drawSpecs();
    this.#log(
      `history: ${specs.length} dossiers from ${specs[0] ? new Date(specs[0].submittedAt).toISOString() : '-'} to ${new Date(this.#now).toISOString()}`,
    );
    const codeSeq = new Map<string, number>();
    let done = 0;
    for (const spec of specs) {
      const day = toLocalDate(new Date(spec.submittedAt));
      const key = `${spec.competent.agencyCode}|${day}`;
      const seq = (codeSeq.get(key) ?? 0) + 1;
      codeSeq.set(key, seq);
      this.#simulate(spec, formatDossierCode(spec.competent.agencyCode, day, seq));
      done += 1;
      if (done % this.#progressEvery === 0 || done === specs.length)
        this.#log(`simulated ${done}/${specs.length} dossiers`);
    }
    this.#numberResults();
    const codeSequences = [...codeSeq.entries()].map(([key, lastValue]) => {
      const [agencyCode = '', day = ''] = key.split('|');
      return { agencyCode, day, lastValue };
    });
    return { ...this.#out, codeSequences, stats: this.#stats(specs) };
  }

  // ---------------------------------------------------------------------------------------------
  // Drawing the dossiers: procedure, place, channel, submission time

  #drawSpecs(): DossierSpec[] {
    const prng = this.#prng;
    const nowDay = toLocalDate(new Date(this.#now));
    let firstDay = toLocalDate(new Date(this.#now - 365 * DAY_MS));
    if (firstDay < this.#notBefore) firstDay = this.#notBefore;
    const defaultCalendar = this.#world.provinceCentre.calendar;
    const days: { date: LocalDate; isWorking: boolean; weight: number }[] = [];
    const total = Math.max(
      1,
      Math.round((Date.parse(`${nowDay}T00:00:00Z`) - Date.parse(`${firstDay}T00:00:00Z`)) / DAY_MS),
    );
    const tetFactors = new Map<LocalDate, number>();
    for (const year of new Set([
      Number(firstDay.slice(0, 4)),
      Number(nowDay.slice(0, 4)),
      Number(nowDay.slice(0, 4)) + 1,
    ])) {
      const tet = lunarNewYear(year);
      for (let o = -14; o <= -3; o++) tetFactors.set(addLocalDays(tet, o), 1.2);
      for (let o = -2; o <= 6; o++) tetFactors.set(addLocalDays(tet, o), 0.15);
      for (let o = 7; o <= 11; o++) tetFactors.set(addLocalDays(tet, o), 0.55);
      for (let o = 12; o <= 20; o++) tetFactors.set(addLocalDays(tet, o), 0.85);
    }
    for (let d = firstDay, i = 0; d <= nowDay; d = addLocalDays(d, 1), i++) {
      const weekday = isoWeekday(d);
      const isWorking = defaultCalendar.isWorkingDay(d);
      const weekdayFactor = [0, 1.35, 1.1, 1.05, 1, 0.92, 1, 1][weekday] ?? 1;
      const growth = 0.85 + 0.3 * (i / total);
      days.push({ date: d, isWorking, weight: weekdayFactor * growth * (tetFactors.get(d) ?? 1) });
    }
    const workingDays = days.filter((d) => d.isWorking);

    const versionsByCode = new Map<string, SimVersion[]>();
    for (const v of this.#world.versions) {
      const list = versionsByCode.get(v.procedureCode) ?? [];
      list.push(v);
      versionsByCode.set(v.procedureCode, list);
    }
    const codes = [...versionsByCode.keys()].sort();
    const communes = this.#world.communes;
    const specs: DossierSpec[] = [];
    let guard = 0;
    while (specs.length < this.#count && guard < this.#count * 50) {
      guard += 1;
      const code = prng.weighted(codes, (c) => PROCEDURE_WEIGHT[c] ?? 0.3);
      const anyVersion = versionsByCode.get(code)?.[0];
      if (!anyVersion) continue;
      const offered = anyVersion.content.channels
        .map((c) => c.channel)
        .filter(
          (c): c is 'online' | 'counter' | 'postal' => c === 'online' || c === 'counter' || c === 'postal',
        );
      if (offered.length === 0) continue;
      const channel = prng.weighted(offered, (c) => CHANNEL_PREFERENCE[c]);
      const isCounterLike = channel !== 'online';
      const day = prng.weighted(isCounterLike ? workingDays : days, (d) =>
        d.isWorking ? d.weight : d.weight * 0.22,
      );
      const version = (versionsByCode.get(code) ?? []).find(
        (v) => v.effectiveFrom <= day.date && (v.effectiveTo === null || v.effectiveTo >= day.date),
      );
      if (!version) continue;
      // Where: commune procedures at a commune; provincial ones at the provincial centre, land
      // registration also at commune centres (boundary-free receipt).
      let commune: SimCommune | null = null;
      let receiving: SimUnit;
      let competent: SimUnit;
      if (version.content.level === 'commune') {
        commune = prng.weighted(communes, (c) => c.volume);
        receiving = commune.section;
        competent = commune.commune;
      } else {
        const agency = version.content.competentAgencyCode
          ? this.#world.unitByCode.get(version.content.competentAgencyCode)
          : undefined;
        if (!agency) continue;
        competent = agency;
        commune = prng.weighted(communes, (c) => c.volume);
        receiving =
          version.content.field.code === 'dat-dai' && prng.chance(0.6)
            ? commune.section
            : this.#world.provinceCentre;
      }
      const calR = receiving.calendar;
      let submittedAt: number;
      if (isCounterLike) {
        const periods = calR.openingPeriods(day.date);
        if (periods.length === 0) continue;
        const period = prng.chance(0.62) ? periods[0] : periods[periods.length - 1];
        if (!period) continue;
        const span = period.end.getTime() - period.start.getTime() - 10 * MINUTE_MS;
        submittedAt = period.start.getTime() + Math.floor((prng.next() * span) / 1000) * 1000;
      } else {
        const inHours = day.isWorking && prng.chance(0.7);
        if (inHours) {
          const periods = calR.openingPeriods(day.date);
          const period = prng.pick(periods);
          const span = period.end.getTime() - period.start.getTime();
          submittedAt = period.start.getTime() + Math.floor((prng.next() * span) / 1000) * 1000;
        } else {
          const minute = prng.chance(0.8)
            ? prng.int(17 * 60 + 30, 23 * 60)
            : prng.int(5 * 60 + 30, 6 * 60 + 55);
          submittedAt =
            Date.parse(`${day.date}T00:00:00+07:00`) + minute * MINUTE_MS + prng.int(0, 59) * 1000;
        }
      }
      if (submittedAt >= this.#now - 2 * MINUTE_MS || submittedAt < this.#now - 366 * DAY_MS) continue;
      const variantCode =
        version.content.variants.length > 0 && prng.chance(0.12)
          ? prng.pick(version.content.variants).code
          : null;
      const resolved = resolveProcedure(version.content, channel, variantCode);
      if ('error' in resolved) continue;
      let account: SimAccount | null = null;
      if (channel === 'online') {
        const isForOrganisations = !version.content.applicantTypes.includes('citizen');
        const candidates = this.#world.accounts.filter((a) =>
          isForOrganisations || version.content.level !== 'commune'
            ? a.kind === 'organisation'
            : a.kind === 'citizen' && a.communeUnitId === competent.id,
        );
        const p = candidates.some((a) => a.kind === 'organisation') ? 0.05 : 0.02;
        if (candidates.length > 0 && prng.chance(p)) account = prng.pick(candidates);
      }
      specs.push({
        index: specs.length,
        version,
        resolved,
        variantCode,
        channel,
        receiving,
        competent,
        commune,
        submittedAt,
        account,
      });
    }
    specs.sort((a, b) => a.submittedAt - b.submittedAt || a.index - b.index);
    return specs;
  }

  #drawPlan(spec: DossierSpec): Plan {
    const prng = this.#prng;
    const field = spec.version.content.field.code;
    const atCommuneCentre =
      spec.version.content.level !== 'commune' &&
      spec.commune !== null &&
      spec.receiving.id === spec.commune.section.id;
    const communeFactor =
      atCommuneCentre && spec.commune ? Math.sqrt(this.#world.lateness.get(spec.commune.commune.id) ?? 1) : 1;
    const unitFactor = (this.#world.lateness.get(spec.competent.id) ?? 1) * communeFactor;
    const lateRate = Math.min(0.8, baseLateRate(field) * unitFactor);
    const isLate = prng.chance(lateRate);
    const r = prng.next();
    const lateMinutes =
      r < 0.45
        ? prng.int(20, 240)
        : r < 0.8
          ? prng.int(480, 1440)
          : r < 0.96
            ? prng.int(1440, 4800)
            : prng.int(4800, 16000);
    const limit = ruleToWorkingMinutes(spec.resolved.processingTime);
    const isLong =
      spec.resolved.processingTime.unit === 'calendar-days' || (limit !== null && limit >= 16 * 60);
    const isTechnical = isTechnicalField(field);
    const online = spec.channel === 'online';
    return {
      isLate,
      frac: 0.2 + 0.75 * prng.next(),
      lateMinutes,
      intakeSupplement: online && prng.chance(0.025),
      refuse: online && prng.chance(0.055),
      supplement: prng.chance(isTechnical ? 0.2 : isLong ? 0.1 : 0.06),
      neverSupplies: prng.chance(0.12),
      obligation: field === 'dat-dai' && prng.chance(0.4),
      extension: isLate && isLong && prng.chance(isTechnical ? 0.45 : 0.3),
      withdraw: prng.chance(0.011),
      stop: prng.chance(isTechnical ? 0.012 : 0.003),
      rework: prng.chance(0.03),
      reassign: prng.chance(0.03),
      lateAcceptance: prng.chance(0.05),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Officers and roles

  #officersWithRoleOver(unitId: string, role: OfficerRole): SimOfficer[] {
    const ancestors = this.#ancestors.get(unitId);
    if (!ancestors) return [];
    // The unit itself first, then the nearest ancestors.
    const out: SimOfficer[] = [];
    for (const a of ancestors) out.push(...(this.#officersByUnitRole.get(`${a}:${role}`) ?? []));
    return out;
  }

  #officerFor(unitId: string, role: OfficerRole, prefer?: (o: SimOfficer) => boolean): SimOfficer {
    const all = this.#officersWithRoleOver(unitId, role);
    const own = all.filter((o) => o.unitId === unitId);
    const pool = own.length > 0 ? own : all;
    const preferred = prefer ? pool.filter(prefer) : pool;
    const list = preferred.length > 0 ? preferred : pool;
    if (list.length === 0) {
      throw new Error(
        `Demo seed: no officer with role ${role} over ${this.#world.unitsById.get(unitId)?.name ?? unitId}`,
      );
    }
    return this.#prng.pick(list);
  }

  #rolesOver(officer: SimOfficer, unitId: string | null): OfficerRole[] {
    if (!unitId) return [];
    return this.#ancestors.get(unitId)?.has(officer.unitId) ? [officer.role] : [];
  }

  #actorContext(d: LiveDossier, actor: SimActor): ActorContext {
    if (actor.type !== 'officer') {
      return {
        type: actor.type,
        id: actor.id ?? 'system',
        rolesAtReceivingUnit: [],
        rolesAtStepUnit: [],
        rolesAtCompetentAgency: [],
        isOwner: actor.type === 'citizen' && d.row.applicantAccountId === actor.id,
      };
    }
    return {
      type: 'officer',
      id: actor.id,
      rolesAtReceivingUnit: this.#rolesOver(actor.officer, d.row.receivingUnitId),
      rolesAtStepUnit:
        d.row.currentStepIndex !== null ? this.#rolesOver(actor.officer, d.row.currentUnitId) : [],
      rolesAtCompetentAgency: this.#rolesOver(actor.officer, d.row.competentUnitId),
      isOwner: false,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Time

  #calendarOf(unitId: string): WorkingCalendar {
    const unit = this.#world.unitsById.get(unitId);
    if (!unit) throw new Error(`unknown unit ${unitId}`);
    return unit.calendar;
  }

  /** The first instant ≥ t when the office is open (t itself if open). */
  #open(cal: WorkingCalendar, t: number): number {
    const at = new Date(t);
    return cal.isOpenAt(at) ? t : cal.nextOpeningAt(at).getTime();
  }

  /**
   * The time of the next officer action: `minutes` working minutes (dossier calendar) after the
   * last action, moved into the office hours of the acting unit, strictly after the last action.
   */
  #officerTime(d: LiveDossier, actorCal: WorkingCalendar, minutes: number): number {
    const base =
      d.calR.addWorkingMinutes(new Date(d.lastAt), Math.max(1, minutes)).getTime() +
      this.#prng.int(0, 59) * 1000;
    let t = this.#open(actorCal, base);
    if (t <= d.lastAt + 30_000) t = this.#open(actorCal, d.lastAt + 60_000 + this.#prng.int(0, 59) * 1000);
    if (t >= this.#now) throw new Horizon();
    return t;
  }

  /** A citizen action (online), at any hour: `minutes` of elapsed time after the last action. */
  #citizenTime(d: LiveDossier, minutes: number): number {
    const t = Math.max(
      d.lastAt + 60_000,
      d.lastAt + Math.round(minutes * MINUTE_MS) + this.#prng.int(0, 59) * 1000,
    );
    if (t >= this.#now) throw new Horizon();
    return t;
  }

  #wm(d: LiveDossier, from: number, to: number): number {
    return to > from ? d.calR.workingMinutesBetween(new Date(from), new Date(to)) : 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Recording (what dossier.service writes)

  #record(
    d: LiveDossier,
    actor: SimActor,
    action: TransitionInsert['action'],
    to: DossierStatus,
    at: number,
    extra: { reason?: string | null; details?: Record<string, unknown>; enteredStep?: number | null } = {},
  ): TransitionInsert {
    const row = d.row;
    const from = action === 'submit' || action === 'receive' ? null : row.status;
    const seq = action === 'submit' || action === 'receive' ? 1 : row.version + 1;
    const occurredAt = new Date(at);
    const transition: TransitionInsert = {
      dossierId: row.id,
      seq,
      action,
      fromStatus: from,
      toStatus: to,
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      occurredAt,
      reason: extra.reason ?? null,
      stepIndex: extra.enteredStep ?? row.currentStepIndex,
      details: extra.details ?? {},
    };
    this.#out.transitions.push(transition);
    row.publicTimeline.push({ action, at: occurredAt.toISOString() });
    this.#out.audit.push({
      occurredAt,
      actorType: actor.type,
      actorId: actor.id,
      eventType: seq === 1 ? 'dossier.created' : 'dossier.transitioned',
      entityType: 'dossier',
      entityId: row.id,
      summary:
        seq === 1
          ? { code: row.code, channel: row.channel, status: to, procedureCode: row.procedureCode }
          : { code: row.code, action, from, to, version: seq },
      requestId: null,
    });
    row.status = to;
    row.version = seq;
    row.updatedAt = occurredAt;
    d.lastAt = at;
    return transition;
  }

  /** Checks an action with the domain, as applyTransition does (throws on a simulation bug). */
  #decide(d: LiveDossier, actor: SimActor, action: DossierAction, at: number): DossierStatus {
    const row = d.row;
    const stepIndex = row.currentStepIndex;
    const step = stepIndex !== null ? d.steps[stepIndex] : undefined;
    const decision = decideTransition({
      dossier: {
        status: row.status,
        statusBeforeWithdrawal: row.statusBeforeWithdrawal,
        receivedAt: row.receivedAt,
        dueAt: row.dueAt,
        intakeSupplementCount: row.intakeSupplementCount,
        supplementCount: row.supplementCount,
        extensionCount: row.extensionCount,
        isApproved: row.isApproved,
        currentStep:
          step && stepIndex !== null
            ? { index: stepIndex, role: step.role, assigneeId: row.currentAssigneeId }
            : null,
        stepCount: d.steps.length,
      },
      actor: this.#actorContext(d, actor),
      action,
      now: new Date(at),
      calendar: d.calR,
    });
    if (!decision.isAllowed) {
      throw new Error(
        `Demo seed bug: ${action} refused on ${row.code} (${row.status}) for ${actor.name}: ${decision.code} ${decision.message}`,
      );
    }
    return decision.to;
  }

  #stepUnit(d: LiveDossier, step: ProcessStep): SimUnit {
    switch (step.unit.kind) {
      case 'receiving_unit':
        return this.#unit(d.row.receivingUnitId);
      case 'competent_agency':
        return this.#unit(d.row.competentUnitId);
      case 'fixed': {
        const unit = this.#world.unitByCode.get(step.unit.agencyCode);
        if (!unit)
          throw new Error(`Demo seed: unit ${step.unit.agencyCode} of step "${step.name}" does not exist`);
        return unit;
      }
    }
  }

  #unit(id: string): SimUnit {
    const unit = this.#world.unitsById.get(id);
    if (!unit) throw new Error(`unknown unit ${id}`);
    return unit;
  }

  #enterStep(
    d: LiveDossier,
    index: number,
    at: number,
    enteredBy: string | null,
    assigneeId: string | null,
  ): void {
    const step = d.steps[index];
    if (!step) throw new Error(`Demo seed: no step ${index} in ${d.row.procedureCode}`);
    const unit = this.#stepUnit(d, step);
    const due = computeDeadline({ start: new Date(at), rule: step.budget, calendar: unit.calendar });
    const row: StepInsert = {
      dossierId: d.row.id,
      stepIndex: index,
      stepCode: step.code,
      name: step.name,
      role: step.role,
      unitId: unit.id,
      assigneeId,
      enteredAt: new Date(at),
      enteredBy,
      dueAt: new Date(due.dueAt),
      completedAt: null,
      completedBy: null,
      outcome: null,
      note: null,
    };
    d.stepRows.push(row);
    this.#out.steps.push(row);
    d.openStep = row;
    d.row.currentStepIndex = index;
    d.row.currentUnitId = unit.id;
    d.row.currentAssigneeId = assigneeId;
  }

  #closeStep(d: LiveDossier, at: number, by: string | null, outcome: string, note: string | null): void {
    const open = d.openStep;
    if (!open) return;
    open.completedAt = new Date(at);
    open.completedBy = by;
    open.outcome = outcome;
    open.note = note;
    d.openStep = null;
  }

  // ---------------------------------------------------------------------------------------------
  // Actions

  #receive(d: LiveDossier, officer: SimOfficer, at: number): void {
    const row = d.row;
    const deadline = computeDeadline({
      start: new Date(at),
      rule: d.spec.resolved.processingTime,
      calendar: d.calR,
    });
    row.receivedAt = new Date(at);
    row.dueAt = new Date(deadline.dueAt);
    row.originalDueAt = new Date(deadline.dueAt);
    row.deadline = deadline;
    const entersStep = d.steps[0]?.role === 'receiving_officer';
    if (entersStep) this.#enterStep(d, 0, at, officer.id, officer.id);
    this.#record(d, officerActor(officer), 'receive', 'received', at, {
      enteredStep: entersStep ? 0 : null,
      details: {
        channel: row.channel,
        dueAt: deadline.dueAt,
        receivingUnitId: row.receivingUnitId,
        competentUnitId: row.competentUnitId,
      },
    });
  }

  #submit(d: LiveDossier, actor: SimActor, at: number): void {
    const row = d.row;
    this.#record(d, actor, 'submit', 'submitted', at, {
      enteredStep: null,
      details: {
        channel: row.channel,
        dueAt: null,
        receivingUnitId: row.receivingUnitId,
        competentUnitId: row.competentUnitId,
      },
    });
  }

  #accept(d: LiveDossier, officer: SimOfficer, at: number): void {
    const actor = officerActor(officer);
    const to = this.#decide(d, actor, 'accept', at);
    const row = d.row;
    const deadline = computeDeadline({
      start: new Date(at),
      rule: d.spec.resolved.processingTime,
      calendar: d.calR,
    });
    row.receivedAt = new Date(at);
    row.dueAt = new Date(deadline.dueAt);
    row.originalDueAt = new Date(deadline.dueAt);
    row.deadline = deadline;
    const entersStep = d.steps[0]?.role === 'receiving_officer';
    if (entersStep) this.#enterStep(d, 0, at, officer.id, officer.id);
    this.#record(d, actor, 'accept', to, at, {
      enteredStep: entersStep ? 0 : null,
      details: { dueAt: deadline.dueAt },
    });
  }

  #refuse(d: LiveDossier, officer: SimOfficer, at: number): void {
    const actor = officerActor(officer);
    const to = this.#decide(d, actor, 'refuse', at);
    d.row.completedAt = new Date(at);
    d.row.currentAssigneeId = null;
    this.#record(d, actor, 'refuse', to, at, { reason: this.#prng.pick(REFUSAL_REASONS), details: {} });
  }

  #transfer(d: LiveDossier, officer: SimOfficer, at: number): void {
    const actor = officerActor(officer);
    const to = this.#decide(d, actor, 'transfer', at);
    const current = d.row.currentStepIndex;
    const next = current === null ? 0 : current + 1;
    if (current !== null) this.#closeStep(d, at, officer.id, 'forwarded', null);
    this.#enterStep(d, next, at, officer.id, null);
    this.#record(d, actor, 'transfer', to, at, {
      enteredStep: next,
      details: { toUnitId: d.row.currentUnitId, stepIndex: next },
    });
  }

  #completeStep(
    d: LiveDossier,
    actor: SimActor & { type: 'officer' },
    at: number,
    assigneeId: string | null,
    note: string | null,
  ): void {
    const to = this.#decide(d, actor, 'complete_step', at);
    const current = d.row.currentStepIndex ?? 0;
    this.#closeStep(d, at, actor.id, 'forwarded', note);
    this.#enterStep(d, current + 1, at, actor.id, assigneeId);
    this.#record(d, actor, 'complete_step', to, at, {
      reason: note,
      enteredStep: current + 1,
      details: { stepIndex: current + 1, toUnitId: d.row.currentUnitId, assigneeId },
    });
  }

  #assign(d: LiveDossier, actor: SimActor & { type: 'officer' }, assignee: SimOfficer, at: number): void {
    const to = this.#decide(d, actor, 'assign', at);
    d.row.currentAssigneeId = assignee.id;
    if (d.openStep) d.openStep.assigneeId = assignee.id;
    this.#record(d, actor, 'assign', to, at, {
      reason: 'Phân công lại do cán bộ thụ lý đi công tác',
      details: { assigneeId: assignee.id },
    });
  }

  #returnStep(d: LiveDossier, actor: SimActor & { type: 'officer' }, at: number): void {
    const to = this.#decide(d, actor, 'return_step', at);
    const current = d.row.currentStepIndex ?? 0;
    const previous = [...d.stepRows].reverse().find((s) => s.stepIndex === current - 1);
    const reason = this.#prng.pick(RETURN_STEP_REASONS);
    this.#closeStep(d, at, actor.id, 'returned', reason);
    this.#enterStep(d, current - 1, at, actor.id, previous?.assigneeId ?? null);
    this.#record(d, actor, 'return_step', to, at, {
      reason,
      enteredStep: current - 1,
      details: { stepIndex: current - 1 },
    });
  }

  #requestSupplement(d: LiveDossier, actor: SimActor & { type: 'officer' }, at: number): void {
    const to = this.#decide(d, actor, 'request_supplement', at);
    const row = d.row;
    const isIntake = row.status === 'submitted';
    const isTechnical = isTechnicalField(d.spec.version.content.field.code);
    const items = supplementItems(this.#prng, d.spec.resolved.components, isTechnical);
    const respondWithinDays = isIntake ? 3 : this.#prng.pick([5, 10, 10, 15]);
    const respondBy = new Date(
      computeDeadline({
        start: new Date(at),
        rule: { amount: respondWithinDays, unit: 'working-days' },
        calendar: d.calR,
      }).dueAt,
    );
    const reason = this.#prng.pick(isIntake ? INTAKE_SUPPLEMENT_REASONS : SUPPLEMENT_REASONS);
    if (isIntake) row.intakeSupplementCount += 1;
    else {
      row.supplementCount += 1;
      row.pausedAt = new Date(at);
    }
    const supplement: SupplementInsert = {
      id: this.#prng.uuid(),
      dossierId: row.id,
      phase: isIntake ? 'intake' : 'processing',
      requestedAt: new Date(at),
      requestedBy: actor.id,
      reason,
      items,
      respondBy,
      suppliedAt: null,
      suppliedByType: null,
      suppliedById: null,
      responseNote: null,
      pausedWorkingMinutes: null,
    };
    this.#out.supplements.push(supplement);
    d.openSupplement = supplement;
    this.#record(d, actor, 'request_supplement', to, at, {
      reason,
      details: { phase: supplement.phase, items, respondBy: respondBy.toISOString() },
    });
  }

  /** Resumes the legal clock (supplement or excluded obligation wait), shifting the open step's due. */
  #resume(
    d: LiveDossier,
    at: number,
    mode: 'pause' | 'restart',
    reason: string,
  ): { pausedMinutes: number | null } {
    const row = d.row;
    const current = row.deadline;
    const pausedAt = row.pausedAt;
    if (!current || !pausedAt) return { pausedMinutes: null };
    const exactMinutes = d.calR.workingMinutesBetween(pausedAt, new Date(at));
    // Stored in an integer column: whole minutes (the due-date shift itself uses the exact value).
    const pausedMinutes = Math.round(exactMinutes);
    const deadline = resumeAfterPause({
      current,
      pausedAt,
      resumedAt: new Date(at),
      mode,
      reason,
      calendar: d.calR,
    });
    row.deadline = deadline;
    row.dueAt = new Date(deadline.dueAt);
    const open = d.openStep;
    if (open && row.currentStepIndex !== null) {
      const stepCal = this.#calendarOf(open.unitId);
      const step = d.steps[row.currentStepIndex];
      if (mode === 'restart' && step)
        open.dueAt = new Date(
          computeDeadline({ start: new Date(at), rule: step.budget, calendar: stepCal }).dueAt,
        );
      else if (open.dueAt) open.dueAt = stepCal.addWorkingMinutes(open.dueAt, exactMinutes);
    }
    return { pausedMinutes };
  }

  #supply(d: LiveDossier, actor: SimActor, at: number): void {
    const to = this.#decide(d, actor, 'supply', at);
    const row = d.row;
    const isIntake = row.receivedAt === null;
    const mode = row.supplementMode;
    const { pausedMinutes } = isIntake ? { pausedMinutes: null } : this.#resume(d, at, mode, 'Bổ sung hồ sơ');
    row.pausedAt = null;
    const note = this.#prng.chance(0.5) ? 'Đã bổ sung giấy tờ theo hướng dẫn' : null;
    const supplement = d.openSupplement;
    if (supplement) {
      supplement.suppliedAt = new Date(at);
      supplement.suppliedByType = actor.type === 'citizen' ? 'citizen' : 'officer';
      supplement.suppliedById = actor.id;
      supplement.responseNote = note;
      supplement.pausedWorkingMinutes = pausedMinutes;
      d.openSupplement = null;
    }
    this.#record(d, actor, 'supply', to, at, {
      reason: note,
      details: {
        pausedWorkingMinutes: pausedMinutes,
        dueAt: isIntake ? null : (row.deadline?.dueAt ?? null),
        mode,
        files: 0,
      },
    });
  }

  #requestObligation(d: LiveDossier, actor: SimActor & { type: 'officer' }, at: number): void {
    const to = this.#decide(d, actor, 'request_obligation', at);
    const row = d.row;
    const value =
      typeof row.formData['contractValue'] === 'number'
        ? row.formData['contractValue']
        : this.#prng.int(30, 250) * 10_000_000;
    const amount = Math.round((value * 0.025) / 1000) * 1000;
    const description =
      'Thuế thu nhập cá nhân từ chuyển nhượng bất động sản (2%) và lệ phí trước bạ nhà, đất (0,5%) theo thông báo của cơ quan thuế';
    if (row.isObligationTimeExcluded) row.pausedAt = new Date(at);
    const obligation: ObligationInsert = {
      id: this.#prng.uuid(),
      dossierId: row.id,
      requestedAt: new Date(at),
      requestedBy: actor.id,
      description,
      amount,
      fulfilledAt: null,
      fulfilledByType: null,
      fulfilledById: null,
      paymentReference: null,
    };
    this.#out.obligations.push(obligation);
    d.openObligation = obligation;
    this.#record(d, actor, 'request_obligation', to, at, {
      reason: description,
      details: { amount, isClockPaused: row.isObligationTimeExcluded },
    });
  }

  #fulfilObligation(d: LiveDossier, actor: SimActor, at: number): void {
    const to = this.#decide(d, actor, 'fulfil_obligation', at);
    const row = d.row;
    const { pausedMinutes } = row.pausedAt
      ? this.#resume(d, at, 'pause', 'Thực hiện nghĩa vụ tài chính')
      : { pausedMinutes: null };
    row.pausedAt = null;
    const reference = `BL${toLocalDate(new Date(at)).replace(/-/g, '').slice(2)}${this.#prng.digits(5)}`;
    const obligation = d.openObligation;
    if (obligation) {
      obligation.fulfilledAt = new Date(at);
      obligation.fulfilledByType = actor.type === 'officer' ? 'officer' : 'system';
      obligation.fulfilledById = actor.type === 'officer' ? actor.id : null;
      obligation.paymentReference = reference;
      d.openObligation = null;
    }
    this.#record(d, actor, 'fulfil_obligation', to, at, {
      reason: null,
      details: { paymentReference: reference, pausedWorkingMinutes: pausedMinutes },
    });
  }

  #extend(d: LiveDossier, leader: SimOfficer, at: number, newDueAt: Date): void {
    const actor = officerActor(leader);
    const to = this.#decide(d, actor, 'extend', at);
    const row = d.row;
    const previous = row.dueAt;
    if (!previous || newDueAt.getTime() <= previous.getTime())
      throw new Error('Demo seed bug: extension must move the due date later');
    const reason = this.#prng.pick(EXTENSION_REASONS);
    const letterNumber = `${this.#nextNumber(`pxl:${row.competentUnitId}`)}/PXL-${this.#unit(row.competentUnitId).abbreviation}`;
    if (row.deadline) row.deadline = extendDeadline({ current: row.deadline, newDueAt, reason });
    row.dueAt = newDueAt;
    row.extensionCount += 1;
    this.#out.extensions.push({
      id: this.#prng.uuid(),
      dossierId: row.id,
      createdAt: new Date(at),
      signedBy: leader.id,
      reason,
      previousDueAt: previous,
      newDueAt,
      letterNumber,
    });
    this.#record(d, actor, 'extend', to, at, {
      reason,
      details: { previousDueAt: previous.toISOString(), newDueAt: newDueAt.toISOString(), letterNumber },
    });
  }

  #requestWithdrawal(d: LiveDossier, actor: SimActor, at: number): void {
    const to = this.#decide(d, actor, 'request_withdrawal', at);
    const previous = d.row.status;
    d.row.statusBeforeWithdrawal = previous;
    this.#record(d, actor, 'request_withdrawal', to, at, {
      reason: this.#prng.pick(WITHDRAWAL_REASONS),
      details: { previousStatus: previous },
    });
  }

  #confirmWithdrawal(d: LiveDossier, officer: SimOfficer, at: number): void {
    const actor = officerActor(officer);
    const to = this.#decide(d, actor, 'confirm_withdrawal', at);
    const row = d.row;
    const note = 'Đã ban hành Thông báo dừng giải quyết hồ sơ theo đề nghị';
    row.completedAt = new Date(at);
    row.statusBeforeWithdrawal = null;
    row.currentAssigneeId = null;
    this.#closeStep(d, at, officer.id, 'interrupted', note);
    row.currentStepIndex = null;
    this.#record(d, actor, 'confirm_withdrawal', to, at, {
      reason: note,
      details: { stoppedOnRequest: true },
    });
  }

  #stop(d: LiveDossier, leader: SimOfficer, at: number, reason: string): void {
    const actor = officerActor(leader);
    const to = this.#decide(d, actor, 'stop', at);
    const row = d.row;
    const documentNumber = `${this.#nextNumber(`tb:${row.competentUnitId}`)}/TB-${this.#unit(row.competentUnitId).abbreviation}`;
    row.completedAt = new Date(at);
    row.pausedAt = null;
    row.currentAssigneeId = null;
    this.#closeStep(d, at, leader.id, 'interrupted', reason);
    row.currentStepIndex = null;
    this.#record(d, actor, 'stop', to, at, { reason, details: { documentNumber } });
  }

  #approve(d: LiveDossier, leader: SimOfficer, at: number): void {
    const actor = officerActor(leader);
    const to = this.#decide(d, actor, 'approve', at);
    const row = d.row;
    const current = row.currentStepIndex;
    const next = current !== null ? d.steps[current + 1] : undefined;
    const entersNext = next !== undefined && next.role !== 'receiving_officer' && current !== null;
    row.isApproved = true;
    row.approvedAt = new Date(at);
    row.approvedBy = leader.id;
    if (entersNext && current !== null) {
      this.#closeStep(d, at, leader.id, 'approved', null);
      this.#enterStep(d, current + 1, at, leader.id, null);
    }
    this.#record(d, actor, 'approve', to, at, {
      enteredStep: entersNext && current !== null ? current + 1 : null,
      details: { signedBy: leader.fullName },
    });
  }

  #issueResult(d: LiveDossier, officer: SimOfficer, at: number): void {
    const actor = officerActor(officer);
    const to = this.#decide(d, actor, 'issue_result', at);
    const row = d.row;
    const current = row.currentStepIndex;
    const returnIndex = d.steps.findIndex((s, i) => i > (current ?? -1) && s.role === 'receiving_officer');
    const spec = d.spec.version.content.result;
    const result: Record<string, unknown> = {
      number: '',
      summary: spec.name,
      issuedAt: new Date(at).toISOString(),
      issuedBy: officer.fullName,
      approvedBy: row.approvedBy,
      approvedAt: row.approvedAt?.toISOString() ?? null,
      fileId: null,
    };
    row.result = result;
    row.completedAt = new Date(at);
    this.#closeStep(d, at, officer.id, 'issued', null);
    if (returnIndex >= 0) this.#enterStep(d, returnIndex, at, officer.id, null);
    else {
      row.currentStepIndex = null;
      row.currentAssigneeId = null;
      row.currentUnitId = row.receivingUnitId;
    }
    const transition = this.#record(d, actor, 'issue_result', to, at, {
      enteredStep: returnIndex >= 0 ? returnIndex : null,
      details: { resultNumber: '' },
    });
    this.#issues.push({ transition, result, unit: this.#unit(row.competentUnitId), at, type: spec.type });
  }

  #returnResult(d: LiveDossier, officer: SimOfficer, at: number): void {
    const actor = officerActor(officer);
    const to = this.#decide(d, actor, 'return_result', at);
    const row = d.row;
    const method = row.resultDelivery;
    const representative = row.representative as { fullName?: string } | null;
    const receiverName =
      representative?.fullName && this.#prng.chance(0.7) ? representative.fullName : row.applicantName;
    const waybillNumber =
      method === 'postal'
        ? `E${String.fromCharCode(65 + this.#prng.int(0, 25))}${this.#prng.digits(9)}VN`
        : null;
    row.returnedAt = new Date(at);
    row.returnMethod = method;
    row.currentStepIndex = null;
    row.currentAssigneeId = null;
    this.#closeStep(d, at, officer.id, 'delivered', null);
    this.#record(d, actor, 'return_result', to, at, { details: { method, receiverName, waybillNumber } });
  }

  #nextNumber(key: string): number {
    const n = (this.#counters.get(key) ?? 0) + 1;
    this.#counters.set(key, n);
    return n;
  }

  // ---------------------------------------------------------------------------------------------
  // One dossier's life

  #simulate(spec: DossierSpec, code: string): void {
    const prng = this.#prng;
    const content = spec.version.content;
    const plan = this.#drawPlan(spec);
    const applicant = this.#drawApplicant(spec);
    const calR = spec.receiving.calendar;
    const submittedAt = new Date(spec.submittedAt);
    const resultDelivery: DossierInsert['resultDelivery'] =
      spec.channel === 'postal'
        ? 'postal'
        : spec.channel === 'online'
          ? prng.weighted(['online', 'counter', 'postal'] as const, (m) =>
              m === 'online' ? 0.55 : m === 'counter' ? 0.35 : 0.1,
            )
          : prng.chance(0.08)
            ? 'postal'
            : 'counter';
    const row: DossierInsert = {
      id: prng.uuid(),
      code,
      procedureVersionId: spec.version.id,
      procedureCode: spec.version.procedureCode,
      variantCode: spec.variantCode,
      channel: spec.channel,
      status: 'submitted',
      statusBeforeWithdrawal: null,
      receivingUnitId: spec.receiving.id,
      competentUnitId: spec.competent.id,
      currentStepIndex: null,
      currentUnitId: spec.receiving.id,
      currentAssigneeId: null,
      applicantAccountId: spec.account?.id ?? null,
      applicantName: applicant.fullName,
      applicantIdNumber: applicant.idNumber ?? applicant.taxCode ?? null,
      applicant: applicant.json,
      representative: applicant.representative,
      formData: formData(prng, content, {
        applicantName: applicant.fullName,
        applicantIdNumber: applicant.idNumber ?? null,
        address: applicant.address,
        phone: applicant.phone,
        email: applicant.email ?? 'congdan@example.vn',
        submittedAt,
      }),
      resultDelivery,
      submittedAt,
      receivedAt: null,
      dueAt: null,
      originalDueAt: null,
      deadline: null,
      supplementMode: content.supplementMode,
      isObligationTimeExcluded: content.isObligationTimeExcluded,
      pausedAt: null,
      intakeSupplementCount: 0,
      supplementCount: 0,
      extensionCount: 0,
      isApproved: false,
      approvedAt: null,
      approvedBy: null,
      result: null,
      completedAt: null,
      returnedAt: null,
      returnMethod: null,
      lookupSecret: Array.from({ length: 6 }, () => prng.pick([...SECRET_ALPHABET])).join(''),
      publicTimeline: [],
      feeTotal: spec.resolved.feeTotal,
      version: 1,
      createdAt: submittedAt,
      updatedAt: submittedAt,
    };
    this.#out.dossiers.push(row);
    for (const c of spec.resolved.components) {
      const isReused = c.reuseSource !== undefined && prng.chance(0.7);
      const isProvided = c.isRequired || isReused || prng.chance(0.35);
      this.#out.components.push({
        dossierId: row.id,
        componentCode: c.code,
        name: c.name,
        originalCount: isProvided ? c.originalCount : 0,
        copyCount: isProvided ? c.copyCount : 0,
        isRequired: c.isRequired,
        isProvided,
        isReused,
        note: null,
      });
    }
    const desk = this.#officerFor(spec.receiving.id, 'receiving_officer');
    const d: LiveDossier = {
      row,
      spec,
      steps: spec.resolved.steps,
      calR,
      openStep: null,
      stepRows: [],
      lastAt: spec.submittedAt - 60_000,
      openSupplement: null,
      openObligation: null,
      deskOfficer: desk,
    };
    try {
      this.#live(d, plan);
    } catch (error) {
      if (!(error instanceof Horizon)) throw error;
    }
  }

  #drawApplicant(spec: DossierSpec): {
    fullName: string;
    idNumber?: string;
    taxCode?: string;
    address: string;
    phone: string;
    email?: string;
    json: Record<string, unknown>;
    representative: Record<string, unknown> | null;
  } {
    const prng = this.#prng;
    const a = spec.account;
    if (a) {
      const json: Record<string, unknown> = {
        kind: a.kind,
        fullName: a.fullName,
        ...(a.idNumber ? { idNumber: a.idNumber } : {}),
        ...(a.taxCode ? { taxCode: a.taxCode } : {}),
        ...(a.dateOfBirth ? { dateOfBirth: a.dateOfBirth } : {}),
        address: a.address,
        phone: a.phone,
        email: a.email,
      };
      return {
        fullName: a.fullName,
        ...(a.idNumber ? { idNumber: a.idNumber } : {}),
        ...(a.taxCode ? { taxCode: a.taxCode } : {}),
        address: a.address,
        phone: a.phone,
        email: a.email,
        json,
        representative: null,
      };
    }
    const commune = spec.commune ?? prng.pick(this.#world.communes);
    const street = commune.isWard
      ? `Số ${prng.int(1, 250)}, ${prng.chance(0.5) ? commune.street : `ngõ ${prng.int(2, 90)} ${commune.street}`}`
      : `Thôn ${prng.int(1, 15)}`;
    const address = `${street}, ${commune.label}, tỉnh Thanh Hóa`;
    const phone = mobilePhone(prng);
    const isOrganisation =
      !spec.version.content.applicantTypes.includes('citizen') ||
      (spec.version.content.level !== 'commune' &&
        spec.version.content.field.code.includes('xay-dung') &&
        prng.chance(0.7));
    if (isOrganisation) {
      const name =
        spec.version.procedureCode === '1.013222'
          ? `Nhà thầu ${companyName(prng).replace(/^Công ty (TNHH|Cổ phần) /, '')}`
          : companyName(prng);
      const tax = taxCode(prng);
      const email = `vanphong${prng.digits(3)}@example.vn`;
      return {
        fullName: name,
        taxCode: tax,
        address,
        phone,
        email,
        json: { kind: 'organisation', fullName: name, taxCode: tax, address, phone, email },
        representative: {
          fullName: drawPerson(prng).fullName,
          idNumber: citizenIdNumber(prng, prng.int(1965, 1995), 'male'),
          phone: mobilePhone(prng),
          authorisationDocument: `Giấy giới thiệu số ${prng.int(10, 300)}/GGT`,
        },
      };
    }
    const person = drawPerson(prng);
    const year = prng.int(1950, 2005);
    const idNumber = citizenIdNumber(prng, year, person.sex);
    const dateOfBirth = `${year}-${String(prng.int(1, 12)).padStart(2, '0')}-${String(prng.int(1, 28)).padStart(2, '0')}`;
    const hasEmail = prng.chance(0.4);
    const email = hasEmail ? `cd${idNumber.slice(-6)}@example.vn` : undefined;
    const representative = prng.chance(0.08)
      ? {
          fullName: drawPerson(prng).fullName,
          idNumber: citizenIdNumber(prng, prng.int(1960, 2000), 'male'),
          phone: mobilePhone(prng),
          authorisationDocument: `Văn bản ủy quyền số ${prng.int(1, 999)}/${submittedYear(spec)}/UQ`,
        }
      : null;
    return {
      fullName: person.fullName,
      idNumber,
      address,
      phone,
      ...(email ? { email } : {}),
      json: {
        kind: 'citizen',
        fullName: person.fullName,
        idNumber,
        dateOfBirth,
        address,
        phone,
        ...(email ? { email } : {}),
      },
      representative,
    };
  }

  /** The whole life of one dossier; throws Horizon when the next action would be after `now`. */
  #live(d: LiveDossier, plan: Plan): void {
    const prng = this.#prng;
    const spec = d.spec;
    const row = d.row;
    const owner: SimActor | null = spec.account
      ? { type: 'citizen', id: spec.account.id, name: spec.account.fullName }
      : null;
    const receivingCal = d.calR;

    // 1. Intake
    if (spec.channel === 'online') {
      d.lastAt = spec.submittedAt - 1;
      this.#submit(d, owner ?? DVCQG, spec.submittedAt);
      let acceptAt = this.#acceptTime(d, plan);
      if (plan.intakeSupplement) {
        this.#requestSupplement(d, officerActor(d.deskOfficer), acceptAt);
        const suppliedAt = owner
          ? this.#citizenTime(d, prng.logNormal(600, 1))
          : this.#officerTime(d, receivingCal, prng.logNormal(480, 0.8));
        this.#supply(d, owner ?? officerActor(d.deskOfficer), suppliedAt);
        acceptAt = this.#acceptTime(d, plan);
      }
      if (plan.refuse) {
        this.#refuse(d, d.deskOfficer, acceptAt);
        return;
      }
      this.#accept(d, d.deskOfficer, acceptAt);
    } else {
      d.lastAt = spec.submittedAt - 1;
      this.#receive(d, d.deskOfficer, spec.submittedAt);
    }

    // 2. Transfer to the competent agency (same day, or next morning after 15:00)
    const receivedAt = row.receivedAt?.getTime() ?? d.lastAt;
    const transferLimit = transferDueAt(new Date(receivedAt), receivingCal).getTime();
    let transferAt = this.#officerTime(d, receivingCal, prng.logNormal(35, 0.8));
    if (transferAt > transferLimit - MINUTE_MS) {
      transferAt = Math.max(d.lastAt + 60_000, transferLimit - prng.int(2, 25) * MINUTE_MS);
      transferAt = this.#open(receivingCal, transferAt);
      if (transferAt >= this.#now) throw new Horizon();
    }
    if (plan.withdraw && prng.chance(0.15)) {
      this.#withdraw(d, owner, plan);
      return;
    }
    this.#transfer(d, d.deskOfficer, transferAt);

    // 3. Internal steps until the result is issued
    this.#process(d, plan, owner);
    if (row.status !== 'result_ready') return;

    // 4. Return of the result
    const returner = this.#officerFor(row.receivingUnitId, 'receiving_officer');
    const delay =
      row.resultDelivery === 'online'
        ? prng.int(5, 90)
        : row.resultDelivery === 'postal'
          ? prng.int(240, 1440)
          : Math.min(9600, prng.logNormal(300, 1.3));
    this.#returnResult(d, returner, this.#officerTime(d, receivingCal, delay));
  }

  #acceptTime(d: LiveDossier, plan: Plan): number {
    const prng = this.#prng;
    const cal = d.calR;
    const opening = this.#open(cal, d.lastAt + 60_000);
    const day = toLocalDate(new Date(opening));
    const closing = cal.closingAt(day).getTime();
    const wait = plan.lateAcceptance
      ? prng.int(480, 1400)
      : Math.min(
          prng.logNormal(70, 1),
          cal.workingMinutesBetween(new Date(opening), new Date(closing - 5 * MINUTE_MS)),
        );
    let t = cal.addWorkingMinutes(new Date(opening), Math.max(1, wait)).getTime() + prng.int(0, 59) * 1000;
    t = this.#open(cal, t);
    if (t <= d.lastAt) t = this.#open(cal, d.lastAt + 60_000);
    if (t >= this.#now) throw new Horizon();
    return t;
  }

  /** Completion target from the current time and due date. */
  #target(d: LiveDossier, plan: Plan, t: number): number {
    const due = d.row.dueAt?.getTime() ?? t;
    if (!plan.isLate) {
      const avail = this.#wm(d, t, due);
      return d.calR.addWorkingMinutes(new Date(t), Math.max(5, plan.frac * avail)).getTime();
    }
    return d.calR.addWorkingMinutes(new Date(Math.max(due, t)), plan.lateMinutes).getTime();
  }

  /** Working minutes the current step takes, sharing the time left to the target by step budgets. */
  #stepShare(d: LiveDossier, target: number, completionIndex: number): number {
    const k = d.row.currentStepIndex ?? 0;
    const avail = this.#wm(d, d.lastAt, target);
    const minimum = 4 + this.#prng.int(0, 10);
    if (k >= completionIndex) return Math.max(minimum, avail);
    let total = 0;
    for (let i = k; i <= completionIndex; i++) total += budgetWeight(d.steps[i]);
    const share = (avail * budgetWeight(d.steps[k])) / Math.max(1, total);
    return Math.max(minimum, share * this.#prng.between(0.7, 1.3));
  }

  #handler(d: LiveDossier, step: ProcessStep): SimOfficer {
    const assignee = d.row.currentAssigneeId;
    if (assignee) {
      const o = this.#officersById.get(assignee);
      if (o) return o;
    }
    const unitId = d.row.currentUnitId ?? d.row.competentUnitId;
    const speciality = specialityOf(d.spec.version.content.field.code);
    return this.#officerFor(
      unitId,
      step.role,
      (o) => o.divisionNo <= 1 && (o.speciality === undefined || o.speciality === speciality),
    );
  }

  /** Who the next step goes to when a step is completed (the division head assigns a specialist). */
  #nextAssignee(d: LiveDossier, nextIndex: number, current: SimOfficer): string | null {
    const next = d.steps[nextIndex];
    if (!next) return null;
    const unit = this.#stepUnit(d, next);
    if (next.role === 'specialist') {
      const speciality = specialityOf(d.spec.version.content.field.code);
      return this.#officerFor(
        unit.id,
        'specialist',
        (o) => o.divisionNo <= 1 && (o.speciality === undefined || o.speciality === speciality),
      ).id;
    }
    if (next.role === 'division_head') {
      // The division head who assigned the dossier reviews it.
      const earlier = d.stepRows.find(
        (s) => s.role === 'division_head' && s.unitId === unit.id && s.completedBy,
      );
      return earlier?.completedBy ?? (current.role === 'division_head' ? current.id : null);
    }
    return null;
  }

  #process(d: LiveDossier, plan: Plan, owner: SimActor | null): void {
    const prng = this.#prng;
    const row = d.row;
    const steps = d.steps;
    const leaderIndex = steps.findIndex((s, i) => i > 0 && s.role === 'leader');
    const afterLeader = leaderIndex >= 0 ? steps[leaderIndex + 1] : undefined;
    const completionIndex =
      leaderIndex < 0
        ? steps.length - 1
        : afterLeader && afterLeader.role !== 'receiving_officer'
          ? leaderIndex + 1
          : leaderIndex;
    const appraisalIndex = steps.findIndex((s, i) => i > 0 && s.role === 'specialist');
    let target = this.#target(d, plan, d.lastAt);
    let didRework = false;
    let didReassign = false;
    let didSupplement = false;
    let didObligation = false;
    let didExtension = false;
    const taxIndex = steps.findIndex((s, i) => i > 0 && s.unit.kind === 'fixed');
    const obligationIndex = taxIndex >= 0 ? taxIndex : appraisalIndex;

    for (let guard = 0; guard < 40; guard++) {
      if (row.status !== 'processing') return;
      const k = row.currentStepIndex;
      if (k === null) return;
      const step = steps[k];
      if (!step) return;
      const stepUnit = this.#unit(row.currentUnitId ?? row.competentUnitId);
      const cal = stepUnit.calendar;

      if (row.isApproved) {
        // After approval: the clerk numbers and issues the result.
        const issuer =
          step.role === 'clerk' || step.role === 'leader'
            ? this.#handler(d, step)
            : this.#officerFor(row.competentUnitId, 'clerk');
        this.#issueResult(d, issuer, this.#officerTime(d, cal, this.#stepShare(d, target, completionIndex)));
        return;
      }

      if (step.role === 'leader') {
        const leader = this.#handler(d, step);
        if (
          plan.rework &&
          !didRework &&
          k > 0 &&
          steps[k - 1]?.role !== 'receiving_officer' &&
          d.spec.version.content.level === 'commune'
        ) {
          didRework = true;
          this.#returnStep(
            d,
            officerActor(leader),
            this.#officerTime(d, cal, this.#stepShare(d, target, completionIndex) * 0.5),
          );
          continue;
        }
        this.#approve(d, leader, this.#officerTime(d, cal, this.#stepShare(d, target, completionIndex)));
        if (row.currentStepIndex === k) {
          // No clerk step: the agency's clerk issues from the approval step.
          const clerk =
            this.#officersWithRoleOver(row.competentUnitId, 'clerk').length > 0
              ? this.#officerFor(row.competentUnitId, 'clerk')
              : leader;
          this.#issueResult(
            d,
            clerk,
            this.#officerTime(d, this.#unit(row.competentUnitId).calendar, prng.int(10, 60)),
          );
          return;
        }
        continue;
      }

      const handler = this.#handler(d, step);
      const actor = officerActor(handler);

      // Events inside the appraisal step
      if (k === appraisalIndex) {
        if (plan.reassign && !didReassign && row.currentAssigneeId) {
          didReassign = true;
          const others = this.#officersWithRoleOver(stepUnit.id, 'specialist').filter(
            (o) => o.id !== row.currentAssigneeId && o.unitId === stepUnit.id,
          );
          const boss = this.#officersWithRoleOver(stepUnit.id, 'division_head').filter(
            (o) => o.unitId === stepUnit.id,
          );
          const assigner = boss.length > 0 ? prng.pick(boss) : this.#officerFor(stepUnit.id, 'leader');
          const other = others.length > 0 ? prng.pick(others) : undefined;
          if (other) {
            this.#assign(d, officerActor(assigner), other, this.#officerTime(d, cal, prng.int(30, 240)));
            continue;
          }
        }
        if (plan.stop) {
          const leader = this.#officerFor(row.competentUnitId, 'leader');
          this.#stop(
            d,
            leader,
            this.#officerTime(
              d,
              this.#unit(row.competentUnitId).calendar,
              this.#stepShare(d, target, completionIndex) * 0.6,
            ),
            STOP_REASONS[0] ?? 'Không đủ điều kiện',
          );
          return;
        }
        if (plan.withdraw) {
          this.#withdraw(d, owner, plan);
          return;
        }
        if (plan.supplement && !didSupplement) {
          didSupplement = true;
          this.#requestSupplement(
            d,
            actor,
            this.#officerTime(d, cal, Math.max(15, this.#stepShare(d, target, completionIndex) * 0.3)),
          );
          const supplement = d.openSupplement;
          if (plan.neverSupplies) {
            const respondBy = supplement?.respondBy?.getTime() ?? d.lastAt;
            const giveUp = Math.max(this.#wm(d, d.lastAt, respondBy), 60) + prng.int(240, 2400);
            if (prng.chance(0.35)) {
              // The applicant gives up and asks to withdraw.
              const asker = owner ?? officerActor(d.deskOfficer);
              const at =
                asker.type === 'citizen'
                  ? this.#citizenTime(d, prng.int(2, 12) * 1440)
                  : this.#officerTime(d, d.calR, prng.int(240, 4000));
              this.#requestWithdrawal(d, asker, at);
              this.#confirmWithdrawal(
                d,
                this.#officerFor(row.receivingUnitId, 'receiving_officer'),
                this.#officerTime(d, d.calR, prng.int(30, 480)),
              );
              return;
            }
            const leader = this.#officerFor(row.competentUnitId, 'leader');
            this.#stop(
              d,
              leader,
              this.#officerTime(d, this.#unit(row.competentUnitId).calendar, giveUp),
              STOP_REASONS[1] ?? 'Quá hạn bổ sung',
            );
            return;
          }
          const supplier =
            owner && prng.chance(0.8)
              ? owner
              : officerActor(this.#officerFor(row.receivingUnitId, 'receiving_officer'));
          const wait = prng.logNormal(900, 0.8);
          const at =
            supplier.type === 'citizen'
              ? this.#citizenTime(d, (wait / 480) * 1440)
              : this.#officerTime(d, d.calR, wait);
          this.#supply(d, supplier, at);
          target = this.#target(d, plan, d.lastAt);
        }
        if (plan.extension && !didExtension && row.dueAt && row.extensionCount === 0) {
          didExtension = true;
          const latest = latestApologyAt(row.dueAt, d.calR).getTime();
          const leader = this.#officerFor(row.competentUnitId, 'leader');
          const leaderCal = this.#unit(row.competentUnitId).calendar;
          const room = this.#wm(d, d.lastAt, latest);
          if (room > 30) {
            const at = this.#officerTime(d, leaderCal, prng.between(0.2, 0.8) * room);
            if (at <= latest) {
              const oldDue = row.dueAt;
              const newDue = d.calR.addWorkingMinutes(oldDue, prng.pick([2, 3, 3, 5, 7]) * 480);
              this.#extend(d, leader, at, newDue);
              // Usually settled within the new date, sometimes late even so.
              target = prng.chance(0.85)
                ? d.calR
                    .addWorkingMinutes(
                      oldDue,
                      prng.between(0.15, 0.9) * this.#wm(d, oldDue.getTime(), newDue.getTime()),
                    )
                    .getTime()
                : d.calR.addWorkingMinutes(newDue, prng.int(60, 1440)).getTime();
              if (target <= d.lastAt) target = this.#target(d, { ...plan, isLate: false }, d.lastAt);
            }
          }
        }
      }
      if (k === obligationIndex && plan.obligation && !didObligation) {
        didObligation = true;
        this.#requestObligation(
          d,
          actor,
          this.#officerTime(d, cal, Math.max(20, this.#stepShare(d, target, completionIndex) * 0.4)),
        );
        const viaGateway = prng.chance(0.55);
        const payer: SimActor = viaGateway
          ? PAYMENT_PLATFORM
          : officerActor(this.#officerFor(row.receivingUnitId, 'receiving_officer'));
        const wait = prng.logNormal(1100, 0.7);
        const at = viaGateway
          ? this.#citizenTime(d, (wait / 480) * 1440)
          : this.#officerTime(d, d.calR, wait);
        this.#fulfilObligation(d, payer, at);
        target = this.#target(d, plan, d.lastAt);
      }
      if (
        plan.rework &&
        !didRework &&
        step.role === 'division_head' &&
        k > 0 &&
        steps[k - 1]?.role === 'specialist'
      ) {
        didRework = true;
        this.#returnStep(
          d,
          actor,
          this.#officerTime(d, cal, this.#stepShare(d, target, completionIndex) * 0.5),
        );
        continue;
      }
      const at = this.#officerTime(d, cal, this.#stepShare(d, target, completionIndex));
      const assignee = this.#nextAssignee(d, k + 1, handler);
      this.#completeStep(d, actor, at, assignee, null);
    }
  }

  #withdraw(d: LiveDossier, owner: SimActor | null, plan: Plan): void {
    const prng = this.#prng;
    void plan;
    const asker = owner ?? officerActor(d.deskOfficer);
    const at =
      asker.type === 'citizen'
        ? this.#citizenTime(d, prng.int(60, 4000))
        : this.#officerTime(d, d.calR, prng.int(30, 900));
    this.#requestWithdrawal(d, asker, at);
    this.#confirmWithdrawal(
      d,
      this.#officerFor(d.row.receivingUnitId, 'receiving_officer'),
      this.#officerTime(d, d.calR, prng.int(20, 480)),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // After the simulation

  /** Result numbers in issue order per agency and year, e.g. 152/GCN-UBND. */
  #numberResults(): void {
    const sorted = [...this.#issues].sort((a, b) => a.at - b.at);
    const counters = new Map<string, number>();
    for (const issue of sorted) {
      const year = toLocalDate(new Date(issue.at)).slice(0, 4);
      const key = `${issue.unit.id}|${year}|${issue.type}`;
      const n = (counters.get(key) ?? 0) + 1;
      counters.set(key, n);
      const kind =
        issue.type === 'license'
          ? 'GP'
          : issue.type === 'certificate'
            ? 'GCN'
            : issue.type === 'decision'
              ? 'QĐ'
              : issue.type === 'extract'
                ? 'TL'
                : issue.type === 'notice'
                  ? 'TB'
                  : 'KQ';
      const number = `${n}/${year}/${kind}-${issue.unit.abbreviation}`;
      issue.result['number'] = number;
      issue.transition.details = { resultNumber: number };
    }
  }

  #stats(specs: readonly DossierSpec[]): HistoryStats {
    const byStatus: Record<string, number> = {};
    const byChannel: Record<string, number> = {};
    let settled = 0;
    let onTime = 0;
    let onTimeOriginal = 0;
    let openOverdue = 0;
    let refused = 0;
    let withdrawnOrStopped = 0;
    for (const d of this.#out.dossiers) {
      byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
      byChannel[d.channel] = (byChannel[d.channel] ?? 0) + 1;
      if (d.status === 'result_ready' || d.status === 'returned') {
        settled += 1;
        if (d.completedAt && d.dueAt && d.completedAt <= d.dueAt) onTime += 1;
        if (d.completedAt && d.originalDueAt && d.completedAt <= d.originalDueAt) onTimeOriginal += 1;
      } else if (!isFinalStatus(d.status) && d.dueAt && !d.pausedAt && d.dueAt.getTime() < this.#now)
        openOverdue += 1;
      if (d.status === 'refused') refused += 1;
      if (d.status === 'stopped') withdrawnOrStopped += 1;
    }
    const first = specs[0];
    return {
      dossiers: this.#out.dossiers.length,
      byStatus,
      byChannel,
      settled,
      settledOnTime: onTime,
      settledOnTimeVsOriginal: onTimeOriginal,
      openOverdue,
      supplements: this.#out.supplements.filter((s) => s.phase === 'processing').length,
      obligations: this.#out.obligations.length,
      extensions: this.#out.extensions.length,
      refused,
      withdrawnOrStopped,
      from: first ? new Date(first.submittedAt).toISOString() : new Date(this.#now).toISOString(),
      to: new Date(this.#now).toISOString(),
    };
  }
}

const DVCQG: SimActor = { type: 'system', id: null, name: 'Cổng Dịch vụ công quốc gia' };
const PAYMENT_PLATFORM: SimActor = { type: 'system', id: null, name: 'Nền tảng thanh toán trực tuyến' };

function officerActor(officer: SimOfficer): SimActor & { type: 'officer' } {
  return { type: 'officer', id: officer.id, name: officer.fullName, officer };
}

function budgetWeight(step: ProcessStep | undefined): number {
  if (!step) return 1;
  return ruleToWorkingMinutes(step.budget) ?? 60;
}

function submittedYear(spec: DossierSpec): number {
  return Number(toLocalDate(new Date(spec.submittedAt)).slice(0, 4));
}
