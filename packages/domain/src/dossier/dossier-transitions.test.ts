import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../calendar/working-calendar.ts';
import { OFFICIAL_OVERRIDES } from '../calendar/official-overrides.ts';
import type { OfficerRole } from '../organisation/organisation-schemas.ts';
import { localDateTime } from '../time/local-time.ts';
import { DossierStatus } from './dossier-status.ts';
import {
  DossierAction,
  TRANSITIONS,
  decideTransition,
  findIllegalTransition,
  getAvailableActions,
  type ActorContext,
  type DossierSnapshot,
} from './dossier-transitions.ts';

const calendar = createWorkingCalendar({ overrides: OFFICIAL_OVERRIDES });
const now = localDateTime('2026-03-03', '09:00');

function snapshot(overrides: Partial<DossierSnapshot> = {}): DossierSnapshot {
  return {
    status: 'processing',
    statusBeforeWithdrawal: null,
    receivedAt: localDateTime('2026-03-02', '09:00'),
    dueAt: localDateTime('2026-03-09', '09:00'),
    intakeSupplementCount: 0,
    supplementCount: 0,
    extensionCount: 0,
    isApproved: false,
    currentStep: { index: 2, role: 'specialist', assigneeId: null },
    stepCount: 6,
    ...overrides,
  };
}

function officer(
  roles: { receiving?: OfficerRole[]; step?: OfficerRole[]; agency?: OfficerRole[] },
  id = 'officer-1',
): ActorContext {
  return {
    type: 'officer',
    id,
    rolesAtReceivingUnit: roles.receiving ?? [],
    rolesAtStepUnit: roles.step ?? [],
    rolesAtCompetentAgency: roles.agency ?? [],
    isOwner: false,
  };
}

const owner: ActorContext = {
  type: 'citizen',
  id: 'citizen-1',
  rolesAtReceivingUnit: [],
  rolesAtStepUnit: [],
  rolesAtCompetentAgency: [],
  isOwner: true,
};
const stranger: ActorContext = { ...owner, id: 'citizen-2', isOwner: false };
const system: ActorContext = {
  type: 'system',
  id: 'system',
  rolesAtReceivingUnit: [],
  rolesAtStepUnit: [],
  rolesAtCompetentAgency: [],
  isOwner: false,
};
const everything: OfficerRole[] = [
  'receiving_officer',
  'specialist',
  'division_head',
  'leader',
  'clerk',
  'supervisor',
  'admin',
];
const superOfficer = officer({ receiving: everything, step: everything, agency: everything });

function decide(action: DossierAction, dossier: DossierSnapshot, actor: ActorContext, at = now) {
  return decideTransition({ dossier, actor, action, now: at, calendar });
}

