import crypto from 'node:crypto';
import {
  CLOCK_RUNNING_STATUSES,
  DOSSIER_ACTION_LABELS,
  DOSSIER_STATUS_LABELS,
  DOSSIER_STATUS_SYNC_CODE,
  OPEN_DOSSIER_STATUSES,
  computeDeadline,
  decideTransition,
  explainInEnglish,
  explainInVietnamese,
  extendDeadline,
  formatDossierCode,
  getAvailableActions,
  remainingWorkingMinutes,
  resolveProcedure,
  resumeAfterPause,
  toLocalDate,
  type ActorContext,
  type Channel,
  type CounterIntakeInput,
  type DeadlineResult,
  type DossierAction,
  type DossierActionInput,
  type DossierSnapshot,
  type DossierStatus,
  type OfficerRole,
  type OnlineSubmissionInput,
  type ProcessStep,
  type ResolvedProcedure,
  type WorkingCalendar,
} from '@motcua/domain';
import type { DbTransaction } from '../../db/database.ts';
import { isCounterOutsideTransaction } from '../../db/counters.ts';
import { retryOnConflict } from '../../db/retry.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor, OfficerActor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireAuthenticated, requireOfficer } from '../../shared/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getCalendar } from '../calendar/calendar.service.ts';
import { discardDraftOnSubmit } from '../draft/draft.service.ts';
import { requireOwnFiles } from '../file/file.service.ts';
import {
  childUnits,
  currentSuccessor,
  findUnitByCode,
  nearestOfKind,
  officerHoldsRoleOver,
  requireUnit,
  rolesOfOfficerOverUnits,
} from '../organisation/organisation.service.ts';
import type { UnitView } from '../organisation/organisation.schemas.ts';
import { enqueue } from '../outbox/outbox.service.ts';
import { prepareSignedResult } from '../signature/signature.service.ts';
import { refreshDossierStatistics } from '../statistics/statistics-facts.service.ts';
import { getVersionById, getVersionForIntake, type PinnedVersion } from '../procedure/procedure.service.ts';
import {
  closeOpenObligation,
  closeOpenStep,
  closeOpenSupplement,
  findDossierByCode,
  findPublicLookupRow,
  findDossierByIdempotencyKey,
  findLastAssigneeOfStep,
  findOpenStep,
  findUnitsByIds,
  findVisibleDossierByCode,
  insertComponents,
  insertDossier,
  insertDossierFiles,
  insertExtension,
  insertObligation,
  insertStep,
  insertSupplement,
  insertTransition,
  isDossierVisible,
  listComponents,
  listDossierFiles,
  listExtensions,
  listObligations,
  listProcedureNames,
  countQueueByDue,
  listQueue,
  listSteps,
  listSupplements,
  listTransitions,
  lockDossier,
  markComponentsProvided,
  nextCodeSequence,
  setDossierCode,
  unitsCoveredByOfficer,
  updateDossierVersioned,
  updateOpenStep,
  type ComponentRow,
  type DossierRow,
  type Viewer,
} from './dossier.repository.ts';
import { findRatingView, isLookupSecretMatch, isRateableStatus } from './dossier-rating.service.ts';
import type {
  BulkActionInput,
  BulkActionItemResult,
  BulkActionResult,
  DossierDetail,
  DossierSummary,
  PublicDossierView,
  QueueQuery,
  QueueCountsQuery,
} from './dossier.schemas.ts';

/**
 * The dossier lifecycle. Every state change goes through `applyTransition`: one function that
 * decides with the domain transition table, then — in one transaction, under a row lock and a
 * version check — updates the dossier, appends the history row, writes the audit entry and
 * enqueues the outbox message.
 *
 * Reads that other modules answer (catalog, calendar, organisation, files) happen before the
 * transaction: the version check under the lock guarantees they were made on the same state.
 */

interface RequestMeta {
  requestId?: string | undefined;
}

