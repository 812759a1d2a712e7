import { findIllegalTransition, localDateTime, type DossierAction, type DossierStatus } from '@motcua/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, mustAct, receiveAtCounter, act, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext } from '../../../test/test-context.ts';

const t = useTestContext();
let cast: Cast;
let procedureCode: string;

beforeAll(async () => {
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
});

async function historyOf(code: string) {
  return t.db
    .selectFrom('dossierTransition as h')
    .innerJoin('dossier as d', 'd.id', 'h.dossierId')
    .select(['h.seq', 'h.action', 'h.fromStatus', 'h.toStatus'])
    .where('d.code', '=', code)
    .orderBy('h.seq')
    .execute();
}

describe('dossier lifecycle at the counter (T2, T5, T6, T7, T8, T13, T14)', () => {
  it('goes from receipt to return with history, steps, audit and outbox in step', async () => {
    t.setNow('2026-03-02T09:00:00+07:00');
    const received = await receiveAtCounter(t, cast, procedureCode);
    expect(received.status).toBe('received');
    expect(received.code).toBe('T.SXD-260302-0001');
    // 5 working days from Mon 2/3 09:00 → Mon 9/3 09:00.
    expect(new Date(received.dueAt).getTime()).toBe(localDateTime('2026-03-09', '09:00').getTime());
    expect(received.lookupSecret).toMatch(/^[A-Z2-9]{6}$/);
    const code = received.code;

    let d = await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 });
    expect(d.status).toBe('processing');
    expect((d['currentStep'] as { role: string }).role).toBe('division_head');

    // The division head forwards to a named specialist.
    d = await mustAct(t, cast.divisionHead.token, code, {
      action: 'complete_step',
      expectedVersion: d.version,
      assigneeId: cast.specialist.id,
    });
    expect((d['currentStep'] as { role: string; assignee: { id: string } }).assignee.id).toBe(
      cast.specialist.id,
    );

    // Another specialist of the same department cannot act on a step assigned to someone else.
    const colleague = await t.newOfficer([{ role: 'specialist', unitId: cast.tree.department.id }]);
    const notMine = await act(t, colleague.token, code, {
      action: 'complete_step',
      expectedVersion: d.version,
    });
    expect(notMine.status).toBe(403);

    t.setNow('2026-03-04T14:00:00+07:00');
    d = await mustAct(t, cast.specialist.token, code, {
      action: 'request_supplement',
      expectedVersion: d.version,
      reason: 'Hồ sơ thiếu bản vẽ mặt bằng móng',
      items: [
        {
          componentCode: 'ban-ve',
          name: 'Bản vẽ thiết kế',
          reason: 'Thiếu bản vẽ mặt bằng móng tỷ lệ 1/100',
        },
      ],
    });
    expect(d.status).toBe('awaiting_supplement');
    expect(d['isClockPaused']).toBe(true);

    // Supplied Fri 6/3 09:00: paused 3 h + 8 h + 2 h = 13 working hours (pause mode).
    t.setNow('2026-03-06T09:00:00+07:00');
    d = await mustAct(t, cast.receiving.token, code, {
      action: 'supply',
      expectedVersion: d.version,
      note: 'Công dân đã bổ sung bản vẽ',
    });
    expect(d.status).toBe('processing');
    expect(new Date(d.dueAt ?? '').getTime()).toBe(localDateTime('2026-03-10', '16:00').getTime());
    expect(d['originalDueAt']).toBe(received.dueAt);

    // A second supplement request is refused (one-time rule).
    const again = await act(t, cast.specialist.token, code, {
      action: 'request_supplement',
      expectedVersion: d.version,
      reason: 'Thiếu giấy tờ',
      items: [{ name: 'Giấy tờ đất', reason: 'Không rõ' }],
    });
    expect(again.status).toBe(409);
    expect(again.json.error?.details?.['reason']).toBe('SUPPLEMENT_ALREADY_REQUESTED');

    d = await mustAct(t, cast.specialist.token, code, {
      action: 'complete_step',
      expectedVersion: d.version,
      note: 'Đủ điều kiện cấp phép',
    });
    expect((d['currentStep'] as { role: string }).role).toBe('leader');

    // Issuing before approval is refused.
    const early = await act(t, cast.clerk.token, code, {
      action: 'issue_result',
      expectedVersion: d.version,
      resultNumber: '12/GPXD',
      summary: 'Giấy phép',
    });
    expect(early.status).toBe(409);

    d = await mustAct(t, cast.leader.token, code, { action: 'approve', expectedVersion: d.version });
    expect(d['isApproved']).toBe(true);
    expect((d['currentStep'] as { role: string }).role).toBe('clerk');

    t.setNow('2026-03-09T10:00:00+07:00');
    d = await mustAct(t, cast.clerk.token, code, {
      action: 'issue_result',
      expectedVersion: d.version,
      resultNumber: '125/GPXD',
      summary: 'Giấy phép xây dựng số 125/GPXD',
    });
    expect(d.status).toBe('result_ready');
    expect((d['currentStep'] as { role: string }).role).toBe('receiving_officer');

    d = await mustAct(t, cast.receiving.token, code, {
      action: 'return_result',
      expectedVersion: d.version,
      method: 'counter',
      receiverName: 'Trần Thị Bình',
    });
    expect(d.status).toBe('returned');
    expect(d.availableActions).toEqual([]);

    const history = await historyOf(code);
    expect(history.map((h) => h.action)).toEqual([
      'receive',
      'transfer',
      'complete_step',
      'request_supplement',
      'supply',
      'complete_step',
      'approve',
      'issue_result',
      'return_result',
    ]);
    expect(history.map((h) => h.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Replaying the history with the transition table reaches the stored status.
    const rows = history.map((h) => ({
      action: h.action as DossierAction | 'receive',
      from: h.fromStatus as DossierStatus | null,
      to: h.toStatus as DossierStatus,
    }));
    expect(findIllegalTransition(rows)).toBeNull();
    expect(rows.at(-1)?.to).toBe('returned');

    const dossierId = (d as { id?: string }).id ?? '';
    const audit = await t.db
      .selectFrom('auditLog')
      .select('eventType')
      .where('entityId', '=', dossierId)
      .execute();
    expect(audit.filter((a) => a.eventType === 'dossier.transitioned')).toHaveLength(8);
    expect(audit.filter((a) => a.eventType === 'dossier.created')).toHaveLength(1);
    const outbox = await t.db
      .selectFrom('outboxMessage')
      .select('topic')
      .where('aggregateId', '=', dossierId)
      .execute();
    expect(outbox).toHaveLength(9);

    // Control slip: one row per hand-off, all closed.
    const steps = d['steps'] as { stepIndex: number; completedAt: string | null; outcome: string | null }[];
    expect(steps.map((s) => s.stepIndex)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(steps.every((s) => s.completedAt !== null)).toBe(true);
    expect(steps.map((s) => s.outcome)).toEqual([
      'forwarded',
      'forwarded',
      'forwarded',
      'approved',
      'issued',
      'delivered',
    ]);
  });

  it('returns the steps back for rework and forward again', async () => {
    t.setNow('2026-03-02T10:00:00+07:00');
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    let d = await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 });
    d = await mustAct(t, cast.divisionHead.token, code, {
      action: 'complete_step',
      expectedVersion: d.version,
      assigneeId: cast.specialist.id,
    });
    d = await mustAct(t, cast.specialist.token, code, {
      action: 'complete_step',
      expectedVersion: d.version,
    });
    d = await mustAct(t, cast.leader.token, code, {
      action: 'return_step',
      expectedVersion: d.version,
      reason: 'Cần làm rõ khoảng lùi công trình',
    });
    const step = d['currentStep'] as { role: string; assignee: { id: string } | null };
    expect(step.role).toBe('specialist');
    expect(step.assignee?.id).toBe(cast.specialist.id);
  });
});