describe('transition table', () => {
  it('refuses every action that is not listed for the status, whoever asks', () => {
    let checked = 0;
    for (const status of DossierStatus.options) {
      const listed: readonly string[] = TRANSITIONS[status];
      for (const action of DossierAction.options) {
        if (listed.includes(action)) continue;
        const r = decide(action, snapshot({ status }), superOfficer);
        expect(r).toMatchObject({ isAllowed: false, code: 'ACTION_NOT_ALLOWED_IN_STATUS' });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(120);
  });

  it('has no action in the final statuses', () => {
    expect(TRANSITIONS.refused).toEqual([]);
    expect(TRANSITIONS.stopped).toEqual([]);
    expect(TRANSITIONS.returned).toEqual([]);
  });

  // One allowed case and one refused role per listed (status, action): the table T1–T14.
  const cases: {
    status: DossierStatus;
    action: DossierAction;
    to: DossierStatus;
    allowed: ActorContext;
    refused: ActorContext;
    dossier?: Partial<DossierSnapshot>;
  }[] = [
    {
      status: 'submitted',
      action: 'accept',
      to: 'received',
      allowed: officer({ receiving: ['receiving_officer'] }),
      refused: officer({ agency: ['leader'] }),
      dossier: { receivedAt: null, dueAt: null, currentStep: null },
    },
    {
      status: 'submitted',
      action: 'refuse',
      to: 'refused',
      allowed: officer({ receiving: ['receiving_officer'] }),
      refused: owner,
      dossier: { receivedAt: null, dueAt: null, currentStep: null },
    },
    {
      status: 'submitted',
      action: 'request_supplement',
      to: 'awaiting_supplement',
      allowed: officer({ receiving: ['receiving_officer'] }),
      refused: officer({ step: ['specialist'] }),
      dossier: { receivedAt: null, currentStep: null },
    },
    {
      status: 'submitted',
      action: 'request_withdrawal',
      to: 'withdrawal_requested',
      allowed: owner,
      refused: stranger,
    },
    {
      status: 'received',
      action: 'transfer',
      to: 'processing',
      allowed: officer({ receiving: ['receiving_officer'] }),
      refused: officer({ agency: ['specialist'] }),
    },
    {
      status: 'received',
      action: 'request_withdrawal',
      to: 'withdrawal_requested',
      allowed: officer({ receiving: ['receiving_officer'] }),
      refused: officer({ agency: ['leader'] }),
    },
    {
      status: 'processing',
      action: 'assign',
      to: 'processing',
      allowed: officer({ step: ['division_head'] }),
      refused: officer({ step: ['specialist'] }),
    },
    {
      status: 'processing',
      action: 'complete_step',
      to: 'processing',
      allowed: officer({ step: ['specialist'] }),
      refused: officer({ step: ['clerk'] }),
    },
    {
      status: 'processing',
      action: 'return_step',
      to: 'processing',
      allowed: officer({ step: ['division_head'] }),
      refused: officer({ receiving: ['receiving_officer'] }),
    },
    {
      status: 'processing',
      action: 'request_supplement',
      to: 'awaiting_supplement',
      allowed: officer({ step: ['specialist'] }),
      refused: officer({ receiving: ['receiving_officer'] }),
    },
    {
      status: 'processing',
      action: 'request_obligation',
      to: 'awaiting_obligation',
      allowed: officer({ step: ['specialist'] }),
      refused: owner,
    },
    {
      status: 'processing',
      action: 'extend',
      to: 'processing',
      allowed: officer({ agency: ['leader'] }),
      refused: officer({ step: ['specialist'], agency: ['division_head'] }),
    },
    {
      status: 'processing',
      action: 'approve',
      to: 'processing',
      allowed: officer({ step: ['leader'] }),
      refused: officer({ step: ['division_head'] }),
      dossier: { currentStep: { index: 3, role: 'leader', assigneeId: null } },
    },
    {
      status: 'processing',
      action: 'issue_result',
      to: 'result_ready',
      allowed: officer({ step: ['clerk'] }),
      refused: officer({ step: ['specialist'] }),
      dossier: { isApproved: true, currentStep: { index: 4, role: 'clerk', assigneeId: null } },
    },
    {
      status: 'processing',
      action: 'stop',
      to: 'stopped',
      allowed: officer({ agency: ['leader'] }),
      refused: officer({ agency: ['specialist'], step: ['specialist'] }),
    },
    {
      status: 'processing',
      action: 'request_withdrawal',
      to: 'withdrawal_requested',
      allowed: owner,
      refused: officer({ step: ['specialist'] }),
    },
    { status: 'awaiting_supplement', action: 'supply', to: 'processing', allowed: owner, refused: stranger },
    {
      status: 'awaiting_supplement',
      action: 'stop',
      to: 'stopped',
      allowed: officer({ agency: ['leader'] }),
      refused: owner,
    },
    {
      status: 'awaiting_supplement',
      action: 'request_withdrawal',
      to: 'withdrawal_requested',
      allowed: owner,
      refused: stranger,
    },
    {
      status: 'awaiting_obligation',
      action: 'fulfil_obligation',
      to: 'processing',
      allowed: system,
      refused: owner,
    },
    {
      status: 'awaiting_obligation',
      action: 'extend',
      to: 'awaiting_obligation',
      allowed: officer({ agency: ['leader'] }),
      refused: officer({ receiving: ['receiving_officer'] }),
    },
    {
      status: 'awaiting_obligation',
      action: 'stop',
      to: 'stopped',
      allowed: officer({ agency: ['leader'] }),
      refused: officer({ step: ['specialist'] }),
    },
    {
      status: 'awaiting_obligation',
      action: 'request_withdrawal',
      to: 'withdrawal_requested',
      allowed: owner,
      refused: stranger,
    },
    {
      status: 'withdrawal_requested',
      action: 'confirm_withdrawal',
      to: 'stopped',
      allowed: officer({ receiving: ['receiving_officer'] }),
      refused: owner,
    },
    {
      status: 'withdrawal_requested',
      action: 'decline_withdrawal',
      to: 'awaiting_supplement',
      allowed: officer({ receiving: ['receiving_officer'] }),
      refused: officer({ agency: ['leader'] }),
      dossier: { statusBeforeWithdrawal: 'awaiting_supplement' },
    },
    {
      status: 'result_ready',
      action: 'return_result',
      to: 'returned',
      allowed: officer({ receiving: ['receiving_officer'] }),
      refused: officer({ agency: ['clerk'] }),
    },
  ];

  it('covers every (status, action) pair of the table', () => {
    const covered = new Set(cases.map((c) => `${c.status}:${c.action}`));
    for (const status of DossierStatus.options) {
      for (const action of TRANSITIONS[status])
        expect(covered, `${status}:${action}`).toContain(`${status}:${action}`);
    }
  });

  for (const c of cases) {
    it(`${c.status} → ${c.action}: allowed for the right actor, refused for another`, () => {
      const dossier = snapshot({ status: c.status, ...c.dossier });
      expect(decide(c.action, dossier, c.allowed)).toEqual({ isAllowed: true, to: c.to });
      const refused = decide(c.action, dossier, c.refused);
      expect(refused.isAllowed).toBe(false);
      if (!refused.isAllowed) expect(['ROLE_NOT_ALLOWED', 'NOT_ASSIGNEE']).toContain(refused.code);
    });
  }
});

describe('guards', () => {
  it('allows one supplement request per phase (the one-time rule)', () => {
    const step = officer({ step: ['specialist'] });
    expect(decide('request_supplement', snapshot({ supplementCount: 1 }), step)).toMatchObject({
      code: 'SUPPLEMENT_ALREADY_REQUESTED',
    });
    const intake = snapshot({
      status: 'submitted',
      receivedAt: null,
      currentStep: null,
      intakeSupplementCount: 1,
    });
    expect(decide('request_supplement', intake, officer({ receiving: ['receiving_officer'] }))).toMatchObject(
      { code: 'SUPPLEMENT_ALREADY_REQUESTED' },
    );
    // The guidance given before receipt does not use up the processing request.
    expect(decide('request_supplement', snapshot({ intakeSupplementCount: 1 }), step).isAllowed).toBe(true);
  });

  it('accepts an apology until the close of the working day before the due date, once', () => {
    const leader = officer({ agency: ['leader'] });
    const dossier = snapshot({ dueAt: localDateTime('2026-03-09', '09:00') }); // Monday
    expect(decide('extend', dossier, leader, localDateTime('2026-03-06', '17:00')).isAllowed).toBe(true);
    expect(decide('extend', dossier, leader, localDateTime('2026-03-06', '17:01'))).toMatchObject({
      code: 'APOLOGY_TOO_LATE',
    });
    expect(decide('extend', dossier, leader, localDateTime('2026-03-09', '08:00'))).toMatchObject({
      code: 'APOLOGY_TOO_LATE',
    });
    expect(decide('extend', snapshot({ extensionCount: 1 }), leader)).toMatchObject({
      code: 'EXTENSION_ALREADY_USED',
    });
    // Over Tết 2026: due Mon 23/2 → the working day before is Fri 13/2.
    const afterTet = snapshot({ dueAt: localDateTime('2026-02-23', '10:00') });
    expect(decide('extend', afterTet, leader, localDateTime('2026-02-13', '16:00')).isAllowed).toBe(true);
    expect(decide('extend', afterTet, leader, localDateTime('2026-02-18', '09:00'))).toMatchObject({
      code: 'APOLOGY_TOO_LATE',
    });
  });

  it('approves only at the leader step, once, and issues only after approval', () => {
    const leaderStep = snapshot({ currentStep: { index: 3, role: 'leader', assigneeId: null } });
    const leader = officer({ step: ['leader'], agency: ['leader'] });
    expect(decide('approve', snapshot(), leader)).toMatchObject({ code: 'NOT_AN_APPROVAL_STEP' });
    expect(decide('approve', { ...leaderStep, isApproved: true }, leader)).toMatchObject({
      code: 'ALREADY_APPROVED',
    });
    expect(decide('complete_step', leaderStep, leader)).toMatchObject({ code: 'STEP_NEEDS_APPROVAL' });
    expect(
      decide(
        'issue_result',
        snapshot({ currentStep: { index: 4, role: 'clerk', assigneeId: null } }),
        officer({ step: ['clerk'] }),
      ),
    ).toMatchObject({ code: 'NOT_APPROVED' });
    expect(
      decide(
        'approve',
        { ...leaderStep, currentStep: { index: 3, role: 'leader', assigneeId: 'other-leader' } },
        leader,
      ),
    ).toMatchObject({ code: 'NOT_ASSIGNEE' });
  });

  it('moves between steps only where a step exists, and not after approval', () => {
    const specialist = officer({ step: ['specialist'] });
    expect(
      decide(
        'complete_step',
        snapshot({ currentStep: { index: 5, role: 'specialist', assigneeId: null } }),
        specialist,
      ),
    ).toMatchObject({ code: 'NO_NEXT_STEP' });
    expect(
      decide(
        'return_step',
        snapshot({ currentStep: { index: 0, role: 'specialist', assigneeId: null } }),
        specialist,
      ),
    ).toMatchObject({ code: 'NO_PREVIOUS_STEP' });
    expect(
      decide(
        'return_step',
        snapshot({ isApproved: true, currentStep: { index: 4, role: 'clerk', assigneeId: null } }),
        officer({ step: ['clerk'] }),
      ),
    ).toMatchObject({ code: 'ALREADY_APPROVED' });
    expect(
      decide(
        'complete_step',
        snapshot({ isApproved: true, currentStep: { index: 4, role: 'clerk', assigneeId: null } }),
        officer({ step: ['clerk'] }),
      ),
    ).toMatchObject({ code: 'ALREADY_APPROVED' });
  });

  it('lets only the assignee complete an assigned step', () => {
    const assigned = snapshot({ currentStep: { index: 2, role: 'specialist', assigneeId: 'officer-7' } });
    expect(decide('complete_step', assigned, officer({ step: ['specialist'] }, 'officer-7')).isAllowed).toBe(
      true,
    );
    expect(decide('complete_step', assigned, officer({ step: ['specialist'] }, 'officer-8'))).toMatchObject({
      code: 'NOT_ASSIGNEE',
    });
  });

  it('goes back to the status before the withdrawal request when it is declined', () => {
    const d = snapshot({ status: 'withdrawal_requested', statusBeforeWithdrawal: 'awaiting_obligation' });
    expect(decide('decline_withdrawal', d, officer({ receiving: ['receiving_officer'] }))).toEqual({
      isAllowed: true,
      to: 'awaiting_obligation',
    });
  });

  it('resumes an intake supplement to submitted, a processing one to processing', () => {
    expect(decide('supply', snapshot({ status: 'awaiting_supplement', receivedAt: null }), owner)).toEqual({
      isAllowed: true,
      to: 'submitted',
    });
    expect(decide('supply', snapshot({ status: 'awaiting_supplement' }), owner)).toEqual({
      isAllowed: true,
      to: 'processing',
    });
  });
});

describe('getAvailableActions', () => {
  it('lists exactly the actions decideTransition allows', () => {
    for (const status of DossierStatus.options) {
      for (const actor of [superOfficer, owner, system, officer({ receiving: ['receiving_officer'] })]) {
        const dossier = snapshot({ status, statusBeforeWithdrawal: 'processing' });
        const listed = getAvailableActions({ dossier, actor, now, calendar });
        const expected = DossierAction.options.filter((action) => decide(action, dossier, actor).isAllowed);
        expect(listed.sort()).toEqual(expected.sort());
      }
    }
  });

  it('shows the receiving officer the counter buttons of a received dossier', () => {
    const actions = getAvailableActions({
      dossier: snapshot({
        status: 'received',
        currentStep: { index: 0, role: 'receiving_officer', assigneeId: null },
      }),
      actor: officer({ receiving: ['receiving_officer'] }),
      now,
      calendar,
    });
    expect(actions).toEqual(['transfer', 'request_withdrawal']);
  });
});

describe('findIllegalTransition (history replay)', () => {
  it('accepts a legal history and points at the first illegal row', () => {
    const legal = [
      { action: 'submit' as const, from: null, to: 'submitted' as const },
      { action: 'accept' as const, from: 'submitted' as const, to: 'received' as const },
      { action: 'transfer' as const, from: 'received' as const, to: 'processing' as const },
      { action: 'issue_result' as const, from: 'processing' as const, to: 'result_ready' as const },
      { action: 'return_result' as const, from: 'result_ready' as const, to: 'returned' as const },
    ];
    expect(findIllegalTransition(legal)).toBeNull();
    expect(
      findIllegalTransition([...legal, { action: 'transfer', from: 'returned', to: 'processing' }]),
    ).toBe(5);
    expect(
      findIllegalTransition([legal[0]!, { action: 'transfer', from: 'submitted', to: 'processing' }]),
    ).toBe(1);
    expect(findIllegalTransition([legal[0]!, { action: 'accept', from: 'received', to: 'received' }])).toBe(
      1,
    );
    expect(findIllegalTransition([{ action: 'accept', from: null, to: 'received' }])).toBe(0);
  });
});