const SECRET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newLookupSecret(): string {
  let out = '';
  for (let i = 0; i < 6; i++) out += SECRET_ALPHABET[crypto.randomInt(SECRET_ALPHABET.length)];
  return out;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function requestHash(value: unknown): string {
  return crypto.createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function viewerOf(actor: Actor, now: Date): Viewer | null {
  switch (actor.type) {
    case 'officer':
      return { type: 'officer', id: actor.id, now };
    case 'citizen':
      return { type: 'citizen', id: actor.id };
    case 'system':
      return { type: 'system' };
    case 'anonymous':
      return null;
  }
}

function notFound(code: string): AppError {
  return new AppError('DOSSIER_NOT_FOUND', `Dossier ${code} not found`);
}

function asDeadline(value: unknown): DeadlineResult | null {
  return value ? (value as DeadlineResult) : null;
}

function unwrapResolved(r: ReturnType<typeof resolveProcedure>): ResolvedProcedure {
  if ('error' in r) {
    throw r.error === 'VARIANT_NOT_FOUND'
      ? new AppError('VARIANT_NOT_FOUND', 'This procedure has no such variant (trường hợp)')
      : new AppError('CHANNEL_NOT_OFFERED', 'This procedure is not offered on this channel');
  }
  return r;
}

/* ------------------------------------------------------------------ intake */

interface Routing {
  receivingUnit: UnitView;
  competentUnit: UnitView;
}

async function resolveCompetentUnit(
  ctx: AppContext,
  version: PinnedVersion,
  receivingUnit: UnitView | null,
  competentUnitId: string | undefined,
): Promise<UnitView> {
  const content = version.content;
  if (content.level !== 'commune') {
    if (!content.competentAgencyCode)
      throw new AppError('STEP_UNIT_UNRESOLVED', 'The procedure has no competent agency');
    const unit = await findUnitByCode(ctx, content.competentAgencyCode);
    if (!unit)
      throw new AppError(
        'STEP_UNIT_UNRESOLVED',
        `Competent agency ${content.competentAgencyCode} does not exist`,
      );
    return currentSuccessor(ctx, unit);
  }
  if (competentUnitId) {
    const unit = await requireUnit(ctx, competentUnitId);
    if (unit.kind !== 'commune')
      throw new AppError('VALIDATION_FAILED', 'The competent unit of a commune procedure must be a commune');
    return currentSuccessor(ctx, unit);
  }
  if (receivingUnit) {
    const commune = await nearestOfKind(ctx, receivingUnit.id, 'commune');
    if (commune) return currentSuccessor(ctx, commune);
  }
  throw new AppError('VALIDATION_FAILED', 'Choose the commune (competentUnitId) for this commune procedure');
}

/** Default one-stop section for an online dossier: the commune's section, or the province centre. */
async function defaultReceivingUnit(ctx: AppContext, competent: UnitView): Promise<UnitView> {
  if (competent.kind === 'commune') {
    const sections = await childUnits(ctx, competent.id, 'one_stop_section');
    return sections[0] ?? competent;
  }
  const province = await nearestOfKind(ctx, competent.id, 'province');
  if (province) {
    const sections = await childUnits(ctx, province.id, 'one_stop_section');
    if (sections[0]) return sections[0];
  }
  return competent;
}

function checkComponents(
  resolved: ResolvedProcedure,
  components: CounterIntakeInput['components'],
  channel: 'counter' | 'postal' | 'online' | 'chat',
  outcome: IntakeOutcome | undefined,
): void {
  const known = new Map(resolved.components.map((c) => [c.code, c]));
  const referenced = [
    ...components.map((c) => c.code),
    ...(outcome?.action === 'request_supplement'
      ? outcome.items.flatMap((i) => (i.componentCode ? [i.componentCode] : []))
      : []),
  ];
  for (const code of referenced) {
    if (!known.has(code))
      throw new AppError('COMPONENT_UNKNOWN', `Component ${code} is not part of this procedure`, {
        componentCode: code,
      });
  }
  // Guidance (T3) and refusal (T4) are exactly for dossiers that are not complete.
  if (outcome) return;
  const given = new Map(components.map((c) => [c.code, c]));
  const missing = resolved.components.filter((c) => {
    if (!c.isRequired) return false;
    const g = given.get(c.code);
    if (!g) return true;
    if (channel === 'online' || channel === 'chat') {
      if (c.isPresentOnly) return false;
      return !(g.isReused || g.fileIds.length > 0);
    }
    return !(g.isProvided || g.isReused);
  });
  if (missing.length > 0) {
    throw new AppError(
      'REQUIRED_COMPONENT_MISSING',
      `Required components are missing: ${missing.map((m) => m.name).join('; ')}`,
      {
        components: missing.map((m) => ({ code: m.code, name: m.name })),
      },
    );
  }
}

async function resolveStepUnit(
  ctx: AppContext,
  step: ProcessStep,
  d: { receivingUnitId: string; competentUnitId: string },
): Promise<UnitView> {
  switch (step.unit.kind) {
    case 'receiving_unit':
      return requireUnit(ctx, d.receivingUnitId);
    case 'competent_agency':
      return requireUnit(ctx, d.competentUnitId);
    case 'fixed': {
      const unit = await findUnitByCode(ctx, step.unit.agencyCode);
      if (!unit)
        throw new AppError(
          'STEP_UNIT_UNRESOLVED',
          `Unit ${step.unit.agencyCode} of step "${step.name}" does not exist`,
        );
      return currentSuccessor(ctx, unit);
    }
  }
}

interface PlannedStepEntry {
  index: number;
  step: ProcessStep;
  unit: UnitView;
  dueAt: Date;
  assigneeId: string | null;
}

async function planStepEntry(
  ctx: AppContext,
  steps: readonly ProcessStep[],
  index: number,
  d: { receivingUnitId: string; competentUnitId: string },
  at: Date,
  assigneeId: string | null,
): Promise<PlannedStepEntry> {
  const step = steps[index];
  if (!step) throw new AppError('STEP_UNIT_UNRESOLVED', `The process has no step ${index + 1}`);
  const unit = await resolveStepUnit(ctx, step, d);
  if (assigneeId && !(await officerHoldsRoleOver(ctx, assigneeId, unit.id, [step.role]))) {
    throw new AppError(
      'ASSIGNEE_INVALID',
      `The assignee does not hold the role ${step.role} in ${unit.name}`,
    );
  }
  const calendar = await getCalendar(ctx, unit.id);
  const due = computeDeadline({ start: at, rule: step.budget, calendar });
  return { index, step, unit, dueAt: new Date(due.dueAt), assigneeId };
}

/**
 * What happens at the counter instead of receipt: written guidance (T3) or refusal (T4). It is the
 * action the dossier, created as submitted, takes in the intake transaction through
 * `planTransition` and `writeTransition`, like any later action.
 */
type IntakeOutcome = Extract<DossierActionInput, { action: 'request_supplement' | 'refuse' }>;

/** Printed as the reason (lý do) of Mẫu 02 when the officer gives no note. */
const DEFAULT_GUIDANCE_REASON =
  'Hồ sơ chưa đầy đủ, chưa hợp lệ theo quy định; đề nghị bổ sung, hoàn thiện các nội dung nêu trên.';

interface IntakeParams {
  channel: 'counter' | 'postal' | 'online' | 'chat';
  input: CounterIntakeInput | OnlineSubmissionInput;
  receivingUnitId: string | undefined;
  idempotencyKey: string | undefined;
  /** Counter only: guidance or refusal instead of receipt. */
  outcome?: IntakeOutcome | undefined;
}

async function intake(
  ctx: AppContext,
  actor: Actor,
  params: IntakeParams,
  meta: RequestMeta,
): Promise<{ dossier: DossierDetail; isReplay: boolean }> {
  const now = ctx.clock();
  const { input, channel, outcome } = params;
  const isCounter = channel === 'counter' || channel === 'postal';
  /** Received at once (T2 at the counter): the legal clock starts now. */
  const isReceived = isCounter && !outcome;
  const scopedKey = params.idempotencyKey
    ? `${actor.type}:${actor.id ?? '-'}:${params.idempotencyKey}`
    : undefined;
  const hash = requestHash({ channel, input });
  if (scopedKey) {
    const existing = await findDossierByIdempotencyKey(ctx.db, scopedKey);
    if (existing) return { dossier: await replayOrConflict(ctx, actor, existing, hash), isReplay: true };
  }

  const version = await getVersionForIntake(ctx, input.procedureCode, now);
  const resolved = unwrapResolved(resolveProcedure(version.content, channel, input.variantCode));
  checkComponents(resolved, input.components, channel, outcome);
  const fileIds = input.components.flatMap((c) => c.fileIds);
  if (fileIds.length > 0) await requireOwnFiles(ctx, actor, fileIds);

  let routing: Routing;
  if (params.receivingUnitId) {
    const receivingUnit = await requireUnit(ctx, params.receivingUnitId);
    if (receivingUnit.validTo)
      throw new AppError('VALIDATION_FAILED', `${receivingUnit.name} no longer receives dossiers`);
    const competentUnit = await resolveCompetentUnit(ctx, version, receivingUnit, input.competentUnitId);
    routing = { receivingUnit, competentUnit };
  } else {
    const competentUnit = await resolveCompetentUnit(ctx, version, null, input.competentUnitId);
    routing = { receivingUnit: await defaultReceivingUnit(ctx, competentUnit), competentUnit };
  }
  // At the counter, the officer's roles over the dossier's units are read once, before the
  // transaction: the receiving-officer check, a counter outcome's decision and the answer's
  // available actions all come from them.
  const counterRoles =
    isCounter && actor.type === 'officer'
      ? await rolesOfOfficerOverUnits(ctx, actor.id, [routing.receivingUnit.id, routing.competentUnit.id])
      : null;
  if (isCounter && !counterRoles?.get(routing.receivingUnit.id)?.has('receiving_officer')) {
    throw new AppError('FORBIDDEN', `You are not a receiving officer of ${routing.receivingUnit.name}`);
  }

  const calendar = await getCalendar(ctx, routing.receivingUnit.id);
  const deadline = isReceived
    ? computeDeadline({ start: now, rule: resolved.processingTime, calendar })
    : null;
  const firstStep = resolved.steps[0];
  const entersReceivingStep = isReceived && firstStep?.role === 'receiving_officer';
  const plannedStep = entersReceivingStep
    ? await planStepEntry(
        ctx,
        resolved.steps,
        0,
        { receivingUnitId: routing.receivingUnit.id, competentUnitId: routing.competentUnit.id },
        now,
        actor.id,
      )
    : null;

  const outcomeActor =
    outcome && counterRoles
      ? actorContextOf(actor, counterRoles, {
          receivingUnitId: routing.receivingUnit.id,
          competentUnitId: routing.competentUnit.id,
          currentUnitId: routing.receivingUnit.id,
          currentStepIndex: null,
          applicantAccountId: null,
        })
      : null;

  const applicant = input.applicant;
  const status: DossierStatus = isReceived ? 'received' : 'submitted';
  const action = isReceived ? 'receive' : 'submit';
  const componentByCode = new Map(input.components.map((c) => [c.code, c]));

  let insertedComponents: ComponentRow[] = [];
  let takenNumber: number | undefined;
  try {
    // Run again from the start if PostgreSQL aborts it as a deadlock victim (db/retry.ts).
    const created = await retryOnConflict(() =>
      ctx.db.transaction().execute(async (trx) => {
        // The day's number is taken last (below), so that a failure of the statements before it
        // does not skip a number (ADR 0016); until then the row has a provisional code no one sees.
        const inserted = await insertDossier(trx, {
          code: `~${crypto.randomUUID()}`,
          procedureVersionId: version.versionId,
          procedureCode: version.procedureCode,
          variantCode: input.variantCode ?? null,
          channel,
          status,
          receivingUnitId: routing.receivingUnit.id,
          competentUnitId: routing.competentUnit.id,
          currentStepIndex: plannedStep ? 0 : null,
          currentUnitId: routing.receivingUnit.id,
          currentAssigneeId: plannedStep?.assigneeId ?? null,
          applicantAccountId: actor.type === 'citizen' ? actor.id : null,
          applicantName: applicant.fullName,
          applicantIdNumber: applicant.idNumber ?? applicant.taxCode ?? null,
          applicant: JSON.stringify(applicant),
          representative: input.representative ? JSON.stringify(input.representative) : null,
          formData: JSON.stringify(input.formData),
          resultDelivery: input.resultDelivery,
          submittedAt: now,
          receivedAt: isReceived ? now : null,
          dueAt: deadline ? new Date(deadline.dueAt) : null,
          originalDueAt: deadline ? new Date(deadline.dueAt) : null,
          deadline: deadline ? JSON.stringify(deadline) : null,
          supplementMode: version.content.supplementMode,
          isObligationTimeExcluded: version.content.isObligationTimeExcluded,
          lookupSecret: newLookupSecret(),
          publicTimeline: JSON.stringify([{ action, at: now.toISOString() }]),
          feeTotal: resolved.feeTotal,
          idempotencyKey: scopedKey ?? null,
          requestHash: scopedKey ? hash : null,
          version: 1,
          createdAt: now,
          updatedAt: now,
        });
        insertedComponents = await insertComponents(
          trx,
          resolved.components.map((c) => {
            const g = componentByCode.get(c.code);
            return {
              dossierId: inserted.id,
              componentCode: c.code,
              name: c.name,
              originalCount: g?.originalCount ?? 0,
              copyCount: g?.copyCount ?? 0,
              isRequired: c.isRequired,
              isProvided: Boolean(g && (g.isProvided || g.isReused || g.fileIds.length > 0)),
              isReused: g?.isReused ?? false,
              note: g?.note ?? null,
            };
          }),
        );
        await insertDossierFiles(
          trx,
          input.components.flatMap((c) =>
            c.fileIds.map((fileId) => ({
              dossierId: inserted.id,
              fileId,
              componentCode: c.code,
              purpose: 'component',
              addedAt: now,
            })),
          ),
        );
        if (plannedStep) {
          await insertStep(trx, {
            dossierId: inserted.id,
            stepIndex: 0,
            stepCode: plannedStep.step.code,
            name: plannedStep.step.name,
            role: plannedStep.step.role,
            unitId: plannedStep.unit.id,
            assigneeId: plannedStep.assigneeId,
            enteredAt: now,
            enteredBy: actor.type === 'officer' ? actor.id : null,
            dueAt: plannedStep.dueAt,
          });
        }
        await insertTransition(trx, {
          dossierId: inserted.id,
          seq: 1,
          action,
          fromStatus: null,
          toStatus: status,
          actorType: actor.type === 'anonymous' ? 'system' : actor.type,
          actorId: actor.id,
          actorName: actor.type === 'anonymous' ? null : actor.name,
          occurredAt: now,
          // With guidance, the note is the reason printed on Mẫu 02 (the next history row).
          reason: 'note' in input && outcome?.action !== 'request_supplement' ? (input.note ?? null) : null,
          stepIndex: plannedStep ? 0 : null,
          details: JSON.stringify({
            channel,
            dueAt: deadline?.dueAt ?? null,
            receivingUnitId: routing.receivingUnit.id,
            competentUnitId: routing.competentUnit.id,
          }),
        });
        // The submitted draft goes with the commit (and stays if the submission fails).
        if (actor.type === 'citizen') await discardDraftOnSubmit(trx, actor, version.procedureCode);
        // A counter outcome (T3 guidance or T4 refusal on the dossier just created) is decided and
        // planned before the number is taken: a refusal by the transition table skips no number.
        let outcomePlan: { input: DossierActionInput; plan: TransitionPlan; actor: OfficerActor } | null =
          null;
        if (outcome && outcomeActor) {
          if (actor.type !== 'officer')
            throw new AppError('FORBIDDEN', 'Counter intake is done by an officer');
          const plan = await decideAndPlan({
            ctx,
            actor,
            row: inserted,
            input: outcome,
            resolved,
            calendar,
            actorContext: outcomeActor,
            now,
          });
          outcomePlan = { input: outcome, plan, actor };
        }
        const day = toLocalDate(now);
        // A rerun after a deadlock uses the number the first run took outside the transaction
        // (it is still unused: that run's code never committed); on PGlite it rolled back.
        if (takenNumber === undefined || !isCounterOutsideTransaction(ctx.db))
          takenNumber = await nextCodeSequence(ctx.db, trx, routing.competentUnit.agencyCode, day);
        const seq = takenNumber;
        const code = formatDossierCode(routing.competentUnit.agencyCode, day, seq);
        const row = await setDossierCode(trx, inserted.id, code);
        await recordAudit(
          trx,
          actor,
          {
            type: 'dossier.created',
            entityType: 'dossier',
            entityId: row.id,
            summary: { code, channel, status, procedureCode: version.procedureCode },
          },
          { at: now, requestId: meta.requestId },
        );
        await enqueue(
          trx,
          [
            {
              topic: 'dossier.created',
              aggregateType: 'dossier',
              aggregateId: row.id,
              payload: {
                dossierId: row.id,
                code,
                status,
                syncStatusCode: DOSSIER_STATUS_SYNC_CODE[status],
                channel,
                procedureCode: version.procedureCode,
                occurredAt: now.toISOString(),
                dueAt: deadline?.dueAt ?? null,
              },
            },
          ],
          now,
        );
        // With an outcome, the statistics are refreshed once, by the transition below. Last: the
        // shared rollup rows it adds to stay locked until commit (ADR 0016).
        if (!outcomePlan) {
          // Just created: no fact row and no completed step to read.
          await refreshDossierStatistics(trx, { dossierId: row.id, calendar, now, isNew: true });
          return row;
        }
        // T3 or T4, written like any action.
        return writeTransition(trx, { ...outcomePlan, row, calendar, now, meta });
      }),
    );
    // Just created: without a counter outcome it has no action rows and no rating yet.
    // What the intake wrote or read is not read again: its components, its units, the officer's
    // roles (while the dossier is still at one of the two units those roles were read over).
    const units = [routing.receivingUnit, routing.competentUnit];
    const isAtKnownUnit = units.some((u) => u.id === created.currentUnitId);
    const known: KnownParts = {
      files: !outcome && fileIds.length === 0,
      actionsAndRating: !outcome,
      components: insertedComponents,
      units: isAtKnownUnit ? units : undefined,
      actorContext: counterRoles && isAtKnownUnit ? actorContextOf(actor, counterRoles, created) : undefined,
    };
    return { dossier: await getDossierDetailByRow(ctx, actor, created, known), isReplay: false };
  } catch (error) {
    const constraint = (error as { constraint?: string }).constraint;
    const message = (error as { message?: string }).message ?? '';
    if (
      scopedKey &&
      (constraint === 'dossier_idempotency_key_uq' || message.includes('dossier_idempotency_key_uq'))
    ) {
      const existing = await findDossierByIdempotencyKey(ctx.db, scopedKey);
      if (existing) return { dossier: await replayOrConflict(ctx, actor, existing, hash), isReplay: true };
    }
    throw error;
  }
}

async function replayOrConflict(
  ctx: AppContext,
  actor: Actor,
  existing: DossierRow,
  hash: string,
): Promise<DossierDetail> {
  if (existing.requestHash !== hash) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used for a different request',
      { code: existing.code },
    );
  }
  return getDossierDetailByRow(ctx, actor, existing);
}

