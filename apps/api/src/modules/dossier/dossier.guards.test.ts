import { localDateTime } from '@motcua/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { useTestContext } from '../../../test/test-context.ts';

const t = useTestContext();
let cast: Cast;
let procedureCode: string;

/** 10 working days; steps add up to 80 h. */
const tenDays = {
  processingTime: { amount: 10, unit: 'working-days' as const },
  steps: [
    {
      code: 'tiep-nhan',
      name: 'Tiếp nhận',
      role: 'receiving_officer' as const,
      unit: { kind: 'receiving_unit' as const },
      budget: { amount: 1, unit: 'working-days' as const },
    },
    {
      code: 'tham-dinh',
      name: 'Thẩm định',
      role: 'specialist' as const,
      unit: { kind: 'competent_agency' as const },
      budget: { amount: 7, unit: 'working-days' as const },
    },
    {
      code: 'phe-duyet',
      name: 'Phê duyệt',
      role: 'leader' as const,
      unit: { kind: 'competent_agency' as const },
      budget: { amount: 2, unit: 'working-days' as const },
    },
  ],
};

beforeAll(async () => {
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
});

async function toSpecialist(code: string) {
  const d = await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 });
  return mustAct(t, cast.divisionHead.token, code, {
    action: 'complete_step',
    expectedVersion: d.version,
    assigneeId: cast.specialist.id,
  });
}

describe('version check and concurrency', () => {
  it('answers a stale version with 409 VERSION_CONFLICT, the current status and allowed actions', async () => {
    t.setNow('2026-03-02T09:00:00+07:00');
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 });
    const stale = await act(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.error?.code).toBe('VERSION_CONFLICT');
    expect(stale.json.error?.details).toMatchObject({ currentStatus: 'processing', currentVersion: 2 });
    expect(Array.isArray(stale.json.error?.details?.['allowedActions'])).toBe(true);
  });

  it('lets exactly one of many concurrent actions on the same version win', async () => {
    t.setNow('2026-03-02T10:00:00+07:00');
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        act(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(11);
    const history = await t.db
      .selectFrom('dossierTransition as h')
      .innerJoin('dossier as d', 'd.id', 'h.dossierId')
      .select('h.action')
      .where('d.code', '=', code)
      .execute();
    expect(history.map((h) => h.action)).toEqual(['receive', 'transfer']);
  });

  it('refuses an action the table does not allow in the current status with 409 TRANSITION_NOT_ALLOWED', async () => {
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    const r = await act(t, cast.leader.token, code, { action: 'approve', expectedVersion: 1 });
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
      details: { reason: 'ACTION_NOT_ALLOWED_IN_STATUS', currentStatus: 'received' },
    });
  });
});

