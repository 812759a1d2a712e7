import { z } from 'zod';
import type { OfficerRole } from '../organisation/organisation-schemas.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { latestApologyAt } from '../deadline/index.ts';
import type { DossierStatus } from './dossier-status.ts';

/**
 * The dossier workflow as data (conventions §4): which action is possible in which status, who may
 * take it, and the guards. The server re-checks every transition with `decideTransition`; the web
 * app renders buttons from `getAvailableActions`. Transitions T1–T14 refer to domain.md §1.3.
 */
export const DossierAction = z.enum([
  'accept', // T2 submitted → received (online dossier accepted, receipt issued, clock starts)
  'refuse', // T4 submitted → refused (Mẫu 03)
  'transfer', // T5 received → processing (handed to the competent agency's first step)
  'assign', // T6 processing → processing (division head assigns a handler for the current step)
  'complete_step', // T6 processing → processing (forward to the next internal step)
  'return_step', // T6 processing → processing (send back to the previous step for rework)
  'request_supplement', // T3/T7 submitted|processing → awaiting_supplement (Mẫu 02, once)
  'supply', // T8 awaiting_supplement → processing (or submitted before receipt)
  'request_obligation', // T9 processing → awaiting_obligation
  'fulfil_obligation', // T9 awaiting_obligation → processing
  'extend', // T10 apology letter (Mẫu 04) and new due date, once, ≥ 1 working day before due
  'request_withdrawal', // T11 open → withdrawal_requested
  'confirm_withdrawal', // T11 withdrawal_requested → stopped (Thông báo dừng giải quyết hồ sơ)
  'decline_withdrawal', // T11 withdrawal_requested → the previous status (a result was already decided)
  'stop', // T12 processing|awaiting_* → stopped (ineligible; reasoned document)
  'approve', // T6 leader approves and signs the result (processing → processing)
  'issue_result', // T13 processing → result_ready
  'return_result', // T14 result_ready → returned (counter / postal / online)
]);
export type DossierAction = z.infer<typeof DossierAction>;

/** The transition table: actions possible in each status, before role and guard checks. */
export const TRANSITIONS = {
  submitted: ['accept', 'refuse', 'request_supplement', 'request_withdrawal'],
  received: ['transfer', 'request_withdrawal'],
  refused: [],
  processing: [
    'assign',
    'complete_step',
    'return_step',
    'request_supplement',
    'request_obligation',
    'extend',
    'approve',
    'issue_result',
    'stop',
    'request_withdrawal',
  ],
  awaiting_supplement: ['supply', 'stop', 'request_withdrawal'],
  awaiting_obligation: ['fulfil_obligation', 'extend', 'stop', 'request_withdrawal'],
  withdrawal_requested: ['confirm_withdrawal', 'decline_withdrawal'],
  stopped: [],
  result_ready: ['return_result'],
  returned: [],
} as const satisfies Record<DossierStatus, readonly DossierAction[]>;

export const DOSSIER_ACTION_LABELS = {
  accept: { vi: 'Tiếp nhận', en: 'Accept' },
  refuse: { vi: 'Từ chối tiếp nhận', en: 'Refuse' },
  transfer: { vi: 'Chuyển xử lý', en: 'Transfer for processing' },
  assign: { vi: 'Phân công', en: 'Assign' },
  complete_step: { vi: 'Chuyển bước tiếp theo', en: 'Forward to next step' },
  return_step: { vi: 'Trả lại bước trước', en: 'Return to previous step' },
  request_supplement: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Request supplement' },
  supply: { vi: 'Bổ sung hồ sơ', en: 'Supply documents' },
  request_obligation: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Request financial obligation' },
  fulfil_obligation: { vi: 'Xác nhận đã thực hiện nghĩa vụ tài chính', en: 'Confirm obligation fulfilled' },
  extend: { vi: 'Xin lỗi và hẹn lại ngày trả', en: 'Apologise and reschedule' },
  request_withdrawal: { vi: 'Yêu cầu rút hồ sơ', en: 'Request withdrawal' },
  confirm_withdrawal: { vi: 'Dừng giải quyết theo yêu cầu', en: 'Stop at applicant request' },
  decline_withdrawal: { vi: 'Không chấp nhận rút hồ sơ', en: 'Decline withdrawal' },
  stop: { vi: 'Dừng xử lý', en: 'Stop processing' },
  approve: { vi: 'Phê duyệt, ký', en: 'Approve and sign' },
  issue_result: { vi: 'Ban hành kết quả', en: 'Issue result' },
  return_result: { vi: 'Trả kết quả', en: 'Return result' },
} as const satisfies Record<DossierAction, { vi: string; en: string }>;