/** T1: online submission by a citizen (or organisation) account. */
export async function submitOnline(
  ctx: AppContext,
  actor: Actor,
  input: OnlineSubmissionInput,
  options: RequestMeta & { idempotencyKey?: string | undefined } = {},
) {
  if (actor.type !== 'citizen')
    throw new AppError('FORBIDDEN', 'Online submission needs a citizen or organisation account');
  return intake(
    ctx,
    actor,
    {
      channel: input.channel,
      input,
      receivingUnitId: input.receivingUnitId,
      idempotencyKey: options.idempotencyKey,
    },
    options,
  );
}

/** T2 at the counter (or by post): the officer checks the components and receives the dossier. */
export async function receiveAtCounter(
  ctx: AppContext,
  actor: Actor,
  input: CounterIntakeInput,
  options: RequestMeta & { idempotencyKey?: string | undefined } = {},
) {
  if (actor.type !== 'officer')
    throw new AppError('FORBIDDEN', 'Counter intake is done by a receiving officer');
  return intake(
    ctx,
    actor,
    {
      channel: input.channel,
      input,
      receivingUnitId: input.receivingUnitId,
      idempotencyKey: options.idempotencyKey,
      outcome: counterOutcome(input),
    },
    options,
  );
}

/** The action a counter decision other than receipt takes on the new dossier (version 1). */
function counterOutcome(input: CounterIntakeInput): IntakeOutcome | undefined {
  switch (input.decision) {
    case 'receive':
      return undefined;
    case 'guide': {
      const note = input.note?.trim();
      return {
        action: 'request_supplement',
        expectedVersion: 1,
        reason: note && note.length > 0 ? note : DEFAULT_GUIDANCE_REASON,
        items: input.items ?? [],
      };
    }
    case 'refuse':
      return { action: 'refuse', expectedVersion: 1, reason: input.reason ?? '' };
  }
}

/**
 * T1 for a dossier pushed by the national public service portal (the 2025 single front door,
 * domain.md §0): an online submission by the system on the applicant's behalf. Idempotent by the
 * portal's id: the same id with the same body returns the same dossier; with another body, 422.
 */
export async function submitFromNationalPortal(
  ctx: AppContext,
  input: OnlineSubmissionInput,
  options: RequestMeta & { externalId: string },
) {
  const portal: Actor = { type: 'system', id: null, name: 'Cổng Dịch vụ công quốc gia' };
  return intake(
    ctx,
    portal,
    {
      channel: 'online',
      input: { ...input, channel: 'online' },
      receivingUnitId: input.receivingUnitId,
      idempotencyKey: `dvcqg:${options.externalId}`,
    },
    options,
  );
}

/** The dossier the national portal pushed under `externalId`, if any (for idempotent pushes). */
export async function findNationalPortalDossier(
  ctx: AppContext,
  externalId: string,
): Promise<{ code: string; status: DossierStatus } | undefined> {
  const row = await findDossierByIdempotencyKey(ctx.db, `system:-:dvcqg:${externalId}`);
  return row ? { code: row.code, status: row.status as DossierStatus } : undefined;
}

/* ------------------------------------------------------------------ transitions */

function snapshotOf(row: DossierRow, steps: readonly ProcessStep[]): DossierSnapshot {
  const stepIndex = row.currentStepIndex;
  const step = stepIndex !== null ? steps[stepIndex] : undefined;
  return {
    status: row.status as DossierStatus,
    statusBeforeWithdrawal: (row.statusBeforeWithdrawal as DossierStatus | null) ?? null,
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
    stepCount: steps.length,
  };
}