describe('supplement clock (domain.md §3.4 example)', () => {
  for (const [mode, due] of [
    ['pause', localDateTime('2026-03-18', '16:00')],
    ['restart', localDateTime('2026-03-24', '09:00')],
  ] as const) {
    it(`${mode} mode: 10 working days from Mon 2/3 09:00, supplement Thu 5/3 14:00 → Tue 10/3 09:00`, async () => {
      const p = await t.newProcedure({ content: { ...tenDays, supplementMode: mode } });
      t.setNow('2026-03-02T09:00:00+07:00');
      const received = await receiveAtCounter(t, cast, p.code);
      expect(new Date(received.dueAt).getTime()).toBe(localDateTime('2026-03-16', '09:00').getTime());
      let d = await mustAct(t, cast.receiving.token, received.code, {
        action: 'transfer',
        expectedVersion: 1,
      });
      t.setNow('2026-03-05T14:00:00+07:00');
      d = await mustAct(t, cast.specialist.token, received.code, {
        action: 'request_supplement',
        expectedVersion: d.version,
        reason: 'Thiếu giấy tờ',
        items: [{ componentCode: 'giay-to-dat', name: 'Giấy tờ về đất', reason: 'Bản sao không rõ nét' }],
        respondWithinDays: 15,
      });
      t.setNow('2026-03-10T09:00:00+07:00');
      d = await mustAct(t, cast.receiving.token, received.code, {
        action: 'supply',
        expectedVersion: d.version,
      });
      expect(new Date(d.dueAt ?? '').getTime()).toBe(due.getTime());
      const supplements = d['supplements'] as { pausedWorkingMinutes: number }[];
      expect(supplements[0]?.pausedWorkingMinutes).toBe(21 * 60);
      expect(d['originalDueAt']).toBe(received.dueAt);
    });
  }

  it('accepts a supply seconds after the request in office hours (a pause of a fraction of a minute)', async () => {
    const p = await t.newProcedure({ content: { ...tenDays, supplementMode: 'pause' } });
    t.setNow('2026-03-02T09:00:00+07:00');
    const received = await receiveAtCounter(t, cast, p.code);
    let d = await mustAct(t, cast.receiving.token, received.code, { action: 'transfer', expectedVersion: 1 });
    t.setNow('2026-03-05T10:40:00.000+07:00');
    d = await mustAct(t, cast.specialist.token, received.code, {
      action: 'request_supplement',
      expectedVersion: d.version,
      reason: 'Thiếu giấy tờ',
      items: [{ componentCode: 'giay-to-dat', name: 'Giấy tờ về đất', reason: 'Bản sao không rõ nét' }],
      respondWithinDays: 15,
    });
    t.setNow('2026-03-05T10:41:03.383+07:00');
    d = await mustAct(t, cast.receiving.token, received.code, {
      action: 'supply',
      expectedVersion: d.version,
    });
    expect(d.status).toBe('processing');
    const supplements = d['supplements'] as { pausedWorkingMinutes: number }[];
    expect(supplements[0]?.pausedWorkingMinutes).toBe(1);
    // The deadline moves by the exact pause (63.383 s), not by the rounded minute.
    expect(new Date(d.dueAt ?? '').getTime() - new Date(received.dueAt).getTime()).toBe(63_383);
  });
});

describe('apology and reschedule (T10)', () => {
  it('is allowed until the closing time of the working day before the due date, and only once', async () => {
    t.setNow('2026-03-02T09:00:00+07:00'); // due Mon 9/3 09:00
    const { code, dueAt } = await receiveAtCounter(t, cast, procedureCode);
    let d = await toSpecialist(code);
    t.setNow('2026-03-09T08:00:00+07:00');
    const late = await act(t, cast.leader.token, code, {
      action: 'extend',
      expectedVersion: d.version,
      reason: 'Chờ ý kiến cơ quan phối hợp',
      newDueAt: '2026-03-13T17:00:00+07:00',
    });
    expect(late.status).toBe(409);
    expect(late.json.error?.details?.['reason']).toBe('APOLOGY_TOO_LATE');

    t.setNow('2026-03-06T16:30:00+07:00');
    const notLeader = await act(t, cast.specialist.token, code, {
      action: 'extend',
      expectedVersion: d.version,
      reason: 'Chờ ý kiến',
      newDueAt: '2026-03-13T17:00:00+07:00',
    });
    expect(notLeader.status).toBe(403);
    const earlier = await act(t, cast.leader.token, code, {
      action: 'extend',
      expectedVersion: d.version,
      reason: 'Chờ ý kiến',
      newDueAt: '2026-03-05T17:00:00+07:00',
    });
    expect(earlier.json.error?.code).toBe('INVALID_DUE_DATE');
    d = await mustAct(t, cast.leader.token, code, {
      action: 'extend',
      expectedVersion: d.version,
      reason: 'Chờ ý kiến cơ quan phối hợp',
      newDueAt: '2026-03-13T17:00:00+07:00',
      letterNumber: '15/PXL',
    });
    expect(d.dueAt).toBe(new Date('2026-03-13T17:00:00+07:00').toISOString());
    expect(d['originalDueAt']).toBe(dueAt);
    expect((d['extensions'] as unknown[]).length).toBe(1);
    const twice = await act(t, cast.leader.token, code, {
      action: 'extend',
      expectedVersion: d.version,
      reason: 'Lần hai',
      newDueAt: '2026-03-20T17:00:00+07:00',
    });
    expect(twice.json.error?.details?.['reason']).toBe('EXTENSION_ALREADY_USED');
  });
});

