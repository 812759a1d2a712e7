import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext, type TestCitizen } from '../../../test/test-context.ts';
import { AppError } from '../../errors/app-error.ts';
import { HTTP_STATUS_BY_CODE } from '../../errors/http-status.ts';
import type { Actor } from '../../shared/actor.ts';
import { resolveSession } from '../user/user.service.ts';
import {
  computeIndicators766,
  getDashboard,
  getTransparency,
  requestStatisticsRebuild,
} from './statistics-dashboard.service.ts';
import { computeReport06a } from './statistics.service.ts';

/**
 * The leaders' overview, the transparency page, the 766 indicators and the rebuild, hand-checked
 * on a small history built through the real dossier services (HTTP routes). Procedure: 5 working
 * days, competent agency Sở Xây dựng; office hours 07:00–11:30 and 13:30–17:00 (8 h a day).
 *
 * | dossier | channel  | received          | due               | end                    | at "now" (Wed 11/3 14:00)   |
 * | A       | counter  | Mon 2/3 09:00     | Mon 9/3 09:00     | result Wed 4/3 10:00   | settled early, rated 5      |
 * | B       | counter  | Mon 2/3 10:00     | Mon 9/3 10:00     | result Wed 11/3 09:00  | settled late, rated 1       |
 * | C       | online   | Mon 2/3 11:00     | Mon 9/3 11:00     | –                      | overdue                     |
 * | D       | online   | refused Tue 3/3   | –                 | –                      | refused at intake           |
 * | E       | counter  | Wed 4/3 09:00     | Wed 11/3 09:00    | –                      | due today: within time      |
 * | F       | counter  | Thu 5/3 09:00     | Thu 12/3 09:00    | –                      | due on the next working day |
 * | G       | counter  | Mon 9/3 09:00     | Mon 16/3 09:00    | supplement Tue 10/3    | paused: within time         |
 * | T1      | counter  | Wed 11/3 09:30    | Wed 18/3 09:30    | –                      | received today              |
 * | T2      | online   | Wed 11/3 10:00    | Wed 18/3 10:00    | –                      | received today              |
 * | T3      | online   | submitted 11/3    | –                 | –                      | not received yet            |
 */

const t = useTestContext();
let cast: Cast;
let citizen: TestCitizen;
let procedureCode: string;
let leader: Actor;
let admin: Actor;

const NOW = '2026-03-11T14:00:00+07:00';
const at = (day: string, time: string) => t.setNow(`2026-03-${day}T${time}:00+07:00`);

async function actorOf(token: string): Promise<Actor> {
  const actor = await resolveSession(t.ctx, token);
  if (!actor) throw new Error('no session');
  return actor;
}