type ActorContextRow = Pick<
  DossierRow,
  'receivingUnitId' | 'competentUnitId' | 'currentUnitId' | 'currentStepIndex' | 'applicantAccountId'
>;

async function actorContextFor(ctx: AppContext, actor: Actor, row: ActorContextRow): Promise<ActorContext> {
  if (actor.type !== 'officer') return actorContextOf(actor, new Map(), row);
  const units = [row.receivingUnitId, row.competentUnitId, ...(row.currentUnitId ? [row.currentUnitId] : [])];
  return actorContextOf(actor, await rolesOfOfficerOverUnits(ctx, actor.id, units), row);
}

/** The actor's context on a dossier, from the officer's roles over (at least) its units. */
function actorContextOf(
  actor: Actor,
  byUnit: ReadonlyMap<string, ReadonlySet<OfficerRole>>,
  row: ActorContextRow,
): ActorContext {
  if (actor.type !== 'officer') {
    return {
      type: actor.type === 'citizen' ? 'citizen' : 'system',
      id: actor.id ?? 'system',
      rolesAtReceivingUnit: [],
      rolesAtStepUnit: [],
      rolesAtCompetentAgency: [],
      isOwner: actor.type === 'citizen' && row.applicantAccountId === actor.id,
    };
  }
  const rolesOf = (id: string | null): OfficerRole[] => (id ? [...(byUnit.get(id) ?? [])] : []);
  return {
    type: 'officer',
    id: actor.id,
    rolesAtReceivingUnit: rolesOf(row.receivingUnitId),
    rolesAtStepUnit: row.currentStepIndex !== null ? rolesOf(row.currentUnitId) : [],
    rolesAtCompetentAgency: rolesOf(row.competentUnitId),
    isOwner: false,
  };
}

/** Everything a transition writes besides the dossier patch. */
interface TransitionPlan {
  to: DossierStatus;
  patch: Record<string, unknown>;
  /** Close the open step with this outcome. */
  closeStep?: {
    outcome: 'forwarded' | 'returned' | 'approved' | 'issued' | 'delivered' | 'interrupted';
    note: string | null;
  };
  enterStep?: PlannedStepEntry | null;
  updateOpenStep?: Record<string, unknown>;
  reason: string | null;
  details: Record<string, unknown>;
  write?: (trx: DbTransaction) => Promise<void>;
}

interface PlanInput {
  ctx: AppContext;
  actor: Actor;
  row: DossierRow;
  input: DossierActionInput;
  to: DossierStatus;
  now: Date;
  steps: readonly ProcessStep[];
  resolved: ResolvedProcedure;
  calendar: WorkingCalendar;
}

function stepPatch(entry: PlannedStepEntry | null): Record<string, unknown> {
  if (!entry) return { currentStepIndex: null, currentAssigneeId: null };
  return { currentStepIndex: entry.index, currentUnitId: entry.unit.id, currentAssigneeId: entry.assigneeId };
}

function officerId(actor: Actor): string | null {
  return actor.type === 'officer' ? actor.id : null;
}

/** Resumes the legal clock after a pause: the new deadline, and the paused working minutes. */
function resume(
  p: PlanInput,
  reason: string,
  mode: 'pause' | 'restart',
): { deadline: DeadlineResult | null; pausedMinutes: number | null } {
  const current = asDeadline(p.row.deadline);
  const pausedAt = p.row.pausedAt;
  if (!current || !pausedAt) return { deadline: current, pausedMinutes: null };
  const pausedMinutes = p.calendar.workingMinutesBetween(pausedAt, p.now);
  const deadline = resumeAfterPause({
    current,
    pausedAt,
    resumedAt: p.now,
    mode,
    reason,
    calendar: p.calendar,
  });
  return { deadline, pausedMinutes };
}

async function shiftedOpenStepDue(
  p: PlanInput,
  pausedMinutes: number | null,
  mode: 'pause' | 'restart',
): Promise<Record<string, unknown> | undefined> {
  if (pausedMinutes === null || p.row.currentStepIndex === null) return undefined;
  const open = await findOpenStep(p.ctx.db, p.row.id);
  if (!open) return undefined;
  const step = p.steps[p.row.currentStepIndex];
  const calendar = await getCalendar(p.ctx, open.unitId);
  if (mode === 'restart' && step) {
    return { dueAt: new Date(computeDeadline({ start: p.now, rule: step.budget, calendar }).dueAt) };
  }
  return open.dueAt ? { dueAt: calendar.addWorkingMinutes(open.dueAt, pausedMinutes) } : undefined;
}