describe('financial obligation (T9), withdrawal (T11) and stop (T12)', () => {
  it('pauses the clock while waiting for the obligation when the procedure excludes that time', async () => {
    const p = await t.newProcedure({ content: { isObligationTimeExcluded: true } });
    t.setNow('2026-03-02T09:00:00+07:00');
    const { code } = await receiveAtCounter(t, cast, p.code);
    let d = await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 });
    d = await mustAct(t, cast.divisionHead.token, code, {
      action: 'complete_step',
      expectedVersion: d.version,
      assigneeId: cast.specialist.id,
    });
    t.setNow('2026-03-03T09:00:00+07:00');
    d = await mustAct(t, cast.specialist.token, code, {
      action: 'request_obligation',
      expectedVersion: d.version,
      description: 'Nộp lệ phí trước bạ',
      amount: 1_250_000,
    });
    expect(d.status).toBe('awaiting_obligation');
    t.setNow('2026-03-04T09:00:00+07:00'); // 8 working hours later
    d = await mustAct(t, cast.receiving.token, code, {
      action: 'fulfil_obligation',
      expectedVersion: d.version,
      paymentReference: 'BL-000123',
    });
    expect(d.status).toBe('processing');
    expect(new Date(d.dueAt ?? '').getTime()).toBe(localDateTime('2026-03-10', '09:00').getTime());
  });

  it('stops at the applicant request, or goes back to the previous status when declined', async () => {
    const citizen = await t.newCitizen();
    t.setNow('2026-03-02T09:00:00+07:00');
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    let d = await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 });
    // A citizen who does not own the dossier cannot even see it.
    expect(
      (
        await act(t, citizen.token, code, {
          action: 'request_withdrawal',
          expectedVersion: d.version,
          reason: 'Không có nhu cầu',
        })
      ).status,
    ).toBe(404);
    d = await mustAct(t, cast.receiving.token, code, {
      action: 'request_withdrawal',
      expectedVersion: d.version,
      reason: 'Công dân đề nghị rút hồ sơ tại quầy',
    });
    expect(d.status).toBe('withdrawal_requested');
    d = await mustAct(t, cast.receiving.token, code, {
      action: 'decline_withdrawal',
      expectedVersion: d.version,
      reason: 'Đã có quyết định giải quyết',
    });
    expect(d.status).toBe('processing');
    d = await mustAct(t, cast.receiving.token, code, {
      action: 'request_withdrawal',
      expectedVersion: d.version,
      reason: 'Công dân đề nghị lại',
    });
    d = await mustAct(t, cast.receiving.token, code, {
      action: 'confirm_withdrawal',
      expectedVersion: d.version,
    });
    expect(d.status).toBe('stopped');
    expect(d.availableActions).toEqual([]);
  });

  it('lets the leader of the competent agency stop an ineligible dossier, nobody else', async () => {
    t.setNow('2026-03-02T09:00:00+07:00');
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    const d = await toSpecialist(code);
    expect(
      (
        await act(t, cast.specialist.token, code, {
          action: 'stop',
          expectedVersion: d.version,
          reason: 'Không đủ điều kiện',
        })
      ).status,
    ).toBe(403);
    const stopped = await mustAct(t, cast.leader.token, code, {
      action: 'stop',
      expectedVersion: d.version,
      reason: 'Khu đất nằm trong quy hoạch giao thông',
      documentNumber: '88/TB-SXD',
    });
    expect(stopped.status).toBe('stopped');
  });
});