async function submitOnline() {
  const res = await call(t, 'POST', '/api/dossiers', {
    token: citizen.token,
    body: {
      procedureCode,
      applicant: { kind: 'citizen', fullName: 'Nguyễn Văn An', idNumber: citizen.idNumber },
      components: ['don', 'ban-ve', 'giay-to-dat'].map((code) => ({
        code,
        isProvided: true,
        isReused: true,
      })),
    },
  });
  if (res.status !== 201) throw new Error(`submit failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as unknown as { code: string; version: number };
}

/** Transfer to the department and let the division head assign the specialist. */
async function toSpecialist(code: string, version: number, day: string, time: string, assignAt: string) {
  at(day, time);
  const d = await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: version });
  at(day, assignAt);
  return mustAct(t, cast.divisionHead.token, code, {
    action: 'complete_step',
    expectedVersion: d.version,
    assigneeId: cast.specialist.id,
  });
}

/** Appraisal, approval, result and return, each at the given instant. */
async function settle(code: string, version: number, times: [string, string][]) {
  const [appraise, approve, issue, ret] = times;
  if (!appraise || !approve || !issue || !ret) throw new Error('four instants');
  at(...appraise);
  let d = await mustAct(t, cast.specialist.token, code, {
    action: 'complete_step',
    expectedVersion: version,
  });
  at(...approve);
  d = await mustAct(t, cast.leader.token, code, { action: 'approve', expectedVersion: d.version });
  at(...issue);
  d = await mustAct(t, cast.clerk.token, code, {
    action: 'issue_result',
    expectedVersion: d.version,
    resultNumber: `${code}/GPXD`,
    summary: 'Giấy phép xây dựng',
  });
  at(...ret);
  return mustAct(t, cast.receiving.token, code, {
    action: 'return_result',
    expectedVersion: d.version,
    method: 'counter',
    receiverName: 'Trần Thị Bình',
  });
}

async function rate(code: string, secret: string, score: number) {
  const res = await call(t, 'POST', '/api/public/rating', { body: { code, secret, score } });
  if (res.status !== 201) throw new Error(`rating failed: ${res.status} ${JSON.stringify(res.json)}`);
}

beforeAll(async () => {
  t.setNow('2026-03-02T08:00:00+07:00');
  cast = await makeCast(t);
  citizen = await t.newCitizen();
  leader = await actorOf(cast.leader.token);
  admin = await actorOf(cast.admin.token);
  procedureCode = (await t.newProcedure()).code;
  // A second procedure of the department, counter only (766 indicator 3.1: 1 of 2 online).
  await t.newProcedure({
    content: { onlineServiceLevel: 'none', channels: [{ channel: 'counter', fees: [] }] },
  });

  at('02', '09:00');
  const a = await receiveAtCounter(t, cast, procedureCode);
  const a1 = await toSpecialist(a.code, a.version, '02', '09:05', '09:10');
  at('02', '10:00');
  const b = await receiveAtCounter(t, cast, procedureCode);
  const b1 = await toSpecialist(b.code, b.version, '02', '10:30', '11:00');
  at('02', '10:30');
  const c = await submitOnline();
  at('02', '11:00');
  const c1 = await mustAct(t, cast.receiving.token, c.code, { action: 'accept', expectedVersion: c.version });
  at('02', '11:05');
  await mustAct(t, cast.receiving.token, c.code, { action: 'transfer', expectedVersion: c1.version });

  at('03', '09:00');
  const d = await submitOnline();
  at('03', '09:30');
  await mustAct(t, cast.receiving.token, d.code, {
    action: 'refuse',
    expectedVersion: d.version,
    reason: 'Thủ tục không thuộc thẩm quyền',
  });

  // A: appraised Tue 3/3 09:00, approved Wed 4/3 08:00, result Wed 4/3 10:00 (no step late).
  await settle(a.code, a1.version, [
    ['03', '09:00'],
    ['04', '08:00'],
    ['04', '10:00'],
    ['04', '10:30'],
  ]);
  at('04', '11:00');
  await rate(a.code, a.lookupSecret, 5);

  at('04', '09:00');
  const e = await receiveAtCounter(t, cast, procedureCode);
  at('04', '09:30');
  await mustAct(t, cast.receiving.token, e.code, { action: 'transfer', expectedVersion: e.version });
  at('05', '09:00');
  const f = await receiveAtCounter(t, cast, procedureCode);
  at('05', '09:30');
  await mustAct(t, cast.receiving.token, f.code, { action: 'transfer', expectedVersion: f.version });

  at('09', '09:00');
  const g = await receiveAtCounter(t, cast, procedureCode);
  const g1 = await toSpecialist(g.code, g.version, '09', '09:30', '10:00');
  at('10', '09:00');
  await mustAct(t, cast.specialist.token, g.code, {
    action: 'request_supplement',
    expectedVersion: g1.version,
    reason: 'Hồ sơ thiếu bản vẽ mặt bằng móng',
    items: [{ componentCode: 'ban-ve', name: 'Bản vẽ thiết kế', reason: 'Thiếu bản vẽ mặt bằng móng' }],
  });

  // B: the appraisal (2 working days from Mon 2/3 11:00) ends Wed 11/3 08:00: late, and so is B.
  await settle(b.code, b1.version, [
    ['11', '08:00'],
    ['11', '08:30'],
    ['11', '09:00'],
    ['11', '09:10'],
  ]);
  at('11', '09:15');
  await rate(b.code, b.lookupSecret, 1);

  at('11', '09:30');
  await receiveAtCounter(t, cast, procedureCode);
  at('11', '09:45');
  const t2 = await submitOnline();
  at('11', '10:00');
  await mustAct(t, cast.receiving.token, t2.code, { action: 'accept', expectedVersion: t2.version });
  at('11', '10:15');
  await submitOnline();

  t.setNow(NOW);
});

describe("leaders' overview", () => {
  it('counts today, now and the period by hand', async () => {
    const d = await getDashboard(t.ctx, leader, {});
    expect(d.unit?.id).toBe(cast.tree.department.id);
    expect(d.now).toBe(new Date(NOW).toISOString());
    expect(d.today).toEqual({
      date: '2026-03-11',
      receivedByChannel: { counter: 1, online: 1, postal: 0, chat: 0 },
      submittedOnline: 2,
      settled: 1,
    });
    expect(d.overdueNow).toBe(1); // C (E is due today: still within time)
    expect(d.dueWithinOneWorkingDay).toBe(2); // E today, F Thursday (G is paused)
    expect(d.inProgress).toBe(6); // C, E, F, G, T1, T2
    expect(d.period).toEqual({ from: '2026-01-01', to: '2026-03-11' });
    expect(d.counts).toEqual({
      receivedTotal: 8,
      receivedOnline: 2,
      receivedDirect: 6,
      carriedOver: 0,
      settledTotal: 2,
      settledEarly: 1,
      settledOnTime: 0,
      settledLate: 1,
      inProgressTotal: 6,
      inProgressWithinTime: 5,
      inProgressOverdue: 1,
      settledWithdrawn: 0,
    });
    expect(d.onTimeRate).toBe(50);
    // A: Mon 6 h + Tue 8 h + Wed 3 h = 1020 min; B: Mon 5 h + 6 × 8 h + Wed 2 h = 3300 min.
    // (1020 + 3300) / 2 / 480 = 4.5 working days.
    expect(d.rates).toEqual({ supplement: 12.5, refusal: 11.11, online: 25, averageSettlementDays: 4.5 });
    expect(d.satisfaction).toEqual({ ratings: 2, average: 3, satisfiedRate: 50, unsatisfiedRate: 50 });
    expect(d.slowestProcedures).toEqual([
      {
        procedureCode,
        name: 'Cấp giấy phép xây dựng mới đối với công trình cấp III',
        settled: 2,
        late: 1,
        lateRate: 50,
        averageDays: 4.5,
      },
    ]);
  });

  it('ranks the steps of the department by late share', async () => {
    const d = await getDashboard(t.ctx, leader, {});
    // Steps of the department only (receipt and return are the province centre's); then by hours.
    const steps = d.slowestSteps.map((s) => [s.stepCode, s.completed, s.late, s.lateRate, s.averageHours]);
    expect(steps).toEqual([
      ['tham-dinh', 2, 1, 50, 118.42],
      ['phe-duyet', 2, 0, 0, 11.75], // A 23 h, B 0.5 h
      ['ban-hanh', 2, 0, 0, 1.25], // A 2 h, B 0.5 h
      ['phan-cong', 3, 0, 0, 0.36], // 5 + 30 + 30 min
    ]);
    const appraisal = d.slowestSteps[0];
    expect(appraisal).toMatchObject({
      procedureCode,
      stepName: 'Chuyên viên thẩm định',
      unitName: 'Sở Xây dựng',
      // A: Mon 09:10 → Tue 09:00 = 1430 min; B: Mon 11:00 → Wed 11/3 08:00 = 12780 min.
      averageHours: 118.42,
    });
  });

  it('draws the on-time trend from the same numbers as Biểu II.06a of each week and month', async () => {
    const d = await getDashboard(t.ctx, leader, {});
    expect(d.weekly).toHaveLength(11);
    expect(d.weekly[0]).toMatchObject({ from: '2026-01-01', to: '2026-01-04' });
    expect(d.weekly.slice(-2)).toEqual([
      { from: '2026-03-02', to: '2026-03-08', settled: 1, onTime: 1, onTimeRate: 100, received: 5 },
      { from: '2026-03-09', to: '2026-03-11', settled: 1, onTime: 0, onTimeRate: 0, received: 3 },
    ]);
    expect(d.monthly.map((m) => [m.from, m.to, m.settled, m.onTime, m.onTimeRate, m.received])).toEqual([
      ['2026-01-01', '2026-01-31', 0, 0, null, 0],
      ['2026-02-01', '2026-02-28', 0, 0, null, 0],
      ['2026-03-01', '2026-03-11', 2, 1, 50, 8],
    ]);
    for (const point of [...d.weekly, ...d.monthly]) {
      const report = await computeReport06a(t.ctx, leader, {
        from: point.from,
        to: point.to,
        groupBy: 'total',
      });
      const c = report.total.counts;
      expect(point).toEqual({
        from: report.period.from,
        to: report.period.to,
        settled: c.settledTotal,
        onTime: c.settledEarly + c.settledOnTime,
        onTimeRate: report.total.onTimeRate,
        received: c.receivedOnline + c.receivedDirect,
      });
    }
    // The period's tiles are the report's total row; "now" is today's report.
    const period = await computeReport06a(t.ctx, leader, { from: '2026-01-01', to: '2026-03-11' });
    expect(d.counts).toEqual(period.total.counts);
    const today = await computeReport06a(t.ctx, leader, { from: '2026-03-11', to: '2026-03-11' });
    expect([d.overdueNow, d.inProgress, d.today.settled]).toEqual([
      today.total.counts.inProgressOverdue,
      today.total.counts.inProgressTotal,
      today.total.counts.settledTotal,
    ]);
  });

  it('judges a past period at its end and refuses officers without a report role', async () => {
    const d = await getDashboard(t.ctx, leader, { from: '2026-03-02', to: '2026-03-08' });
    expect(d.counts).toMatchObject({
      receivedTotal: 5,
      settledEarly: 1,
      inProgressTotal: 4,
      inProgressOverdue: 0,
    });
    expect(d.overdueNow).toBe(1);
    const specialist = await actorOf(cast.specialist.token);
    await expect(getDashboard(t.ctx, specialist, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getDashboard(t.ctx, leader, { unitId: cast.tree.otherDepartment.id })).rejects.toMatchObject(
      { code: 'FORBIDDEN' },
    );
  });
});

describe('Decision 766 indicators', () => {
  it('scores a known case', async () => {
    const r = await computeIndicators766(t.ctx, leader, {
      from: '2026-01-01',
      to: '2026-03-11',
      byUnit: 'true',
    });
    const byId = new Map(r.evaluation.indicators.map((i) => [i.id, i]));
    // 2.1 = (8 + 9 + 12) / 3 = (1 + 0 + 5) / 8 = 75 % of a 100 % target → 15 of 20.
    expect(byId.get('2.1')).toMatchObject({ numerator: 6, denominator: 8, value: 75, score: 15 });
    expect(byId.get('2.2')).toMatchObject({ value: 4.5, score: null, notAvailableReason: null });
    // 3.1 = 1 of the 2 procedures of the department is online: 50 % of 80 % → 3.75 of 6.
    expect(byId.get('3.1')).toMatchObject({ numerator: 1, denominator: 2, value: 50, score: 3.75 });
    // 3.3 = 2 online of 8 received: 25 % of 50 % → 3 of 6.
    expect(byId.get('3.3')).toMatchObject({ numerator: 2, denominator: 8, value: 25, score: 3 });
    expect(byId.get('3.6')).toMatchObject({ value: null, score: null });
    expect(byId.get('3.6')?.notAvailableReason).toContain('thanh toán trực tuyến');
    // 4.2: no component file attached; 4.3: C and T2 reuse their components (25 % of 80 % → 3.44 of 11).
    expect(byId.get('4.2')).toMatchObject({ numerator: 0, denominator: 8, value: 0, score: 0 });
    expect(byId.get('4.3')).toMatchObject({ numerator: 2, denominator: 8, value: 25, score: 3.44 });
    // 5.4 = 100 % − (1 late of 2 + 1 rating of 1 star of 2) = 0 %.
    expect(byId.get('5.4')).toMatchObject({ numerator: 0, denominator: 2, value: 0, score: 0 });
    expect(r.evaluation.score).toBe(25.19);
    expect(r.evaluation.scoredMax).toBe(72);
    expect(r.evaluation.percent).toBe(34.99);
    expect(r.evaluation.grade?.code).toBe('weak');
    expect(r.evaluation.groups.find((g) => g.group === 3)).toMatchObject({ score: 6.75, scoredMax: 12 });
    expect(r.evaluation.groups.find((g) => g.group === 5)).toMatchObject({ score: null, scoredMax: 0 });
    // Units under the department: its own dossiers and the (empty) division.
    expect(r.units.map((u) => [u.unit.name, u.evaluation.score])).toEqual([
      ['Phòng Quản lý xây dựng', 0],
      ['Sở Xây dựng', 25.19],
    ]);
    const division = r.units[0]?.evaluation.indicators ?? [];
    expect(
      division.every(
        (i) =>
          i.value === null &&
          /[ạảãáàậẩẫấầặẳẵắằệểễếềịỉĩíìộổỗốồợởỡớờụủũúùựửữứừỵỷỹýỳđ]/.test(i.notAvailableReason ?? ''),
      ),
    ).toBe(true);
  });
});

describe('public transparency', () => {
  it('shows the province this year without personal data', async () => {
    const p = await getTransparency(t.ctx, {});
    expect(p.provinceName).toBe('Ủy ban nhân dân tỉnh Thử Nghiệm');
    expect(p.period).toEqual({ from: '2026-01-01', to: '2026-03-11' });
    expect(p.isPartial).toBe(true);
    expect(p.total.counts).toMatchObject({ receivedTotal: 8, settledTotal: 2, inProgressOverdue: 1 });
    expect(p.total.onTimeRate).toBe(50);
    expect(p.onlineRate).toBe(25);
    expect(p.satisfaction).toEqual({ ratings: 2, average: 3 });
    expect(p.monthly.at(-1)).toMatchObject({ from: '2026-03-01', settled: 2, onTime: 1, onTimeRate: 50 });
    expect(p.agencies.map((a) => [a.unit.name, a.onTimeRate, a.rank, a.rateClass])).toEqual([
      ['Sở Xây dựng', 50, 1, 'e'],
      ['Sở Tư pháp', null, null, 'none'],
    ]);
    expect(p.communes.map((c) => [c.unit.name, c.rank])).toEqual([
      ['Ủy ban nhân dân xã Hai', null],
      ['Ủy ban nhân dân xã Một', null],
    ]);
    const text = JSON.stringify(p);
    for (const personal of ['Trần Thị Bình', 'Nguyễn Văn An', '038190001234', citizen.idNumber, 'T.SXD-26'])
      expect(text).not.toContain(personal);
    expect(text).not.toMatch(/applicant|lookupSecret|officer/i);
  });
});

describe('rebuild', () => {
  it('is for admins only (403) and leaves the numbers unchanged', async () => {
    const refused = await requestStatisticsRebuild(t.ctx, leader, {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(HTTP_STATUS_BY_CODE[(refused as AppError).code]).toBe(403);

    const query = { from: '2026-01-01', to: '2026-03-11' };
    const before = {
      dashboard: await getDashboard(t.ctx, leader, {}),
      indicators: await computeIndicators766(t.ctx, leader, { ...query, byUnit: 'true' }),
      report: await computeReport06a(t.ctx, leader, { ...query, groupBy: 'procedure' }),
      transparency: { ...(await getTransparency(t.ctx, {})), generatedAt: '' },
    };
    const result = await requestStatisticsRebuild(t.ctx, admin, { requestId: 'req-rebuild' });
    expect(result.dossiers).toBe(10);
    const after = {
      dashboard: await getDashboard(t.ctx, leader, {}),
      indicators: await computeIndicators766(t.ctx, leader, { ...query, byUnit: 'true' }),
      report: await computeReport06a(t.ctx, leader, { ...query, groupBy: 'procedure' }),
      transparency: { ...(await getTransparency(t.ctx, {})), generatedAt: '' },
    };
    expect(after).toEqual(before);

    const audit = await t.db
      .selectFrom('auditLog')
      .select(['actorId', 'entityType', 'summary', 'requestId'])
      .where('eventType', '=', 'statistics.rebuilt')
      .execute();
    expect(audit).toEqual([
      {
        actorId: cast.admin.id,
        entityType: 'statistics',
        summary: { dossiers: 10, seconds: result.seconds },
        requestId: 'req-rebuild',
      },
    ]);
  });
});