async function planTransition(p: PlanInput): Promise<TransitionPlan> {
  const { ctx, actor, row, input, to, now, steps } = p;
  const d = { receivingUnitId: row.receivingUnitId, competentUnitId: row.competentUnitId };
  const current = row.currentStepIndex;
  switch (input.action) {
    case 'accept': {
      const deadline = computeDeadline({ start: now, rule: p.resolved.processingTime, calendar: p.calendar });
      const entry =
        steps[0]?.role === 'receiving_officer'
          ? await planStepEntry(ctx, steps, 0, d, now, officerId(actor))
          : null;
      return {
        to,
        patch: {
          receivedAt: now,
          dueAt: new Date(deadline.dueAt),
          originalDueAt: new Date(deadline.dueAt),
          deadline: JSON.stringify(deadline),
          ...(entry ? stepPatch(entry) : {}),
        },
        enterStep: entry,
        reason: input.note ?? null,
        details: { dueAt: deadline.dueAt },
      };
    }
    case 'refuse':
      return { to, patch: { completedAt: now, currentAssigneeId: null }, reason: input.reason, details: {} };
    case 'transfer': {
      const nextIndex = current === null ? 0 : current + 1;
      const entry = await planStepEntry(ctx, steps, nextIndex, d, now, null);
      return {
        to,
        patch: stepPatch(entry),
        closeStep: current === null ? undefined : { outcome: 'forwarded', note: input.note ?? null },
        enterStep: entry,
        reason: input.note ?? null,
        details: { toUnitId: entry.unit.id, stepIndex: nextIndex },
      };
    }
    case 'assign': {
      if (current === null) throw new AppError('TRANSITION_NOT_ALLOWED', 'No current step');
      const step = steps[current];
      if (
        !step ||
        !row.currentUnitId ||
        !(await officerHoldsRoleOver(ctx, input.assigneeId, row.currentUnitId, [step.role]))
      ) {
        throw new AppError(
          'ASSIGNEE_INVALID',
          `The assignee does not hold the role ${step?.role ?? ''} for this step`,
        );
      }
      return {
        to,
        patch: { currentAssigneeId: input.assigneeId },
        updateOpenStep: { assigneeId: input.assigneeId },
        reason: input.note ?? null,
        details: { assigneeId: input.assigneeId },
      };
    }
    case 'complete_step': {
      if (current === null) throw new AppError('TRANSITION_NOT_ALLOWED', 'No current step');
      const entry = await planStepEntry(ctx, steps, current + 1, d, now, input.assigneeId ?? null);
      return {
        to,
        patch: stepPatch(entry),
        closeStep: { outcome: 'forwarded', note: input.note ?? null },
        enterStep: entry,
        reason: input.note ?? null,
        details: { stepIndex: entry.index, toUnitId: entry.unit.id, assigneeId: entry.assigneeId },
      };
    }
    case 'return_step': {
      if (current === null || current === 0) throw new AppError('TRANSITION_NOT_ALLOWED', 'No previous step');
      const previousAssignee = await findLastAssigneeOfStep(ctx.db, row.id, current - 1);
      const entry = await planStepEntry(ctx, steps, current - 1, d, now, previousAssignee);
      return {
        to,
        patch: stepPatch(entry),
        closeStep: { outcome: 'returned', note: input.reason },
        enterStep: entry,
        reason: input.reason,
        details: { stepIndex: entry.index },
      };
    }
    case 'request_supplement': {
      const isIntake = row.status === 'submitted';
      const respondBy = input.respondWithinDays
        ? new Date(
            computeDeadline({
              start: now,
              rule: { amount: input.respondWithinDays, unit: 'working-days' },
              calendar: p.calendar,
            }).dueAt,
          )
        : null;
      return {
        to,
        patch: isIntake
          ? { intakeSupplementCount: row.intakeSupplementCount + 1 }
          : { supplementCount: row.supplementCount + 1, pausedAt: now },
        reason: input.reason,
        details: {
          phase: isIntake ? 'intake' : 'processing',
          items: input.items,
          respondBy: respondBy?.toISOString() ?? null,
        },
        write: async (trx) => {
          await insertSupplement(trx, {
            dossierId: row.id,
            phase: isIntake ? 'intake' : 'processing',
            requestedAt: now,
            requestedBy: officerId(actor),
            reason: input.reason,
            items: JSON.stringify(input.items),
            respondBy,
          });
        },
      };
    }
    case 'supply': {
      const isIntake = row.receivedAt === null;
      const mode = row.supplementMode as 'pause' | 'restart';
      const { deadline, pausedMinutes } = isIntake
        ? { deadline: null, pausedMinutes: null }
        : resume(p, 'Bổ sung hồ sơ', mode);
      const stepDue = isIntake ? undefined : await shiftedOpenStepDue(p, pausedMinutes, mode);
      const files = input.files;
      if (files.length > 0)
        await requireOwnFiles(
          ctx,
          actor,
          files.map((f) => f.fileId),
        );
      const known = new Set(p.resolved.components.map((c) => c.code));
      const unknown = [...files.map((f) => f.componentCode), ...input.providedComponentCodes].find(
        (c) => c !== undefined && !known.has(c),
      );
      if (unknown)
        throw new AppError('COMPONENT_UNKNOWN', `Component ${unknown} is not part of this procedure`, {
          componentCode: unknown,
        });
      const codes = [
        ...new Set([
          ...files.map((f) => f.componentCode).filter((c): c is string => Boolean(c)),
          ...input.providedComponentCodes,
        ]),
      ];
      return {
        to,
        patch: {
          pausedAt: null,
          ...(deadline ? { dueAt: new Date(deadline.dueAt), deadline: JSON.stringify(deadline) } : {}),
        },
        updateOpenStep: stepDue,
        reason: input.note ?? null,
        details: {
          pausedWorkingMinutes: pausedMinutes,
          dueAt: deadline?.dueAt ?? null,
          mode,
          files: files.length,
          providedComponentCodes: input.providedComponentCodes,
        },
        write: async (trx) => {
          await closeOpenSupplement(trx, row.id, {
            suppliedAt: now,
            byType: actor.type === 'citizen' ? 'citizen' : 'officer',
            byId: actor.id,
            note: input.note ?? null,
            pausedWorkingMinutes: pausedMinutes,
          });
          await insertDossierFiles(
            trx,
            files.map((f) => ({
              dossierId: row.id,
              fileId: f.fileId,
              componentCode: f.componentCode ?? null,
              purpose: 'supplement',
              addedAt: now,
            })),
          );
          await markComponentsProvided(trx, row.id, codes);
        },
      };
    }
    case 'request_obligation':
      return {
        to,
        patch: row.isObligationTimeExcluded ? { pausedAt: now } : {},
        reason: input.description,
        details: { amount: input.amount, isClockPaused: row.isObligationTimeExcluded },
        write: async (trx) => {
          await insertObligation(trx, {
            dossierId: row.id,
            requestedAt: now,
            requestedBy: officerId(actor),
            description: input.description,
            amount: input.amount,
          });
        },
      };
    case 'fulfil_obligation': {
      const { deadline, pausedMinutes } = row.pausedAt
        ? resume(p, 'Thực hiện nghĩa vụ tài chính', 'pause')
        : { deadline: null, pausedMinutes: null };
      const stepDue = await shiftedOpenStepDue(p, pausedMinutes, 'pause');
      return {
        to,
        patch: {
          pausedAt: null,
          ...(deadline ? { dueAt: new Date(deadline.dueAt), deadline: JSON.stringify(deadline) } : {}),
        },
        updateOpenStep: stepDue,
        reason: null,
        details: { paymentReference: input.paymentReference, pausedWorkingMinutes: pausedMinutes },
        write: async (trx) => {
          await closeOpenObligation(trx, row.id, {
            at: now,
            byType: actor.type === 'officer' ? 'officer' : 'system',
            byId: officerId(actor),
            reference: input.paymentReference,
          });
        },
      };
    }
    case 'extend': {
      const newDueAt = new Date(input.newDueAt);
      const currentDue = row.dueAt;
      if (!currentDue || newDueAt.getTime() <= currentDue.getTime()) {
        throw new AppError('INVALID_DUE_DATE', 'The new return date must be after the current due date', {
          dueAt: currentDue?.toISOString() ?? null,
        });
      }
      const deadlineNow = asDeadline(row.deadline);
      const deadline = deadlineNow
        ? extendDeadline({ current: deadlineNow, newDueAt, reason: input.reason })
        : null;
      return {
        to,
        patch: {
          dueAt: newDueAt,
          extensionCount: row.extensionCount + 1,
          ...(deadline ? { deadline: JSON.stringify(deadline) } : {}),
        },
        reason: input.reason,
        details: {
          previousDueAt: currentDue.toISOString(),
          newDueAt: newDueAt.toISOString(),
          letterNumber: input.letterNumber ?? null,
        },
        write: async (trx) => {
          await insertExtension(trx, {
            dossierId: row.id,
            createdAt: now,
            signedBy: officerId(actor) ?? '',
            reason: input.reason,
            previousDueAt: currentDue,
            newDueAt,
            letterNumber: input.letterNumber ?? null,
          });
        },
      };
    }
    case 'request_withdrawal':
      return {
        to,
        patch: { statusBeforeWithdrawal: row.status },
        reason: input.reason,
        details: { previousStatus: row.status },
      };
    case 'confirm_withdrawal':
      return {
        to,
        patch: {
          completedAt: now,
          statusBeforeWithdrawal: null,
          currentAssigneeId: null,
          currentStepIndex: null,
        },
        closeStep: { outcome: 'interrupted', note: input.note ?? null },
        reason: input.note ?? null,
        details: { stoppedOnRequest: true },
      };
    case 'decline_withdrawal':
      return { to, patch: { statusBeforeWithdrawal: null }, reason: input.reason, details: {} };
    case 'stop':
      return {
        to,
        patch: { completedAt: now, pausedAt: null, currentAssigneeId: null, currentStepIndex: null },
        closeStep: { outcome: 'interrupted', note: input.reason },
        reason: input.reason,
        details: { documentNumber: input.documentNumber ?? null },
      };
    case 'approve': {
      const next = current !== null ? steps[current + 1] : undefined;
      const entersNext = next !== undefined && next.role !== 'receiving_officer' && current !== null;
      const entry =
        entersNext && current !== null ? await planStepEntry(ctx, steps, current + 1, d, now, null) : null;
      return {
        to,
        patch: {
          isApproved: true,
          approvedAt: now,
          approvedBy: officerId(actor),
          ...(entry ? stepPatch(entry) : {}),
        },
        closeStep: entry ? { outcome: 'approved', note: input.note ?? null } : undefined,
        enterStep: entry,
        reason: input.note ?? null,
        details: { signedBy: actor.type === 'officer' ? actor.name : null },
      };
    }
    case 'issue_result': {
      if (input.fileId) await requireOwnFiles(ctx, actor, [input.fileId]);
      // ADR 0013: the result is signed here (before the transaction); the signed PDF becomes the
      // result file and the results repository row is written with the transition.
      const signedResult = await prepareSignedResult(ctx, actor, {
        dossier: {
          id: row.id,
          code: row.code,
          applicantName: row.applicantName,
          applicantIdNumber: row.applicantIdNumber,
          applicantAccountId: row.applicantAccountId,
        },
        procedureName: null,
        resultNumber: input.resultNumber,
        summary: input.summary,
        fileId: input.fileId ?? null,
        issuedBy: actor.type === 'officer' ? actor.name : null,
        now,
      });
      const resultFileId = signedResult.resultFileId;
      const returnIndex = steps.findIndex((s, i) => i > (current ?? -1) && s.role === 'receiving_officer');
      const entry = returnIndex >= 0 ? await planStepEntry(ctx, steps, returnIndex, d, now, null) : null;
      const result = {
        number: input.resultNumber,
        summary: input.summary,
        issuedAt: now.toISOString(),
        issuedBy: actor.type === 'officer' ? actor.name : null,
        approvedBy: row.approvedBy,
        approvedAt: row.approvedAt?.toISOString() ?? null,
        fileId: resultFileId,
        originalFileId: input.fileId ?? null,
        signingMode: signedResult.signingMode,
      };
      return {
        to,
        patch: {
          result: JSON.stringify(result),
          completedAt: now,
          ...(entry
            ? stepPatch(entry)
            : { currentStepIndex: null, currentAssigneeId: null, currentUnitId: row.receivingUnitId }),
        },
        closeStep: { outcome: 'issued', note: null },
        enterStep: entry,
        reason: null,
        details: { resultNumber: input.resultNumber },
        write: async (trx) => {
          await signedResult.write(trx);
          if (resultFileId)
            await insertDossierFiles(trx, [
              {
                dossierId: row.id,
                fileId: resultFileId,
                componentCode: null,
                purpose: 'result',
                addedAt: now,
              },
            ]);
        },
      };
    }
    case 'return_result':
      return {
        to,
        patch: {
          returnedAt: now,
          returnMethod: input.method,
          currentStepIndex: null,
          currentAssigneeId: null,
        },
        closeStep: { outcome: 'delivered', note: null },
        reason: null,
        details: {
          method: input.method,
          receiverName: input.receiverName,
          waybillNumber: input.waybillNumber ?? null,
        },
      };
  }
}