describe('online dossier (T1, T2, T3, T4)', () => {
  it('is submitted by a citizen, accepted by the receiving officer, and the clock starts at acceptance', async () => {
    const citizen = await t.newCitizen();
    // Saturday evening: the officer decides on Monday; the clock starts at acceptance.
    t.setNow('2026-03-07T21:00:00+07:00');
    const upload = await (
      await t.app()
    ).inject({
      method: 'POST',
      url: '/api/files?name=ban-ve.pdf',
      headers: { authorization: `Bearer ${citizen.token}`, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n% test drawing\n'),
    });
    expect(upload.statusCode).toBe(201);
    const fileId = upload.json().id as string;
    const res = await call(t, 'POST', '/api/dossiers', {
      token: citizen.token,
      body: {
        procedureCode,
        applicant: {
          kind: 'citizen',
          fullName: 'Nguyễn Văn An',
          idNumber: citizen.idNumber,
          phone: '0912345678',
        },
        components: [
          { code: 'don', isProvided: true, fileIds: [fileId] },
          { code: 'ban-ve', isProvided: true, fileIds: [fileId] },
          { code: 'giay-to-dat', isProvided: true, fileIds: [fileId] },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.json['status']).toBe('submitted');
    expect(res.json['dueAt']).toBeNull();
    expect((res.json['receivingUnit'] as { id: string }).id).toBe(cast.tree.provinceCentre.id);
    const code = res.json['code'] as string;

    t.setNow('2026-03-09T08:00:00+07:00');
    const accepted = await mustAct(t, cast.receiving.token, code, { action: 'accept', expectedVersion: 1 });
    expect(accepted.status).toBe('received');
    expect(new Date(accepted.dueAt ?? '').getTime()).toBe(localDateTime('2026-03-16', '08:00').getTime());

    // The owner sees it; another citizen does not (404, same as unknown).
    expect((await call(t, 'GET', `/api/dossiers/${code}`, { token: citizen.token })).status).toBe(200);
    const stranger = await t.newCitizen();
    expect((await call(t, 'GET', `/api/dossiers/${code}`, { token: stranger.token })).status).toBe(404);
  });

  it('gets written guidance once before receipt, then can be refused with reasons (Mẫu 03)', async () => {
    const citizen = await t.newCitizen();
    t.setNow('2026-03-10T09:00:00+07:00');
    const res = await call(t, 'POST', '/api/dossiers', {
      token: citizen.token,
      body: {
        procedureCode,
        applicant: { kind: 'citizen', fullName: 'Lê Văn Cường', idNumber: citizen.idNumber },
        components: [
          { code: 'don', isProvided: true, isReused: true },
          { code: 'ban-ve', isProvided: true, isReused: true },
          { code: 'giay-to-dat', isProvided: true, isReused: true },
        ],
      },
    });
    expect(res.status).toBe(201);
    const code = res.json['code'] as string;
    let d = await mustAct(t, cast.receiving.token, code, {
      action: 'request_supplement',
      expectedVersion: 1,
      reason: 'Đơn chưa ký',
      items: [{ componentCode: 'don', name: 'Đơn đề nghị', reason: 'Chưa có chữ ký của người đề nghị' }],
    });
    expect(d.status).toBe('awaiting_supplement');
    d = await mustAct(t, citizen.token, code, {
      action: 'supply',
      expectedVersion: d.version,
      note: 'Đã ký đơn',
    });
    expect(d.status).toBe('submitted');
    const second = await act(t, cast.receiving.token, code, {
      action: 'request_supplement',
      expectedVersion: d.version,
      reason: 'Thiếu',
      items: [{ name: 'Bản vẽ', reason: 'Thiếu' }],
    });
    expect(second.status).toBe(409);
    d = await mustAct(t, cast.receiving.token, code, {
      action: 'refuse',
      expectedVersion: d.version,
      reason: 'Công trình thuộc thẩm quyền cấp xã',
    });
    expect(d.status).toBe('refused');
    expect(d['completedAt']).not.toBeNull();
  });
});