/** What the workflow needs to know about a dossier to decide a transition. */
export interface DossierSnapshot {
  status: DossierStatus;
  /** Status before a withdrawal request, to go back to when it is declined. */
  statusBeforeWithdrawal?: DossierStatus | null;
  /** Whether the clock has started (received). */
  receivedAt?: Date | null;
  dueAt?: Date | null;
  /** Written guidance requests before receipt (T3 for online dossiers). */
  intakeSupplementCount: number;
  /** Supplement requests during processing (T7): at most one. */
  supplementCount: number;
  /** Reschedules with an apology letter (T10): at most one. */
  extensionCount: number;
  isApproved: boolean;
  /** Internal process position; null before transfer. */
  currentStep: {
    index: number;
    role: OfficerRole;
    assigneeId?: string | null;
  } | null;
  stepCount: number;
}

/** Who acts, and with which roles over the units that matter for this dossier. */
export interface ActorContext {
  type: 'officer' | 'citizen' | 'system';
  id: string;
  /** Roles held over the receiving unit (one-stop section), directly or through an ancestor unit. */
  rolesAtReceivingUnit: readonly OfficerRole[];
  /** Roles held over the unit of the current step. */
  rolesAtStepUnit: readonly OfficerRole[];
  /** Roles held over the competent agency. */
  rolesAtCompetentAgency: readonly OfficerRole[];
  /** The citizen who owns the dossier (applicant account). */
  isOwner: boolean;
}

export type TransitionRefusalCode =
  | 'ACTION_NOT_ALLOWED_IN_STATUS'
  | 'ROLE_NOT_ALLOWED'
  | 'NOT_ASSIGNEE'
  | 'SUPPLEMENT_ALREADY_REQUESTED'
  | 'EXTENSION_ALREADY_USED'
  | 'APOLOGY_TOO_LATE'
  | 'NOT_APPROVED'
  | 'ALREADY_APPROVED'
  | 'NO_NEXT_STEP'
  | 'NO_PREVIOUS_STEP'
  | 'STEP_NEEDS_APPROVAL'
  | 'NOT_AN_APPROVAL_STEP';

export type TransitionDecision =
  { isAllowed: true; to: DossierStatus } | { isAllowed: false; code: TransitionRefusalCode; message: string };

export interface TransitionInput {
  dossier: DossierSnapshot;
  actor: ActorContext;
  action: DossierAction;
  now: Date;
  calendar: WorkingCalendar;
}

function has(roles: readonly OfficerRole[], ...wanted: OfficerRole[]): boolean {
  return wanted.some((r) => roles.includes(r));
}

function refuse(code: TransitionRefusalCode, message: string): TransitionDecision {
  return { isAllowed: false, code, message };
}

const ROLE_REFUSAL = refuse('ROLE_NOT_ALLOWED', 'Your roles do not allow this action on this dossier');

function isStepHandler(dossier: DossierSnapshot, actor: ActorContext): boolean {
  const step = dossier.currentStep;
  if (!step || actor.type !== 'officer') return false;
  if (step.assigneeId) return step.assigneeId === actor.id;
  return actor.rolesAtStepUnit.includes(step.role);
}

/**
 * Decides one transition: status table, then role, then guards. Pure: the caller supplies the
 * snapshot (read under a row lock), the actor's roles and the clock.
 */