function transitionRefusal(
  row: DossierRow,
  allowed: DossierAction[],
  code: string,
  message: string,
): AppError {
  const isRole = code === 'ROLE_NOT_ALLOWED' || code === 'NOT_ASSIGNEE';
  return new AppError(isRole ? 'FORBIDDEN' : 'TRANSITION_NOT_ALLOWED', message, {
    reason: code,
    currentStatus: row.status,
    currentVersion: row.version,
    allowedActions: allowed,
  });
}

/**
 * Decides an action with the domain table and plans its effects. The reads of other modules
 * (units, calendars) happen here, so callers run it before their transaction; at intake the
 * outcomes (refuse, request_supplement) plan without reading.
 */
async function decideAndPlan(args: {
  ctx: AppContext;
  actor: Actor;
  row: DossierRow;
  input: DossierActionInput;
  resolved: ResolvedProcedure;
  calendar: WorkingCalendar;
  actorContext: ActorContext;
  now: Date;
}): Promise<TransitionPlan> {
  const { ctx, actor, row, input, resolved, calendar, actorContext, now } = args;
  const steps = resolved.steps;
  const snapshot = snapshotOf(row, steps);
  const decision = decideTransition({
    dossier: snapshot,
    actor: actorContext,
    action: input.action,
    now,
    calendar,
  });
  if (!decision.isAllowed) {
    const allowed = getAvailableActions({ dossier: snapshot, actor: actorContext, now, calendar });
    throw transitionRefusal(row, allowed, decision.code, decision.message);
  }
  return planTransition({ ctx, actor, row, input, to: decision.to, now, steps, resolved, calendar });
}

/**
 * Writes one planned transition inside the caller's transaction: row lock and version check,
 * projection update (`version + 1`), step rows, action rows, history row, statistics, audit entry
 * and outbox message. Returns the updated dossier row.
 */
async function writeTransition(
  trx: DbTransaction,
  args: {
    actor: Exclude<Actor, { type: 'anonymous' }>;
    row: DossierRow;
    input: DossierActionInput;
    plan: TransitionPlan;
    calendar: WorkingCalendar;
    now: Date;
    meta: RequestMeta;
  },
): Promise<DossierRow> {
  const { actor, row, input, plan, calendar, now, meta } = args;
  const locked = await lockDossier(trx, row.id);
  if (!locked || locked.version !== input.expectedVersion) {
    throw new AppError('VERSION_CONFLICT', 'Another action on this dossier was saved first', {
      currentStatus: locked?.status ?? row.status,
      currentVersion: locked?.version ?? row.version,
    });
  }
  const newVersion = input.expectedVersion + 1;
  const updated = await updateDossierVersioned(
    trx,
    row.id,
    input.expectedVersion,
    { ...plan.patch, status: plan.to, updatedAt: now },
    { action: input.action, at: now.toISOString() },
  );
  if (!updated) throw new AppError('VERSION_CONFLICT', 'Another action on this dossier was saved first');
  if (plan.closeStep)
    await closeOpenStep(trx, row.id, {
      at: now,
      by: officerId(actor),
      outcome: plan.closeStep.outcome,
      note: plan.closeStep.note,
    });
  if (plan.updateOpenStep) await updateOpenStep(trx, row.id, plan.updateOpenStep);
  if (plan.enterStep) {
    await insertStep(trx, {
      dossierId: row.id,
      stepIndex: plan.enterStep.index,
      stepCode: plan.enterStep.step.code,
      name: plan.enterStep.step.name,
      role: plan.enterStep.step.role,
      unitId: plan.enterStep.unit.id,
      assigneeId: plan.enterStep.assigneeId,
      enteredAt: now,
      enteredBy: officerId(actor),
      dueAt: plan.enterStep.dueAt,
    });
  }
  if (plan.write) await plan.write(trx);
  await insertTransition(trx, {
    dossierId: row.id,
    seq: newVersion,
    action: input.action,
    fromStatus: row.status,
    toStatus: plan.to,
    actorType: actor.type,
    actorId: actor.id,
    actorName: actor.name,
    occurredAt: now,
    reason: plan.reason,
    stepIndex: plan.enterStep ? plan.enterStep.index : (updated.currentStepIndex ?? null),
    details: JSON.stringify(plan.details),
  });
  await recordAudit(
    trx,
    actor,
    {
      type: 'dossier.transitioned',
      entityType: 'dossier',
      entityId: row.id,
      summary: { code: row.code, action: input.action, from: row.status, to: plan.to, version: newVersion },
    },
    { at: now, requestId: meta.requestId },
  );
  await enqueue(
    trx,
    [
      {
        topic: 'dossier.status_changed',
        aggregateType: 'dossier',
        aggregateId: row.id,
        payload: {
          dossierId: row.id,
          code: row.code,
          action: input.action,
          fromStatus: row.status,
          toStatus: plan.to,
          syncStatusCode: DOSSIER_STATUS_SYNC_CODE[plan.to],
          version: newVersion,
          occurredAt: now.toISOString(),
          dueAt: updated.dueAt?.toISOString() ?? null,
        },
      },
    ],
    now,
  );
  // Last: the shared rollup rows it adds to stay locked until commit (ADR 0016).
  await refreshDossierStatistics(trx, { dossierId: row.id, calendar, now });
  return updated;
}

/**
 * The one transition function: every state change of a dossier after its creation goes through
 * here (`decideAndPlan`, then `writeTransition` in one transaction). Counter guidance and refusal
 * use the same two functions inside the intake transaction.
 */
export async function applyTransition(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: DossierActionInput,
  meta: RequestMeta = {},
): Promise<DossierDetail> {
  requireAuthenticated(actor);
  const now = ctx.clock();
  const viewer = viewerOf(actor, now);
  if (!viewer) throw notFound(code);
  const row = await findVisibleDossierByCode(ctx.db, code, viewer);
  if (!row) throw notFound(code);

  const version = await getVersionById(ctx, row.procedureVersionId);
  const resolved = unwrapResolved(resolveProcedure(version.content, row.channel as Channel, row.variantCode));
  const calendar = await getCalendar(ctx, row.receivingUnitId);
  const actorContext = await actorContextFor(ctx, actor, row);

  if (row.version !== input.expectedVersion) {
    const allowed = getAvailableActions({
      dossier: snapshotOf(row, resolved.steps),
      actor: actorContext,
      now,
      calendar,
    });
    throw new AppError('VERSION_CONFLICT', 'The dossier changed since you loaded it', {
      currentStatus: row.status,
      currentVersion: row.version,
      allowedActions: allowed,
    });
  }
  const plan = await decideAndPlan({ ctx, actor, row, input, resolved, calendar, actorContext, now });
  await retryOnConflict(() =>
    ctx.db
      .transaction()
      .execute((trx) => writeTransition(trx, { actor, row, input, plan, calendar, now, meta })),
  );
  const fresh = await findDossierByCode(ctx.db, code);
  if (!fresh) throw notFound(code);
  return getDossierDetailByRow(ctx, actor, fresh);
}

/**
 * One action on many dossiers (the work queue's "assign selected"). Each item goes through
 * `applyTransition` in its own transaction with the same rules as the single action, so one
 * refused item does not stop the others; results come back in the order of the items.
 */
export async function applyBulkAction(
  ctx: AppContext,
  actor: Actor,
  input: BulkActionInput,
  meta: RequestMeta = {},
): Promise<BulkActionResult> {
  requireOfficer(actor);
  const results: BulkActionItemResult[] = [];
  for (const item of input.items) {
    try {
      const d = await applyTransition(
        ctx,
        actor,
        item.code,
        { action: input.action, assigneeId: input.assigneeId, expectedVersion: item.expectedVersion },
        meta,
      );
      results.push({ code: item.code, ok: true, version: d.version, status: d.status });
    } catch (error) {
      if (error instanceof AppError) {
        results.push({ code: item.code, ok: false, error: { code: error.code, message: error.message } });
      } else {
        ctx.logger.error({ err: error, code: item.code }, 'bulk action item failed');
        results.push({ code: item.code, ok: false, error: { code: 'INTERNAL', message: 'Internal error' } });
      }
    }
  }
  return { results };
}

/* ------------------------------------------------------------------ reads */

function timeliness(completedAt: Date | null, dueAt: Date | null): 'early' | 'on_time' | 'late' | null {
  if (!completedAt || !dueAt) return null;
  if (completedAt.getTime() > dueAt.getTime()) return 'late';
  return toLocalDate(completedAt) < toLocalDate(dueAt) ? 'early' : 'on_time';
}

function deadlineView(value: unknown) {
  const d = asDeadline(value);
  if (!d) return null;
  return {
    rule: d.rule as unknown as Record<string, unknown>,
    startedAt: d.startedAt,
    dueAt: d.dueAt,
    totalWorkingMinutes: d.totalWorkingMinutes,
    calendarVersion: d.calendarVersion,
    items: d.items as unknown as Record<string, unknown>[],
    text: { vi: explainInVietnamese(d), en: explainInEnglish(d) },
  };
}

