import { localDateTime } from '@motcua/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  useTestContext,
  type StandardTree,
  type TestCitizen,
  type TestOfficer,
} from '../../../test/test-context.ts';

const t = useTestContext();
let tree: StandardTree;
let admin: TestOfficer;
let specialist: TestOfficer;
let citizen: TestCitizen;

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  tree = await t.standardTree();
  admin = await t.newOfficer([{ role: 'admin', unitId: tree.province.id }]);
  specialist = await t.newOfficer([{ role: 'specialist', unitId: tree.department.id }]);
  citizen = await t.newCitizen();
});

interface DueBody {
  from: string;
  startedAt: string;
  dueAt: string;
  totalWorkingMinutes: number | null;
  calendarVersion: string;
  explanation: Record<string, unknown>[];
  explanationText: { vi: string[]; en: string[] };
}

interface OverrideBody {
  date: string;
  kind: string;
  name: string;
  reference: string | null;
  source: string;
}

/** ISO instant of a local (UTC+7) date and time. */
function at(date: string, time: string): string {
  return localDateTime(date, time).toISOString();
}

async function dueRequest(params: Record<string, string>) {
  return call(t, 'GET', `/api/calendar/due?${new URLSearchParams(params).toString()}`);
}

async function due(params: Record<string, string>): Promise<DueBody> {
  const res = await dueRequest(params);
  if (res.status !== 200) throw new Error(`due failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as unknown as DueBody;
}

async function overridesOf(year: number): Promise<OverrideBody[]> {
  const res = await call(t, 'GET', `/api/calendar/overrides?year=${year}`);
  expect(res.status).toBe(200);
  return res.json as unknown as OverrideBody[];
}

async function setOverride(date: string, body: Record<string, unknown>, token = admin.token) {
  return call(t, 'PUT', `/api/calendar/overrides/${date}`, { token, body });
}

describe('GET /api/calendar/due (public)', () => {
  it('counts 5 working days over the 2026 Tết closure and explains the skipped periods', async () => {
    // domain.md §3.3 example 1: Wed 11/2/2026 10:00 → Wed 25/2/2026 10:00.
    const r = await due({ from: '2026-02-11T10:00:00+07:00', amount: '5', unit: 'working-days' });
    expect(r.from).toBe(at('2026-02-11', '10:00'));
    expect(r.startedAt).toBe(at('2026-02-11', '10:00'));
    expect(r.dueAt).toBe(at('2026-02-25', '10:00'));
    expect(r.totalWorkingMinutes).toBe(5 * 8 * 60);
    expect(r.calendarVersion).toMatch(/^[0-9a-f]{8}$/);
    expect(r.explanation).toEqual([
      { type: 'start', at: at('2026-02-11', '10:00') },
      {
        type: 'counted',
        date: '2026-02-11',
        from: at('2026-02-11', '10:00'),
        to: at('2026-02-11', '17:00'),
        minutes: 300,
      },
      {
        type: 'counted',
        date: '2026-02-12',
        from: at('2026-02-12', '07:00'),
        to: at('2026-02-12', '17:00'),
        minutes: 480,
      },
      {
        type: 'counted',
        date: '2026-02-13',
        from: at('2026-02-13', '07:00'),
        to: at('2026-02-13', '17:00'),
        minutes: 480,
      },
      { type: 'skipped', fromDate: '2026-02-14', toDate: '2026-02-15', dayKind: 'weekend' },
      {
        type: 'skipped',
        fromDate: '2026-02-16',
        toDate: '2026-02-20',
        dayKind: 'holiday',
        name: 'Tết Nguyên đán',
      },
      { type: 'skipped', fromDate: '2026-02-21', toDate: '2026-02-22', dayKind: 'weekend' },
      {
        type: 'counted',
        date: '2026-02-23',
        from: at('2026-02-23', '07:00'),
        to: at('2026-02-23', '17:00'),
        minutes: 480,
      },
      {
        type: 'counted',
        date: '2026-02-24',
        from: at('2026-02-24', '07:00'),
        to: at('2026-02-24', '17:00'),
        minutes: 480,
      },
      {
        type: 'counted',
        date: '2026-02-25',
        from: at('2026-02-25', '07:00'),
        to: at('2026-02-25', '10:00'),
        minutes: 180,
      },
      { type: 'due', at: at('2026-02-25', '10:00') },
    ]);
    // The closure 14–22/2 is one line for the citizen.
    expect(r.explanationText.vi).toEqual([
      'Nhận hồ sơ lúc 10:00 thứ Tư 11/02/2026',
      'Tính 5 giờ làm việc ngày thứ Tư 11/02/2026 (10:00–17:00)',
      'Tính 8 giờ làm việc ngày thứ Năm 12/02/2026 (07:00–17:00)',
      'Tính 8 giờ làm việc ngày thứ Sáu 13/02/2026 (07:00–17:00)',
      'Không tính 14/02–22/02/2026: Nghỉ Tết Nguyên đán',
      'Tính 8 giờ làm việc ngày thứ Hai 23/02/2026 (07:00–17:00)',
      'Tính 8 giờ làm việc ngày thứ Ba 24/02/2026 (07:00–17:00)',
      'Tính 3 giờ làm việc ngày thứ Tư 25/02/2026 (07:00–10:00)',
      'Hạn trả kết quả: 10:00 thứ Tư 25/02/2026',
    ]);
    expect(r.explanationText.en).toContain('Not counted 14/02–22/02/2026: public holiday (Tết Nguyên đán)');
    expect(r.explanationText.en.at(-1)).toBe('Due: 10:00 on Wednesday 25/02/2026');
  });

  it('counts working hours through the lunch break', async () => {
    // domain.md §3.3 example 3: 4 hours from Tue 3/3/2026 10:30 → 16:30 the same day.
    const r = await due({ from: '2026-03-03T10:30:00+07:00', amount: '4', unit: 'working-hours' });
    expect(r.dueAt).toBe(at('2026-03-03', '16:30'));
    expect(r.totalWorkingMinutes).toBe(240);
    expect(r.explanationText.vi).toEqual([
      'Nhận hồ sơ lúc 10:30 thứ Ba 03/03/2026',
      'Tính 4 giờ làm việc ngày thứ Ba 03/03/2026 (10:30–16:30)',
      'Hạn trả kết quả: 16:30 thứ Ba 03/03/2026',
    ]);
  });

  it('counts calendar days and rolls a due date off the Tết closure', async () => {
    const plain = await due({ from: '2026-03-02T09:00:00+07:00', amount: '10', unit: 'calendar-days' });
    expect(plain.dueAt).toBe(at('2026-03-12', '09:00'));
    expect(plain.totalWorkingMinutes).toBeNull();

    // Wed 11/2 10:00 + 5 days = Mon 16/2 (Tết) → the next working day, Mon 23/2 10:00.
    const r = await due({ from: '2026-02-11T10:00:00+07:00', amount: '5', unit: 'calendar-days' });
    expect(r.dueAt).toBe(at('2026-02-23', '10:00'));
    expect(r.totalWorkingMinutes).toBeNull();
    expect(r.explanation).toEqual([
      { type: 'start', at: at('2026-02-11', '10:00') },
      {
        type: 'skipped',
        fromDate: '2026-02-16',
        toDate: '2026-02-20',
        dayKind: 'holiday',
        name: 'Tết Nguyên đán',
      },
      { type: 'skipped', fromDate: '2026-02-21', toDate: '2026-02-22', dayKind: 'weekend' },
      {
        type: 'rolled_forward',
        from: at('2026-02-16', '10:00'),
        to: at('2026-02-23', '10:00'),
        reason: 'non_working_day',
      },
      { type: 'due', at: at('2026-02-23', '10:00') },
    ]);
    expect(r.explanationText.vi).toEqual([
      'Nhận hồ sơ lúc 10:00 thứ Tư 11/02/2026',
      'Không tính 16/02–22/02/2026: Nghỉ Tết Nguyên đán',
      'Hạn rơi vào ngày nghỉ, chuyển sang 10:00 thứ Hai 23/02/2026',
      'Hạn trả kết quả: 10:00 thứ Hai 23/02/2026',
    ]);
  });

  it('starts counting at the next opening when received outside office hours', async () => {
    // from, reason, started at, due (4 working hours)
    const cases: [string, string, string, string][] = [
      ['2026-03-03T06:00:00+07:00', 'before_opening', at('2026-03-03', '07:00'), at('2026-03-03', '11:00')],
      ['2026-03-03T12:00:00+07:00', 'lunch_break', at('2026-03-03', '13:30'), at('2026-03-04', '07:30')],
      ['2026-03-03T18:00:00+07:00', 'after_closing', at('2026-03-04', '07:00'), at('2026-03-04', '11:00')],
      ['2026-03-07T21:00:00+07:00', 'non_working_day', at('2026-03-09', '07:00'), at('2026-03-09', '11:00')],
    ];
    for (const [from, reason, startedAt, dueAt] of cases) {
      const r = await due({ from, amount: '4', unit: 'working-hours' });
      expect({ from, startedAt: r.startedAt, dueAt: r.dueAt, moved: r.explanation[1] }).toEqual({
        from,
        startedAt,
        dueAt,
        moved: { type: 'start_moved', from: new Date(from).toISOString(), to: startedAt, reason },
      });
    }
    // domain.md §3.3 example 5: online on Sat 7/3 21:00 counts from Mon 9/3 07:00.
    const weekend = await due({ from: '2026-03-07T21:00:00+07:00', amount: '1', unit: 'working-days' });
    expect(weekend.dueAt).toBe(at('2026-03-09', '17:00'));
    expect(weekend.explanationText.vi[1]).toBe(
      'Bắt đầu tính từ 07:00 thứ Hai 09/03/2026 (nhận vào ngày nghỉ)',
    );
    expect(weekend.explanationText.en[1]).toBe(
      'Counting starts at 07:00 on Monday 09/03/2026 (received on a day off)',
    );
  });

  it('gives a same-day limit until closing, or the next working day after the 15:00 cut-off', async () => {
    // domain.md §3.3 example 4: received Tue 3/3 15:20 → due by the end of Wed 4/3.
    const late = await due({
      from: '2026-03-03T15:20:00+07:00',
      amount: '0',
      unit: 'working-days',
      same_day: 'true',
    });
    expect(late.startedAt).toBe(at('2026-03-04', '07:00'));
    expect(late.dueAt).toBe(at('2026-03-04', '17:00'));
    expect(late.explanation[1]).toEqual({
      type: 'start_moved',
      from: at('2026-03-03', '15:20'),
      to: at('2026-03-04', '07:00'),
      reason: 'after_cutoff',
    });
    const early = await due({
      from: '2026-03-03T14:00:00+07:00',
      amount: '0',
      unit: 'working-days',
      same_day: 'true',
    });
    expect(early.dueAt).toBe(at('2026-03-03', '17:00'));
  });

  it("uses the unit's office hours when unit_id is given, and follows changes to them at once", async () => {
    const created = await call(t, 'POST', '/api/units', {
      token: admin.token,
      body: {
        agencyCode: 'T.XA1.MC2',
        name: 'Điểm tiếp nhận xã Một (giờ hành chính riêng)',
        kind: 'one_stop_section',
        parentId: tree.commune.id,
        officeHours: {
          periods: [
            { start: '07:30', end: '12:00' },
            { start: '13:00', end: '16:30' },
          ],
        },
      },
    });
    expect(created.status).toBe(201);
    const unitId = created.json['id'] as string;

    // 4 hours from Tue 3/3 10:30: 1.5 h until 12:00, then 2.5 h from 13:00 → 15:30 (default: 16:30).
    const four = { from: '2026-03-03T10:30:00+07:00', amount: '4', unit: 'working-hours' };
    const withUnit = await due({ ...four, unit_id: unitId });
    expect(withUnit.dueAt).toBe(at('2026-03-03', '15:30'));
    expect(withUnit.explanationText.vi[1]).toBe('Tính 4 giờ làm việc ngày thứ Ba 03/03/2026 (10:30–15:30)');
    const withoutUnit = await due(four);
    expect(withoutUnit.dueAt).toBe(at('2026-03-03', '16:30'));
    expect(withUnit.calendarVersion).not.toBe(withoutUnit.calendarVersion);
    // A unit without its own hours uses the default ones.
    expect((await due({ ...four, unit_id: tree.provinceCentre.id })).dueAt).toBe(at('2026-03-03', '16:30'));

    // Received at 07:15: open by default, not yet at this unit.
    const early = await due({
      from: '2026-03-03T07:15:00+07:00',
      amount: '1',
      unit: 'working-days',
      unit_id: unitId,
    });
    expect(early.startedAt).toBe(at('2026-03-03', '07:30'));
    expect(early.explanation[1]).toMatchObject({ type: 'start_moved', reason: 'before_opening' });
    expect(early.dueAt).toBe(at('2026-03-03', '16:30'));

    // The administrator changes the unit's hours: the next computation uses them.
    const patched = await call(t, 'PATCH', `/api/units/${unitId}`, {
      token: admin.token,
      body: {
        officeHours: {
          periods: [
            { start: '08:00', end: '12:00' },
            { start: '13:00', end: '17:00' },
          ],
        },
      },
    });
    expect(patched.status).toBe(200);
    // From 07:15 counting now starts at 08:00: 4 h until 12:00 and 4 h from 13:00 → 17:00.
    const afterChange = await due({
      from: '2026-03-03T07:15:00+07:00',
      amount: '1',
      unit: 'working-days',
      unit_id: unitId,
    });
    expect(afterChange.startedAt).toBe(at('2026-03-03', '08:00'));
    expect(afterChange.dueAt).toBe(at('2026-03-03', '17:00'));
  });

  it('rejects bad input with 400 and the error model', async () => {
    const ok = { from: '2026-03-03T10:30:00+07:00', amount: '4', unit: 'working-hours' };
    const cases: [string, Record<string, string>, { path: string; message: string }][] = [
      [
        'negative amount',
        { ...ok, amount: '-1' },
        { path: 'querystring/amount', message: 'Too small: expected number to be >=0' },
      ],
      [
        'amount that is not a number',
        { ...ok, amount: 'năm' },
        { path: 'querystring/amount', message: 'Invalid input: expected number, received NaN' },
      ],
      [
        'amount over ten years',
        { ...ok, amount: '3651' },
        { path: 'querystring/amount', message: 'Too big: expected number to be <=3650' },
      ],
      [
        'unknown unit value',
        { ...ok, unit: 'weeks' },
        {
          path: 'querystring/unit',
          message: 'Invalid option: expected one of "working-days"|"working-hours"|"calendar-days"',
        },
      ],
      [
        'datetime without offset',
        { ...ok, from: '2026-03-03T10:30:00' },
        { path: 'querystring/from', message: 'Invalid ISO datetime' },
      ],
      [
        'not a datetime',
        { ...ok, from: '03/03/2026 10:30' },
        { path: 'querystring/from', message: 'Invalid ISO datetime' },
      ],
      [
        'impossible date',
        { ...ok, from: '2026-02-30T10:30:00+07:00' },
        { path: 'querystring/from', message: 'Invalid ISO datetime' },
      ],
      [
        'malformed unit_id',
        { ...ok, unit_id: 'so-xay-dung' },
        { path: 'querystring/unit_id', message: 'Invalid UUID' },
      ],
      [
        'bad same_day',
        { ...ok, same_day: 'yes' },
        { path: 'querystring/same_day', message: 'Invalid option: expected one of "true"|"false"' },
      ],
      [
        'unknown parameter',
        { ...ok, timezone: 'Asia/Ho_Chi_Minh' },
        { path: 'querystring/', message: 'Unrecognized key: "timezone"' },
      ],
    ];
    for (const [label, params, issue] of cases) {
      const r = await dueRequest(params);
      expect({ label, status: r.status, body: r.json }).toEqual({
        label,
        status: 400,
        body: {
          error: { code: 'VALIDATION_FAILED', message: 'Invalid querystring', details: { issues: [issue] } },
        },
      });
    }
    const missing = await dueRequest({ amount: '4', unit: 'working-hours' });
    expect(missing.status).toBe(400);
    expect(missing.json.error?.code).toBe('VALIDATION_FAILED');
  });

  it('answers an unknown unit with 404 UNIT_NOT_FOUND naming the unit', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const r = await dueRequest({
      from: '2026-03-03T10:30:00+07:00',
      amount: '4',
      unit: 'working-hours',
      unit_id: unknown,
    });
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ error: { code: 'UNIT_NOT_FOUND', message: `Unit ${unknown} not found` } });
  });
});

describe('calendar overrides (PUT/DELETE /api/calendar/overrides/{date}, admin)', () => {
  it('lets an admin declare an extra day off, which moves the due date, and remove it again', async () => {
    // 4 working days from Mon 2/3/2026 09:00 → Fri 6/3 09:00.
    const query = { from: '2026-03-02T09:00:00+07:00', amount: '4', unit: 'working-days' };
    const before = await due(query);
    expect(before.dueAt).toBe(at('2026-03-06', '09:00'));

    t.setNow('2026-03-02T10:00:00+07:00');
    const res = await setOverride('2026-03-05', {
      kind: 'day_off',
      name: 'Nghỉ do bão số 3',
      reference: 'Quyết định 12/QĐ-UBND',
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      date: '2026-03-05',
      kind: 'day_off',
      name: 'Nghỉ do bão số 3',
      reference: 'Quyết định 12/QĐ-UBND',
      source: 'local',
    });

    // Thu 5/3 is skipped: Fri 6/3 and Mon 9/3 take its place → Mon 9/3 09:00.
    const after = await due(query);
    expect(after.dueAt).toBe(at('2026-03-09', '09:00'));
    expect(after.calendarVersion).not.toBe(before.calendarVersion);
    expect(after.explanation).toContainEqual({
      type: 'skipped',
      fromDate: '2026-03-05',
      toDate: '2026-03-05',
      dayKind: 'day_off',
      name: 'Nghỉ do bão số 3',
    });
    expect(after.explanationText.vi).toContain('Không tính 05/03/2026: Nghỉ do bão số 3');
    expect(after.explanationText.vi).toContain('Không tính 07/03–08/03/2026: Nghỉ cuối tuần');

    const listed = (await overridesOf(2026)).filter((o) => o.date === '2026-03-05');
    expect(listed).toEqual([
      {
        date: '2026-03-05',
        kind: 'day_off',
        name: 'Nghỉ do bão số 3',
        reference: 'Quyết định 12/QĐ-UBND',
        source: 'local',
      },
    ]);
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['actorType', 'actorId', 'summary', 'occurredAt'])
      .where('eventType', '=', 'calendar.override_set')
      .where('entityId', '=', '2026-03-05')
      .execute();
    expect(audit).toEqual([
      {
        actorType: 'officer',
        actorId: admin.id,
        summary: { kind: 'day_off', name: 'Nghỉ do bão số 3' },
        occurredAt: new Date('2026-03-02T10:00:00+07:00'),
      },
    ]);

    const removed = await call(t, 'DELETE', '/api/calendar/overrides/2026-03-05', { token: admin.token });
    expect(removed.status).toBe(204);
    expect((await due(query)).dueAt).toBe(at('2026-03-06', '09:00'));
    expect((await overridesOf(2026)).some((o) => o.date === '2026-03-05')).toBe(false);
    const again = await call(t, 'DELETE', '/api/calendar/overrides/2026-03-05', { token: admin.token });
    expect(again.status).toBe(404);
    expect(again.json.error?.code).toBe('NOT_FOUND');
  });

  it('wins over the shipped official override of the same date', async () => {
    // Shipped: Mon 31/8/2026 is a day off (swapped with Sat 22/8), then 1–2/9 National Day.
    const shipped = (await overridesOf(2026)).filter((o) => o.date === '2026-08-31');
    expect(shipped).toEqual([
      {
        date: '2026-08-31',
        kind: 'day_off',
        name: 'Nghỉ lễ Quốc khánh (hoán đổi với thứ Bảy 22/08/2026)',
        reference: 'Công văn 9859/VPCP-KGVX ngày 13/10/2025',
        source: 'official',
      },
    ]);
    // 1 working day from Fri 28/8 09:00: 6 h on Friday, 2 h on Thu 3/9 → 09:00.
    const query = { from: '2026-08-28T09:00:00+07:00', amount: '1', unit: 'working-days' };
    expect((await due(query)).dueAt).toBe(at('2026-09-03', '09:00'));

    const res = await setOverride('2026-08-31', { kind: 'working_day', name: 'Làm việc bình thường' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      date: '2026-08-31',
      kind: 'working_day',
      name: 'Làm việc bình thường',
      reference: null,
      source: 'local',
    });
    expect((await due(query)).dueAt).toBe(at('2026-08-31', '09:00'));
    // One entry per date: the local one.
    expect((await overridesOf(2026)).filter((o) => o.date === '2026-08-31')).toEqual([
      {
        date: '2026-08-31',
        kind: 'working_day',
        name: 'Làm việc bình thường',
        reference: null,
        source: 'local',
      },
    ]);
    const days = await call(t, 'GET', '/api/calendar/days?year=2026');
    expect(days.status).toBe(200);
    const day = (days.json as unknown as { date: string; isWorkingDay: boolean }[]).find(
      (d) => d.date === '2026-08-31',
    );
    expect(day?.isWorkingDay).toBe(true);

    // Removing the local entry brings back the shipped one.
    expect(
      (await call(t, 'DELETE', '/api/calendar/overrides/2026-08-31', { token: admin.token })).status,
    ).toBe(204);
    expect((await due(query)).dueAt).toBe(at('2026-09-03', '09:00'));
    expect((await overridesOf(2026)).filter((o) => o.date === '2026-08-31')).toEqual(shipped);
  });

  it('is refused to non-admins and writes nothing', async () => {
    const body = { kind: 'day_off', name: 'Nghỉ không hợp lệ' };
    const bySpecialist = await setOverride('2026-03-10', body, specialist.token);
    expect(bySpecialist.status).toBe(403);
    expect(bySpecialist.json.error?.code).toBe('FORBIDDEN');
    const byCitizen = await setOverride('2026-03-10', body, citizen.token);
    expect(byCitizen.status).toBe(403);
    expect(byCitizen.json.error?.code).toBe('FORBIDDEN');
    const anonymous = await call(t, 'PUT', '/api/calendar/overrides/2026-03-10', { body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error?.code).toBe('UNAUTHENTICATED');
    const del = await call(t, 'DELETE', '/api/calendar/overrides/2026-08-31', { token: specialist.token });
    expect(del.status).toBe(403);

    expect((await overridesOf(2026)).some((o) => o.date === '2026-03-10')).toBe(false);
    const rows = await t.db
      .selectFrom('calendarOverride')
      .select('date')
      .where('date', '=', '2026-03-10')
      .execute();
    expect(rows).toEqual([]);
    // 1 working day from Mon 9/3 09:00 still ends Tue 10/3 09:00.
    expect((await due({ from: '2026-03-09T09:00:00+07:00', amount: '1', unit: 'working-days' })).dueAt).toBe(
      at('2026-03-10', '09:00'),
    );
  });

  it('rejects an invalid date or body with 400', async () => {
    const body = { kind: 'day_off', name: 'Nghỉ đột xuất' };
    for (const date of ['2026-02-30', '2026-13-01', '10-03-2026', 'hom-nay']) {
      const r = await setOverride(date, body);
      expect({ date, status: r.status, code: r.json.error?.code, message: r.json.error?.message }).toEqual({
        date,
        status: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid params',
      });
    }
    const bodies: Record<string, unknown>[] = [
      { kind: 'holiday', name: 'Nghỉ đột xuất' },
      { kind: 'day_off', name: 'x' },
      { kind: 'day_off' },
      { kind: 'day_off', name: 'Nghỉ đột xuất', createdBy: admin.id },
    ];
    for (const b of bodies) {
      const r = await setOverride('2026-03-10', b);
      expect({ b, status: r.status, code: r.json.error?.code }).toEqual({
        b,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    const rows = await t.db
      .selectFrom('calendarOverride')
      .select('date')
      .where('date', '=', '2026-03-10')
      .execute();
    expect(rows).toEqual([]);
  });
});