export function decideTransition(input: TransitionInput): TransitionDecision {
  const { dossier, actor, action, now, calendar } = input;
  const allowedHere: readonly DossierAction[] = TRANSITIONS[dossier.status];
  if (!allowedHere.includes(action)) {
    return refuse(
      'ACTION_NOT_ALLOWED_IN_STATUS',
      `Action ${action} is not possible in status ${dossier.status}`,
    );
  }
  const isOfficer = actor.type === 'officer';
  const atReceiving = isOfficer ? actor.rolesAtReceivingUnit : [];
  const atStep = isOfficer ? actor.rolesAtStepUnit : [];
  const atAgency = isOfficer ? actor.rolesAtCompetentAgency : [];
  const step = dossier.currentStep;

  switch (action) {
    case 'accept':
      if (!has(atReceiving, 'receiving_officer')) return ROLE_REFUSAL;
      return { isAllowed: true, to: 'received' };
    case 'refuse':
      if (!has(atReceiving, 'receiving_officer')) return ROLE_REFUSAL;
      return { isAllowed: true, to: 'refused' };
    case 'transfer':
      if (!(actor.type === 'system' || has(atReceiving, 'receiving_officer'))) return ROLE_REFUSAL;
      return { isAllowed: true, to: 'processing' };
    case 'assign':
      if (!step) return refuse('NO_NEXT_STEP', 'The dossier has no current step');
      if (!has(atStep, 'division_head', 'leader')) return ROLE_REFUSAL;
      return { isAllowed: true, to: 'processing' };
    case 'complete_step': {
      if (!step) return refuse('NO_NEXT_STEP', 'The dossier has no current step');
      if (!isStepHandler(dossier, actor)) {
        return step.assigneeId && isOfficer
          ? refuse('NOT_ASSIGNEE', 'This step is assigned to another officer')
          : ROLE_REFUSAL;
      }
      if (step.role === 'leader')
        return refuse('STEP_NEEDS_APPROVAL', 'The leader step ends with an approval');
      if (dossier.isApproved)
        return refuse('ALREADY_APPROVED', 'After approval the next action is to issue the result');
      if (step.index + 1 >= dossier.stepCount) return refuse('NO_NEXT_STEP', 'This is the last step');
      return { isAllowed: true, to: 'processing' };
    }
    case 'return_step':
      if (!step) return refuse('NO_PREVIOUS_STEP', 'The dossier has no current step');
      if (!isStepHandler(dossier, actor) && !has(atStep, 'division_head', 'leader')) return ROLE_REFUSAL;
      if (dossier.isApproved)
        return refuse('ALREADY_APPROVED', 'An approved dossier cannot go back for rework');
      if (step.index === 0) return refuse('NO_PREVIOUS_STEP', 'This is the first step');
      return { isAllowed: true, to: 'processing' };
    case 'request_supplement':
      if (dossier.status === 'submitted') {
        if (!has(atReceiving, 'receiving_officer')) return ROLE_REFUSAL;
        if (dossier.intakeSupplementCount > 0) {
          return refuse(
            'SUPPLEMENT_ALREADY_REQUESTED',
            'Written guidance for this dossier was already given once',
          );
        }
        return { isAllowed: true, to: 'awaiting_supplement' };
      }
      if (!has(atStep, 'specialist', 'division_head', 'leader') && !isStepHandler(dossier, actor))
        return ROLE_REFUSAL;
      if (dossier.supplementCount > 0) {
        return refuse(
          'SUPPLEMENT_ALREADY_REQUESTED',
          'A supplement may be requested only once (one-time rule)',
        );
      }
      return { isAllowed: true, to: 'awaiting_supplement' };
    case 'supply':
      if (!(actor.isOwner || has(atReceiving, 'receiving_officer'))) return ROLE_REFUSAL;
      return { isAllowed: true, to: dossier.receivedAt ? 'processing' : 'submitted' };
    case 'request_obligation':
      if (!has(atStep, 'specialist', 'division_head', 'leader') && !isStepHandler(dossier, actor))
        return ROLE_REFUSAL;
      return { isAllowed: true, to: 'awaiting_obligation' };
    case 'fulfil_obligation':
      if (!(actor.type === 'system' || has(atReceiving, 'receiving_officer') || has(atStep, 'specialist'))) {
        return ROLE_REFUSAL;
      }
      return { isAllowed: true, to: 'processing' };
    case 'extend': {
      if (!has(atAgency, 'leader')) return ROLE_REFUSAL;
      if (dossier.extensionCount > 0) {
        return refuse('EXTENSION_ALREADY_USED', 'The due date may be rescheduled only once');
      }
      if (!dossier.dueAt) return refuse('APOLOGY_TOO_LATE', 'The dossier has no due date');
      const latest = latestApologyAt(dossier.dueAt, calendar);
      if (now.getTime() > latest.getTime()) {
        return refuse(
          'APOLOGY_TOO_LATE',
          `The apology letter must be sent at least one working day before the due date (by ${latest.toISOString()})`,
        );
      }
      return { isAllowed: true, to: dossier.status };
    }
    case 'request_withdrawal':
      if (!(actor.isOwner || has(atReceiving, 'receiving_officer'))) return ROLE_REFUSAL;
      return { isAllowed: true, to: 'withdrawal_requested' };
    case 'confirm_withdrawal':
      if (!has(atReceiving, 'receiving_officer')) return ROLE_REFUSAL;
      return { isAllowed: true, to: 'stopped' };
    case 'decline_withdrawal':
      if (!has(atReceiving, 'receiving_officer')) return ROLE_REFUSAL;
      return { isAllowed: true, to: dossier.statusBeforeWithdrawal ?? 'processing' };
    case 'stop':
      if (!has(atAgency, 'leader')) return ROLE_REFUSAL;
      return { isAllowed: true, to: 'stopped' };
    case 'approve':
      if (!step || step.role !== 'leader')
        return refuse('NOT_AN_APPROVAL_STEP', 'The current step is not an approval step');
      if (!has(atStep, 'leader')) return ROLE_REFUSAL;
      if (step.assigneeId && step.assigneeId !== actor.id) {
        return refuse('NOT_ASSIGNEE', 'This step is assigned to another leader');
      }
      if (dossier.isApproved) return refuse('ALREADY_APPROVED', 'The result is already approved');
      return { isAllowed: true, to: 'processing' };
    case 'issue_result':
      if (!dossier.isApproved)
        return refuse('NOT_APPROVED', 'The result must be approved before it is issued');
      if (!has(atStep, 'clerk', 'leader') && !has(atAgency, 'clerk')) return ROLE_REFUSAL;
      return { isAllowed: true, to: 'result_ready' };
    case 'return_result':
      if (!has(atReceiving, 'receiving_officer')) return ROLE_REFUSAL;
      return { isAllowed: true, to: 'returned' };
  }
}

/** Actions the actor can take now: the buttons to show. */
export function getAvailableActions(input: Omit<TransitionInput, 'action'>): DossierAction[] {
  const candidates: readonly DossierAction[] = TRANSITIONS[input.dossier.status];
  return candidates.filter((action) => decideTransition({ ...input, action }).isAllowed);
}

/** Replays a sequence of (from, to) rows and reports the first one the table forbids. */
export function findIllegalTransition(
  rows: readonly {
    action: DossierAction | 'submit' | 'receive';
    from: DossierStatus | null;
    to: DossierStatus;
  }[],
): number | null {
  let current: DossierStatus | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row) continue;
    if (row.from !== current) return i;
    if (row.action === 'submit' || row.action === 'receive') {
      if (current !== null) return i;
    } else {
      if (current === null) return i;
      const allowed: readonly DossierAction[] = TRANSITIONS[current];
      if (!allowed.includes(row.action)) return i;
    }
    current = row.to;
  }
  return null;
}