/**
 * What the caller already knows of a dossier, so it is not read again: for a dossier it has just
 * created, that it has no action rows and no rating (and no files when none were attached), and
 * the rows it wrote or read.
 */
interface KnownParts {
  files: boolean;
  actionsAndRating: boolean;
  components?: ComponentRow[] | undefined;
  /** Every unit the dossier refers to (receiving, competent, current). */
  units?: Pick<UnitView, 'id' | 'name' | 'agencyCode' | 'kind' | 'address' | 'phone'>[] | undefined;
  actorContext?: ActorContext | undefined;
}

async function getDossierDetailByRow(
  ctx: AppContext,
  actor: Actor,
  row: DossierRow,
  known: KnownParts = { files: false, actionsAndRating: false },
): Promise<DossierDetail> {
  const now = ctx.clock();
  const version = await getVersionById(ctx, row.procedureVersionId);
  const resolved = unwrapResolved(resolveProcedure(version.content, row.channel as Channel, row.variantCode));
  const none = known.actionsAndRating;
  const [components, files, steps, transitions, supplements, obligations, extensions, units, rating] =
    await Promise.all([
      known.components ?? listComponents(ctx.db, row.id),
      known.files ? [] : listDossierFiles(ctx.db, row.id),
      listSteps(ctx.db, row.id),
      listTransitions(ctx.db, row.id),
      none ? [] : listSupplements(ctx.db, row.id),
      none ? [] : listObligations(ctx.db, row.id),
      none ? [] : listExtensions(ctx.db, row.id),
      known.units ??
        findUnitsByIds(ctx.db, [
          row.receivingUnitId,
          row.competentUnitId,
          ...(row.currentUnitId ? [row.currentUnitId] : []),
        ]),
      none ? null : findRatingView(ctx, row.id),
    ]);
  const unitRef = (id: string | null) => {
    const u = units.find((x) => x.id === id);
    return u ? { id: u.id, name: u.name, agencyCode: u.agencyCode } : null;
  };
  const isCitizen = actor.type === 'citizen';
  const calendar = await getCalendar(ctx, row.receivingUnitId);
  const actorContext = known.actorContext ?? (await actorContextFor(ctx, actor, row));
  const availableActions = getAvailableActions({
    dossier: snapshotOf(row, resolved.steps),
    actor: actorContext,
    now,
    calendar,
  });
  const stepViews = steps.map((s) => ({
    stepIndex: s.stepIndex,
    code: s.stepCode,
    name: s.name,
    role: s.role as OfficerRole,
    unit: { id: s.unitId, name: s.unitName },
    assignee: s.assigneeId && !isCitizen ? { id: s.assigneeId, fullName: s.assigneeName ?? '' } : null,
    enteredAt: s.enteredAt.toISOString(),
    enteredByName: isCitizen ? null : s.enteredByName,
    dueAt: s.dueAt?.toISOString() ?? null,
    completedAt: s.completedAt?.toISOString() ?? null,
    completedByName: isCitizen ? null : s.completedByName,
    outcome: s.outcome,
    note: isCitizen ? null : s.note,
    timeliness: timeliness(s.completedAt, s.dueAt),
  }));
  const openStep = stepViews.find((s) => s.completedAt === null) ?? null;
  const receivingRef = unitRef(row.receivingUnitId);
  const competentRef = unitRef(row.competentUnitId);
  if (!receivingRef || !competentRef) throw new Error(`Units of dossier ${row.code} are missing`);
  const variant = row.variantCode
    ? version.content.variants.find((v) => v.code === row.variantCode)
    : undefined;
  // The system actor (the worker sending the receipt by e-mail) sees it too.
  const canSeeSecret =
    isCitizen || actor.type === 'system' || actorContext.rolesAtReceivingUnit.includes('receiving_officer');
  const internalActions = new Set(['assign', 'complete_step', 'return_step', 'approve']);
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    status: row.status as DossierStatus,
    statusLabel: DOSSIER_STATUS_LABELS[row.status as DossierStatus],
    sla: slaOf(row, now, calendar),
    syncStatusCode: DOSSIER_STATUS_SYNC_CODE[row.status as DossierStatus],
    channel: row.channel,
    procedure: {
      code: row.procedureCode,
      name: version.content.name,
      versionNo: version.versionNo,
      versionId: version.versionId,
      variantCode: row.variantCode,
      variantName: variant?.name ?? null,
    },
    receivingUnit: receivingRef,
    competentUnit: competentRef,
    currentUnit: unitRef(row.currentUnitId),
    currentStep: openStep,
    applicant: row.applicant as Record<string, unknown>,
    representative: (row.representative as Record<string, unknown> | null) ?? null,
    formData: (row.formData as Record<string, unknown>) ?? {},
    resultDelivery: row.resultDelivery,
    submittedAt: row.submittedAt.toISOString(),
    receivedAt: row.receivedAt?.toISOString() ?? null,
    dueAt: row.dueAt?.toISOString() ?? null,
    originalDueAt: row.originalDueAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    returnedAt: row.returnedAt?.toISOString() ?? null,
    returnMethod: row.returnMethod,
    isClockPaused: row.pausedAt !== null,
    pausedAt: row.pausedAt?.toISOString() ?? null,
    deadline: deadlineView(row.deadline),
    supplementCount: row.supplementCount,
    extensionCount: row.extensionCount,
    isApproved: row.isApproved,
    result: (row.result as Record<string, unknown> | null) ?? null,
    feeTotal: row.feeTotal,
    lookupSecret: canSeeSecret ? row.lookupSecret : null,
    components: components.map((c) => ({
      code: c.componentCode,
      name: c.name,
      originalCount: c.originalCount,
      copyCount: c.copyCount,
      isRequired: c.isRequired,
      isProvided: c.isProvided,
      isReused: c.isReused,
      note: c.note,
      files: files
        .filter((f) => f.componentCode === c.componentCode)
        .map((f) => ({
          id: f.fileId,
          originalName: f.originalName,
          contentType: f.contentType,
          sizeBytes: f.sizeBytes,
          purpose: f.purpose,
        })),
    })),
    otherFiles: files
      .filter((f) => f.componentCode === null && f.purpose !== 'result')
      .map((f) => ({
        id: f.fileId,
        originalName: f.originalName,
        contentType: f.contentType,
        sizeBytes: f.sizeBytes,
        purpose: f.purpose,
      })),
    supplements: supplements.map((s) => ({
      phase: s.phase,
      requestedAt: s.requestedAt.toISOString(),
      reason: s.reason,
      items: (s.items as Record<string, unknown>[]) ?? [],
      respondBy: s.respondBy?.toISOString() ?? null,
      suppliedAt: s.suppliedAt?.toISOString() ?? null,
      responseNote: s.responseNote,
      pausedWorkingMinutes: s.pausedWorkingMinutes,
    })),
    obligations: obligations.map((o) => ({
      requestedAt: o.requestedAt.toISOString(),
      description: o.description,
      amount: o.amount,
      fulfilledAt: o.fulfilledAt?.toISOString() ?? null,
      paymentReference: o.paymentReference,
    })),
    extensions: extensions.map((e) => ({
      createdAt: e.createdAt.toISOString(),
      reason: e.reason,
      previousDueAt: e.previousDueAt.toISOString(),
      newDueAt: e.newDueAt.toISOString(),
      signerName: e.signerName,
      letterNumber: e.letterNumber,
    })),
    steps: stepViews,
    history: transitions.map((t) => ({
      seq: t.seq,
      action: t.action,
      actionLabel:
        t.action === 'submit'
          ? { vi: 'Nộp hồ sơ', en: 'Submitted' }
          : t.action === 'receive'
            ? { vi: 'Tiếp nhận hồ sơ', en: 'Received' }
            : DOSSIER_ACTION_LABELS[t.action as DossierAction],
      fromStatus: (t.fromStatus as DossierStatus | null) ?? null,
      toStatus: t.toStatus as DossierStatus,
      actorType: t.actorType,
      actorName: isCitizen && t.actorType === 'officer' ? null : t.actorName,
      occurredAt: t.occurredAt.toISOString(),
      reason: isCitizen && internalActions.has(t.action) ? null : t.reason,
      details: isCitizen ? {} : ((t.details as Record<string, unknown>) ?? {}),
    })),
    availableActions,
    rating,
  };
}

export async function getDossier(ctx: AppContext, actor: Actor, code: string): Promise<DossierDetail> {
  requireAuthenticated(actor);
  const viewer = viewerOf(actor, ctx.clock());
  if (!viewer) throw notFound(code);
  const row = await findVisibleDossierByCode(ctx.db, code, viewer);
  if (!row) throw notFound(code);
  return getDossierDetailByRow(ctx, actor, row);
}

export async function canActorSeeDossierId(
  ctx: AppContext,
  actor: Actor,
  dossierId: string,
): Promise<boolean> {
  const viewer = viewerOf(actor, ctx.clock());
  return viewer ? isDossierVisible(ctx.db, dossierId, viewer) : false;
}

/** SLA colour of a queue row: overdue, due within one working day, on track, paused, done. */
function slaOf(row: DossierRow, now: Date, calendar: WorkingCalendar): DossierSummary['sla'] {
  if (['returned', 'refused', 'stopped', 'result_ready'].includes(row.status)) return 'done';
  if (row.pausedAt) return 'paused';
  if (!row.dueAt) return 'not_started';
  const remaining = remainingWorkingMinutes(now, row.dueAt, calendar);
  if (remaining < 0) return 'overdue';
  return remaining <= 8 * 60 ? 'due_soon' : 'on_track';
}

/** What a queue scope means for this actor: units covered, assignee, or the citizen's own account. */
async function resolveQueueScope(ctx: AppContext, actor: Actor, scope: QueueQuery['scope'], now: Date) {
  let unitIds: string[] | undefined;
  let assigneeId: string | undefined;
  let applicantAccountId: string | undefined;
  let visibleUnitIds: string[] | undefined;
  if (actor.type === 'citizen' || scope === 'mine') {
    if (actor.type !== 'citizen') throw new AppError('FORBIDDEN', 'The "mine" scope is for citizen accounts');
    applicantAccountId = actor.id;
  } else if (actor.type === 'officer') {
    if (scope === 'my_units') unitIds = await unitsCoveredByOfficer(ctx.db, actor.id, null, now);
    if (scope === 'assigned_to_me') assigneeId = actor.id;
    if (scope === 'all_visible') visibleUnitIds = await unitsCoveredByOfficer(ctx.db, actor.id, null, now);
  }
  return { unitIds, assigneeId, applicantAccountId, visibleUnitIds };
}

/**
 * The queue's totals by deadline for a scope, in one query: open (not finished), and of those
 * whose clock runs, overdue / due within one working day / on track. Each equals the `total` of
 * `GET /api/dossiers` with the same scope and `status` = open, or `due` = that value.
 */
export async function countDossiersByDue(ctx: AppContext, actor: Actor, query: QueueCountsQuery) {
  requireAuthenticated(actor);
  const now = ctx.clock();
  const viewer = viewerOf(actor, now);
  if (!viewer) throw new AppError('UNAUTHENTICATED', 'Please log in');
  const calendar = await getCalendar(ctx);
  const scope = await resolveQueueScope(ctx, actor, query.scope, now);
  return countQueueByDue(
    ctx.db,
    {
      viewer,
      ...scope,
      isVisibilityImpliedByUnits: query.scope === 'my_units' && actor.type === 'officer',
      statuses: [...OPEN_DOSSIER_STATUSES],
    },
    { runningStatuses: CLOCK_RUNNING_STATUSES, now, dueSoonBefore: calendar.addWorkingMinutes(now, 8 * 60) },
  );
}

export async function listDossiers(ctx: AppContext, actor: Actor, query: QueueQuery) {
  requireAuthenticated(actor);
  const now = ctx.clock();
  const viewer = viewerOf(actor, now);
  if (!viewer) throw new AppError('UNAUTHENTICATED', 'Please log in');
  const calendar = await getCalendar(ctx);
  const { unitIds, assigneeId, applicantAccountId, visibleUnitIds } = await resolveQueueScope(
    ctx,
    actor,
    query.scope,
    now,
  );
  let dueBefore: Date | undefined;
  let dueAfter: Date | undefined;
  const oneWorkingDayAhead = calendar.addWorkingMinutes(now, 8 * 60);
  if (query.due === 'overdue') dueBefore = now;
  if (query.due === 'due_soon') {
    dueAfter = now;
    dueBefore = oneWorkingDayAhead;
  }
  if (query.due === 'on_track') dueAfter = oneWorkingDayAhead;
  const statuses = query.status ?? (query.due ? [...CLOCK_RUNNING_STATUSES] : undefined);
  const { rows, total } = await listQueue(ctx.db, {
    viewer,
    unitIds,
    isVisibilityImpliedByUnits: query.scope === 'my_units' && actor.type === 'officer',
    visibleUnitIds,
    assigneeId,
    applicantAccountId,
    statuses,
    procedureCode: query.procedureCode,
    channel: query.channel,
    dueBefore,
    dueAfter,
    submittedFrom: query.submittedFrom ? new Date(query.submittedFrom) : undefined,
    submittedTo: query.submittedTo ? new Date(query.submittedTo) : undefined,
    q: query.q,
    sort: query.sort,
    limit: query.limit,
    offset: query.offset,
  });
  const names = await listProcedureNames(ctx.db, [...new Set(rows.map((r) => r.procedureVersionId))]);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      version: r.version,
      status: r.status as DossierStatus,
      statusLabel: DOSSIER_STATUS_LABELS[r.status as DossierStatus],
      channel: r.channel,
      procedureCode: r.procedureCode,
      procedureName: nameOf.get(r.procedureVersionId) ?? r.procedureCode,
      applicantName: r.applicantName,
      submittedAt: r.submittedAt.toISOString(),
      receivedAt: r.receivedAt?.toISOString() ?? null,
      dueAt: r.dueAt?.toISOString() ?? null,
      currentUnitId: r.currentUnitId,
      currentAssigneeId: r.currentAssigneeId,
      sla: slaOf(r, now, calendar),
    })),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => `${p[0]?.toUpperCase() ?? ''}.`)
    .join(' ');
}

/**
 * Public lookup by code and the secret printed on the receipt. A wrong code and a wrong secret
 * give the same answer, so the lookup does not reveal which codes exist.
 */
/** History actions a citizen sees on the public timeline (assignments and internal steps are not). */
const PUBLIC_TIMELINE_ACTIONS: ReadonlySet<string> = new Set<DossierAction | 'submit' | 'receive'>([
  'submit',
  'receive',
  'accept',
  'refuse',
  'transfer',
  'request_supplement',
  'supply',
  'request_obligation',
  'fulfil_obligation',
  'extend',
  'request_withdrawal',
  'confirm_withdrawal',
  'decline_withdrawal',
  'stop',
  'issue_result',
  'return_result',
]);

export async function lookupPublic(
  ctx: AppContext,
  code: string,
  secret: string,
): Promise<PublicDossierView> {
  const row = await findPublicLookupRow(ctx.db, code);
  const isMatch = isLookupSecretMatch(row, secret);
  if (!row || !isMatch) throw notFound(code);
  const version = await getVersionById(ctx, row.procedureVersionId);
  // Values inside the JSON aggregates come back as text (timestamps in ISO 8601).
  const openSupplement = row.status === 'awaiting_supplement' ? row.openSupplement : null;
  const deadline = asDeadline(row.deadline);
  return {
    code: row.code,
    status: row.status as DossierStatus,
    statusLabel: DOSSIER_STATUS_LABELS[row.status as DossierStatus],
    procedureName: version.content.name,
    procedureCode: row.procedureCode,
    receivingUnit: row.receivingUnitName ?? '',
    currentUnit: row.currentUnitName,
    applicantInitials: initials(row.applicantName),
    submittedAt: row.submittedAt.toISOString(),
    receivedAt: row.receivedAt?.toISOString() ?? null,
    dueAt: row.dueAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    returnedAt: row.returnedAt?.toISOString() ?? null,
    deadlineText: deadline ? { vi: explainInVietnamese(deadline), en: explainInEnglish(deadline) } : null,
    supplementRequest: openSupplement
      ? {
          reason: openSupplement.reason,
          items: ((openSupplement.items as { name: string; reason: string }[] | null) ?? []).map((i) => ({
            name: i.name,
            reason: i.reason,
          })),
        }
      : null,
    timeline: row.transitions
      .filter((t) => PUBLIC_TIMELINE_ACTIONS.has(t.action))
      .map((t) => ({
        at: new Date(t.at).toISOString(),
        label:
          t.action === 'submit'
            ? { vi: 'Nộp hồ sơ', en: 'Submitted' }
            : t.action === 'receive'
              ? { vi: 'Tiếp nhận hồ sơ', en: 'Received' }
              : DOSSIER_ACTION_LABELS[t.action as DossierAction],
        unit: null,
      })),
    canRate: row.ratingScore === null && isRateableStatus(row.status),
    rating:
      row.ratingScore !== null && row.ratedAt !== null
        ? { score: row.ratingScore, ratedAt: row.ratedAt.toISOString() }
        : null,
  };
}

/** Data for printed forms (receipt Mẫu 01 …): the dossier as the actor may see it plus the units. */
export async function getDossierForPrint(ctx: AppContext, actor: Actor, code: string) {
  const detail = await getDossier(ctx, actor, code);
  const row = await findDossierByCode(ctx.db, code);
  if (!row) throw notFound(code);
  const units = await findUnitsByIds(ctx.db, [row.receivingUnitId, row.competentUnitId]);
  return {
    detail,
    row,
    receivingUnit: units.find((u) => u.id === row.receivingUnitId),
    competentUnit: units.find((u) => u.id === row.competentUnitId),
  };
}
