import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { useTestContext, type TestOfficer } from '../../../test/test-context.ts';
import { AppError } from '../../errors/app-error.ts';
import { startSandbox, type Sandbox } from '../../sandbox/sandbox-server.ts';
import { SYSTEM_ACTOR, type Actor } from '../../shared/actor.ts';
import type { AppContext, Logger } from '../../shared/app-context.ts';
import { outboxHandlers } from '../../worker/handlers.ts';
import { OutboxWorker, type OutboxMessage } from '../outbox/outbox.worker.ts';
import { resolveSession } from '../user/user.service.ts';
import {
  cancelSubscription,
  createSubscription,
  getWeeklyReport,
  isoWeekOf,
  listWeeklySubscriptions,
  nextWeeklyRunAfter,
  sendWeeklyReport,
} from './statistics-weekly.service.ts';
import { computeReport06a } from './statistics.service.ts';

/**
 * The weekly report and its e-mail subscriptions, on a small history built through the real
 * dossier services (5 working days per dossier, settled by a stop of the agency's leader):
 *
 * | dossier | agency      | received        | due             | end                  |
 * | A       | Sở Xây dựng | Tue 24/2 09:00  | Tue 3/3 09:00   | stopped Wed 25/2: early (previous week) |
 * | B       | Sở Xây dựng | Wed 25/2 09:00  | Wed 4/3 09:00   | stopped Thu 5/3: late                   |
 * | C       | Sở Xây dựng | Mon 2/3 09:00   | Mon 9/3 09:00   | stopped Tue 3/3: early                  |
 * | D       | Sở Tư pháp  | Tue 24/2 10:00  | Tue 3/3 10:00   | open: overdue from Wed 4/3              |
 * | E       | Sở Tư pháp  | Wed 25/2 10:00  | Wed 4/3 10:00   | stopped Fri 6/3: late                   |
 *
 * The week reported is Mon 2/3 – Sun 8/3/2026 (ISO week 10), the week before Mon 23/2 – Sun 1/3.
 */

const t = useTestContext();
const silent: Logger = { info() {}, warn() {}, error() {}, debug() {} };
let sandbox: Sandbox;
let ctx: AppContext;
let cast: Cast;
let provinceLeader: Actor;
let departmentLeader: Actor;
let specialist: Actor;
let stpLeader: TestOfficer;

const WEEK = { from: '2026-03-02', to: '2026-03-08' };
const PREVIOUS = { from: '2026-02-23', to: '2026-03-01' };
/** Monday 9/3/2026 07:00 in Vietnam: the run after the week. */
const RUN_AT = '2026-03-09T00:00:00.000Z';
const NEXT_RUN_AT = '2026-03-16T00:00:00.000Z';

const at = (day: string, time: string) => t.setNow(`2026-${day}T${time}:00+07:00`);

async function actorOf(token: string): Promise<Actor> {
  const actor = await resolveSession(t.ctx, token);
  if (!actor) throw new Error('no session');
  return actor;
}

/** The server's worker (real handlers) over the sandbox configuration; retries at once. */
function worker(): OutboxWorker {
  return new OutboxWorker({
    db: t.db,
    clock: () => t.now(),
    logger: silent,
    handlers: outboxHandlers(ctx),
    backoffMs: () => 0,
  });
}

/** Counter intake at the province centre, then transfer to the agency five minutes later. */
async function intake(procedureCode: string, day: string, time: string) {
  at(day, time);
  const d = await receiveAtCounter(t, cast, procedureCode);
  t.advance(5 * 60_000);
  const moved = await mustAct(t, cast.receiving.token, d.code, {
    action: 'transfer',
    expectedVersion: d.version,
  });
  return { code: d.code, version: moved.version };
}

async function stop(token: string, dossier: { code: string; version: number }, day: string, time: string) {
  at(day, time);
  await mustAct(t, token, dossier.code, {
    action: 'stop',
    expectedVersion: dossier.version,
    reason: 'Hồ sơ không đủ điều kiện giải quyết',
  });
}

async function weeklyMessages(subscriptionId: string) {
  return t.db
    .selectFrom('outboxMessage')
    .selectAll()
    .where('topic', '=', 'statistics.weekly_report')
    .where('aggregateId', '=', subscriptionId)
    .orderBy('id')
    .execute();
}

async function subscriptionRow(id: string) {
  return t.db.selectFrom('reportSubscription').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function auditOf(id: string) {
  return t.db
    .selectFrom('auditLog')
    .select(['eventType', 'actorId', 'summary'])
    .where('entityId', '=', id)
    .orderBy('occurredAt')
    .execute();
}

/** Waits for the e-mails already sent, then a moment more so that a duplicate would show. */
async function mailsTo(address: string) {
  await new Promise((resolve) => setTimeout(resolve, 150));
  return sandbox.mail.messages.filter((m) => m.to.includes(address));
}

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  ctx = { ...t.ctx, config: { ...t.ctx.config, ...sandbox.settings, INTEGRATION_TIMEOUT_MS: 400 } };
  at('02-23', '08:00');
  cast = await makeCast(t);
  const province = await t.newOfficer([{ role: 'leader', unitId: cast.tree.province.id }]);
  stpLeader = await t.newOfficer([{ role: 'leader', unitId: cast.tree.otherDepartment.id }]);
  provinceLeader = await actorOf(province.token);
  departmentLeader = await actorOf(cast.leader.token);
  specialist = await actorOf(cast.specialist.token);
  const sxd = (await t.newProcedure()).code;
  const stp = (
    await t.newProcedure({
      content: {
        name: 'Cấp bản sao trích lục hộ tịch',
        field: { code: 'ho-tich', name: 'Hộ tịch' },
        competentAgencyCode: 'T.STP',
      },
    })
  ).code;

  const a = await intake(sxd, '02-24', '09:00');
  await intake(stp, '02-24', '10:00'); // D: stays open
  const b = await intake(sxd, '02-25', '09:00');
  const e = await intake(stp, '02-25', '10:00');
  await stop(cast.leader.token, a, '02-25', '14:00');
  const c = await intake(sxd, '03-02', '09:00');
  await stop(cast.leader.token, c, '03-03', '09:00');
  await stop(cast.leader.token, b, '03-05', '09:00');
  await stop(stpLeader.token, e, '03-06', '09:00');
  // The dossier events of the history (notices to applicants) are not this file's business.
  await worker().drain();
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.clearAll();
});

describe('weeks and runs', () => {
  it('numbers ISO weeks and finds the next Monday 07:00 in Vietnam', () => {
    expect(isoWeekOf('2026-03-02')).toEqual({ week: 10, year: 2026 });
    expect(isoWeekOf('2026-12-28')).toEqual({ week: 53, year: 2026 });
    expect(isoWeekOf('2027-01-03')).toEqual({ week: 53, year: 2026 });
    expect(isoWeekOf('2027-01-04')).toEqual({ week: 1, year: 2027 });
    expect(nextWeeklyRunAfter(new Date('2026-03-04T12:00:00+07:00')).toISOString()).toBe(RUN_AT);
    expect(nextWeeklyRunAfter(new Date('2026-03-09T06:59:00+07:00')).toISOString()).toBe(RUN_AT);
    expect(nextWeeklyRunAfter(new Date('2026-03-09T07:00:00+07:00')).toISOString()).toBe(NEXT_RUN_AT);
    // Sunday 23:30 in Vietnam is Sunday 16:30 UTC: still the coming Monday.
    expect(nextWeeklyRunAfter(new Date('2026-03-08T23:30:00+07:00')).toISOString()).toBe(RUN_AT);
  });
});

describe('the weekly report', () => {
  beforeEach(() => at('03-09', '10:00'));

  it('has the numbers of Biểu II.06a for the week and the week before', async () => {
    const r = await getWeeklyReport(t.ctx, provinceLeader, { unitId: cast.tree.province.id });
    const week = await computeReport06a(t.ctx, provinceLeader, { ...WEEK, unitId: cast.tree.province.id });
    const previous = await computeReport06a(t.ctx, provinceLeader, {
      ...PREVIOUS,
      unitId: cast.tree.province.id,
    });
    expect(r.week).toEqual(WEEK);
    expect(r.previousWeek).toEqual(PREVIOUS);
    expect(r.counts).toEqual(week.total.counts);
    expect(r.previousCounts).toEqual(previous.total.counts);
    expect(r.onTimeRate).toBe(week.total.onTimeRate);
    expect(r.previousOnTimeRate).toBe(previous.total.onTimeRate);
    // By hand.
    expect(r.counts).toMatchObject({
      receivedTotal: 4,
      receivedOnline: 0,
      receivedDirect: 1,
      carriedOver: 3,
      settledTotal: 3,
      settledEarly: 1,
      settledOnTime: 0,
      settledLate: 2,
      inProgressTotal: 1,
      inProgressWithinTime: 0,
      inProgressOverdue: 1,
    });
    expect(r.previousCounts).toMatchObject({
      receivedTotal: 4,
      receivedDirect: 4,
      carriedOver: 0,
      settledTotal: 1,
      settledEarly: 1,
      inProgressTotal: 3,
      inProgressWithinTime: 3,
      inProgressOverdue: 0,
    });
    expect(r.onTimeRate).toBe(33.33);
    expect(r.previousOnTimeRate).toBe(100);
    expect(r.overdueNow).toBe(1);
    expect(r.unit?.id).toBe(cast.tree.province.id);
  });

  it('lists the child units with the lowest on-time rates, ranked among the children', async () => {
    const r = await getWeeklyReport(t.ctx, provinceLeader, { unitId: cast.tree.province.id });
    expect(
      r.worstUnits.map((u) => [u.unit.name, u.onTimeRate, u.counts.settledTotal, u.rank, u.rateClass]),
    ).toEqual([
      ['Sở Tư pháp', 0, 1, 2, expect.any(String)],
      ['Sở Xây dựng', 50, 2, 1, expect.any(String)],
    ]);
    // The rows equal the II.06a rows of the agencies.
    const week = await computeReport06a(t.ctx, provinceLeader, { ...WEEK, unitId: cast.tree.province.id });
    const sxd = week.rows.find((row) => row.unit?.id === cast.tree.department.id);
    expect(r.worstUnits[1]?.counts).toEqual(sxd?.counts);
  });

  it('defaults to last week and the widest scope, and reads as an e-mail', async () => {
    const r = await getWeeklyReport(t.ctx, provinceLeader, {});
    expect(r.week).toEqual(WEEK);
    expect(r.subject).toBe('Báo cáo tuần 10/2026 – Ủy ban nhân dân tỉnh Thử Nghiệm');
    expect(r.text).toContain('BÁO CÁO TUẦN 10/2026');
    expect(r.text).toContain(
      'Từ ngày 02/03/2026 đến ngày 08/03/2026; tuần trước: từ ngày 23/02/2026 đến ngày 01/03/2026',
    );
    expect(r.text).toContain('Tỷ lệ giải quyết đúng hạn: 33,3% (tuần trước: 100%)');
    expect(r.text).toContain('Hồ sơ đang quá hạn hiện nay: 1');
    expect(r.text).toContain('(3) Số hồ sơ nhận giải quyết: 4 (tuần trước: 4)');
    expect(r.text).toContain('    (10) Quá hạn: 2 (tuần trước: 0)');
    expect(r.text).toContain('1. Sở Tư pháp: 0% (0/1 hồ sơ đúng hạn)');
    expect(r.text).toContain('2. Sở Xây dựng: 50% (1/2 hồ sơ đúng hạn)');
    expect(r.text).not.toContain('tạm tính');
  });

  it('is limited to the actor’s report scope', async () => {
    const r = await getWeeklyReport(t.ctx, departmentLeader, {});
    const week = await computeReport06a(t.ctx, departmentLeader, WEEK);
    expect(r.unit?.id).toBe(cast.tree.department.id);
    expect(r.counts).toEqual(week.total.counts);
    expect(r.counts.settledTotal).toBe(2);
    await expectAppError(
      getWeeklyReport(t.ctx, departmentLeader, { unitId: cast.tree.otherDepartment.id }),
      'FORBIDDEN',
    );
    await expectAppError(getWeeklyReport(t.ctx, specialist, {}), 'FORBIDDEN');
  });

  it('refuses a week that does not start on a Monday or starts in the future', async () => {
    await expectAppError(
      getWeeklyReport(t.ctx, provinceLeader, { weekStart: '2026-03-03' }),
      'VALIDATION_FAILED',
    );
    await expectAppError(
      getWeeklyReport(t.ctx, provinceLeader, { weekStart: '2026-03-16' }),
      'VALIDATION_FAILED',
    );
    // This week so far: provisional.
    const partial = await getWeeklyReport(t.ctx, provinceLeader, { weekStart: '2026-03-09' });
    expect(partial.week).toEqual({ from: '2026-03-09', to: '2026-03-09' });
    expect(partial.text).toContain('Tuần chưa kết thúc: số liệu tạm tính.');
  });
});

describe('subscriptions', () => {
  it('creates a subscription whose first run is due next Monday 07:00, audited', async () => {
    at('03-04', '12:00');
    const s = await createSubscription(t.ctx, provinceLeader, {
      unitId: cast.tree.province.id,
      recipients: ['lanhdao@thanhhoa.gov.vn', 'vanphong@thanhhoa.gov.vn', 'LanhDao@thanhhoa.gov.vn'],
    });
    expect(s).toMatchObject({
      unit: { id: cast.tree.province.id, name: 'Ủy ban nhân dân tỉnh Thử Nghiệm' },
      recipients: ['lanhdao@thanhhoa.gov.vn', 'vanphong@thanhhoa.gov.vn'],
      language: 'vi',
      lastSentWeek: null,
      nextRunAt: RUN_AT,
    });
    const messages = await weeklyMessages(s.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.availableAt.toISOString()).toBe(RUN_AT);
    expect(messages[0]?.payload).toEqual({ subscriptionId: s.id, runAt: RUN_AT });
    expect(await auditOf(s.id)).toEqual([
      {
        eventType: 'statistics.subscription_created',
        actorId: provinceLeader.id,
        summary: { unitId: cast.tree.province.id, recipients: 2 },
      },
    ]);
    // Nothing runs before its time.
    at('03-09', '06:59');
    await worker().drain();
    expect(sandbox.mail.messages).toEqual([]);
    await cancelSubscription(t.ctx, provinceLeader, s.id);
  });

  it('lists the subscriptions of the units in the actor’s report scopes', async () => {
    at('03-04', '12:00');
    const province = await createSubscription(t.ctx, provinceLeader, {
      unitId: cast.tree.province.id,
      recipients: ['tinh@thanhhoa.gov.vn'],
    });
    const department = await createSubscription(t.ctx, departmentLeader, {
      unitId: cast.tree.department.id,
      recipients: ['sxd@thanhhoa.gov.vn'],
      language: 'en',
    });
    const mine = await listWeeklySubscriptions(t.ctx, departmentLeader);
    expect(mine.map((s) => s.id)).toEqual([department.id]);
    const all = (await listWeeklySubscriptions(t.ctx, provinceLeader)).map((s) => s.id);
    expect(all).toEqual(expect.arrayContaining([province.id, department.id]));
    await expectAppError(listWeeklySubscriptions(t.ctx, specialist), 'FORBIDDEN');
    await cancelSubscription(t.ctx, provinceLeader, province.id);
    await cancelSubscription(t.ctx, departmentLeader, department.id);
    expect((await listWeeklySubscriptions(t.ctx, provinceLeader)).map((s) => s.id)).not.toContain(
      department.id,
    );
  });

  it('sends one e-mail to each recipient at the run and schedules the next run', async () => {
    at('03-04', '12:00');
    const s = await createSubscription(t.ctx, provinceLeader, {
      unitId: cast.tree.province.id,
      recipients: ['giamdoc@thanhhoa.gov.vn', 'thuky@thanhhoa.gov.vn'],
    });
    at('03-09', '07:00');
    await worker().drain();
    await sandbox.mail.waitFor(2);
    const expected = await getWeeklyReport(t.ctx, SYSTEM_ACTOR, { unitId: cast.tree.province.id });
    for (const address of ['giamdoc@thanhhoa.gov.vn', 'thuky@thanhhoa.gov.vn']) {
      const mails = await mailsTo(address);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.to).toEqual([address]);
      expect(mails[0]?.subject).toBe('Báo cáo tuần 10/2026 – Ủy ban nhân dân tỉnh Thử Nghiệm');
      expect(mails[0]?.text.trim()).toBe(expected.text.trim());
      expect(mails[0]?.text).toContain('Tỷ lệ giải quyết đúng hạn: 33,3% (tuần trước: 100%)');
    }
    const row = await subscriptionRow(s.id);
    expect(row.lastSentWeek).toBe(WEEK.from);
    expect(row.nextRunAt.toISOString()).toBe(NEXT_RUN_AT);
    const messages = await weeklyMessages(s.id);
    expect(messages.map((m) => [m.availableAt.toISOString(), m.processedAt !== null])).toEqual([
      [RUN_AT, true],
      [NEXT_RUN_AT, false],
    ]);
    const logged = await t.db
      .selectFrom('notification')
      .select(['recipient', 'status', 'subject'])
      .where('event', '=', 'weekly_report')
      .where('recipient', 'in', ['giamdoc@thanhhoa.gov.vn', 'thuky@thanhhoa.gov.vn'])
      .execute();
    expect(logged).toHaveLength(2);
    expect(logged.every((l) => l.status === 'sent')).toBe(true);

    // The next Monday: the report of the week 9/3 – 15/3, and the run after it.
    sandbox.clearAll();
    at('03-16', '07:00');
    await worker().drain();
    await sandbox.mail.waitFor(2);
    const second = await mailsTo('giamdoc@thanhhoa.gov.vn');
    expect(second.map((m) => m.subject)).toEqual(['Báo cáo tuần 11/2026 – Ủy ban nhân dân tỉnh Thử Nghiệm']);
    expect((await subscriptionRow(s.id)).lastSentWeek).toBe('2026-03-09');
    expect((await weeklyMessages(s.id)).at(-1)?.availableAt.toISOString()).toBe('2026-03-23T00:00:00.000Z');
    await cancelSubscription(t.ctx, provinceLeader, s.id);
  });

  it('sends in the subscription’s language', async () => {
    at('03-04', '12:00');
    const s = await createSubscription(t.ctx, departmentLeader, {
      unitId: cast.tree.department.id,
      recipients: ['director@sxd.gov.vn'],
      language: 'en',
    });
    at('03-09', '07:00');
    await worker().drain();
    await sandbox.mail.waitFor(1);
    const [mail] = await mailsTo('director@sxd.gov.vn');
    expect(mail?.subject).toBe('Weekly report, week 10/2026 – Sở Xây dựng');
    expect(mail?.text).toContain('On-time rate: 50% (previous week: 100%)');
    expect(mail?.text).toContain('(7) Dossiers settled: 2 (previous week: 1)');
    await cancelSubscription(t.ctx, departmentLeader, s.id);
  });

  it('sends nothing twice when the same run is delivered again, and keeps one next run', async () => {
    at('03-04', '12:00');
    const s = await createSubscription(t.ctx, provinceLeader, {
      unitId: cast.tree.province.id,
      recipients: ['hai.lan@thanhhoa.gov.vn'],
    });
    const [first] = await weeklyMessages(s.id);
    if (!first) throw new Error('no run scheduled');
    const message: OutboxMessage = {
      id: first.id,
      topic: first.topic,
      aggregateType: first.aggregateType,
      aggregateId: first.aggregateId,
      payload: first.payload,
      attempts: 1,
      createdAt: first.createdAt,
    };
    at('03-09', '07:00');
    await sendWeeklyReport(ctx, message);
    // Redelivered (e.g. the worker crashed after the handler committed, before marking it done).
    t.advance(60_000);
    await sendWeeklyReport(ctx, message);
    // And the worker delivers the very same message once more.
    await worker().drain();
    await sandbox.mail.waitFor(1);
    expect(await mailsTo('hai.lan@thanhhoa.gov.vn')).toHaveLength(1);
    const pending = (await weeklyMessages(s.id)).filter((m) => m.processedAt === null);
    expect(pending.map((m) => m.availableAt.toISOString())).toEqual([NEXT_RUN_AT]);
    expect((await subscriptionRow(s.id)).lastSentWeek).toBe(WEEK.from);
    await cancelSubscription(t.ctx, provinceLeader, s.id);
  });

  it('leaves everything as it was when a run fails midway, so that the retry sends once', async () => {
    at('03-04', '12:00');
    const s = await createSubscription(t.ctx, provinceLeader, {
      unitId: cast.tree.province.id,
      recipients: ['loi@thanhhoa.gov.vn', 'sau@thanhhoa.gov.vn'],
    });
    const [first] = await weeklyMessages(s.id);
    if (!first) throw new Error('no run scheduled');
    const message: OutboxMessage = { ...first, attempts: 1 };
    // The second e-mail of the run cannot be enqueued: the whole run rolls back.
    await t.db
      .updateTable('reportSubscription')
      .set({ recipients: ['loi@thanhhoa.gov.vn', 'not-an-address'] })
      .where('id', '=', s.id)
      .execute();
    at('03-09', '07:00');
    const emailsBefore = await t.db
      .selectFrom('outboxMessage')
      .select('id')
      .where('topic', '=', 'email.send')
      .execute();
    await expect(sendWeeklyReport(ctx, message)).rejects.toThrow();
    const emailsAfter = await t.db
      .selectFrom('outboxMessage')
      .select('id')
      .where('topic', '=', 'email.send')
      .execute();
    expect(emailsAfter).toHaveLength(emailsBefore.length);
    const row = await subscriptionRow(s.id);
    expect([row.lastSentWeek, row.nextRunAt.toISOString()]).toEqual([null, RUN_AT]);
    expect(await weeklyMessages(s.id)).toHaveLength(1);

    // Fixed, the retry of the same run sends once and schedules the next run.
    await t.db
      .updateTable('reportSubscription')
      .set({ recipients: ['loi@thanhhoa.gov.vn', 'sau@thanhhoa.gov.vn'] })
      .where('id', '=', s.id)
      .execute();
    await worker().drain();
    await sandbox.mail.waitFor(2);
    expect(await mailsTo('loi@thanhhoa.gov.vn')).toHaveLength(1);
    expect(await mailsTo('sau@thanhhoa.gov.vn')).toHaveLength(1);
    expect(
      (await weeklyMessages(s.id)).map((m) => [m.availableAt.toISOString(), m.processedAt !== null]),
    ).toEqual([
      [RUN_AT, true],
      [NEXT_RUN_AT, false],
    ]);
    await cancelSubscription(t.ctx, provinceLeader, s.id);
  });

  it('sends nothing for a cancelled subscription, and ends its chain', async () => {
    at('03-04', '12:00');
    const s = await createSubscription(t.ctx, provinceLeader, {
      unitId: cast.tree.province.id,
      recipients: ['huy@thanhhoa.gov.vn'],
    });
    at('03-05', '12:00');
    await cancelSubscription(t.ctx, provinceLeader, s.id, { requestId: 'req-1' });
    // A second cancel changes nothing.
    await cancelSubscription(t.ctx, provinceLeader, s.id);
    expect((await auditOf(s.id)).map((a) => a.eventType)).toEqual([
      'statistics.subscription_created',
      'statistics.subscription_cancelled',
    ]);
    at('03-09', '07:00');
    await worker().drain();
    expect(await mailsTo('huy@thanhhoa.gov.vn')).toEqual([]);
    const messages = await weeklyMessages(s.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.processedAt).not.toBeNull();
    const row = await subscriptionRow(s.id);
    expect([row.isActive, row.lastSentWeek]).toEqual([false, null]);
  });

  it('refuses bad input and units outside the scope, changing nothing', async () => {
    at('03-04', '12:00');
    const count = async () => ({
      subscriptions: Number(
        (
          await t.db
            .selectFrom('reportSubscription')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      runs: Number(
        (
          await t.db
            .selectFrom('outboxMessage')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('topic', '=', 'statistics.weekly_report')
            .executeTakeFirstOrThrow()
        ).n,
      ),
      audit: Number(
        (
          await t.db
            .selectFrom('auditLog')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('entityType', '=', 'report_subscription')
            .executeTakeFirstOrThrow()
        ).n,
      ),
    });
    const before = await count();
    const unitId = cast.tree.department.id;
    const noRecipients = await expectAppError(
      createSubscription(t.ctx, departmentLeader, { unitId, recipients: [] }),
      'VALIDATION_FAILED',
    );
    expect(noRecipients.details?.['issues']).toEqual([expect.objectContaining({ path: 'recipients' })]);
    const badEmail = await expectAppError(
      createSubscription(t.ctx, departmentLeader, {
        unitId,
        recipients: ['ok@sxd.gov.vn', 'not-an-address'],
      }),
      'VALIDATION_FAILED',
    );
    expect(badEmail.details?.['issues']).toEqual([expect.objectContaining({ path: 'recipients.1' })]);
    await expectAppError(
      createSubscription(t.ctx, departmentLeader, {
        unitId: cast.tree.otherDepartment.id,
        recipients: ['ok@sxd.gov.vn'],
      }),
      'FORBIDDEN',
    );
    await expectAppError(
      createSubscription(t.ctx, departmentLeader, {
        unitId: '00000000-0000-4000-8000-000000000000',
        recipients: ['ok@sxd.gov.vn'],
      }),
      'UNIT_NOT_FOUND',
    );
    await expectAppError(
      createSubscription(t.ctx, specialist, { unitId, recipients: ['ok@sxd.gov.vn'] }),
      'FORBIDDEN',
    );
    expect(await count()).toEqual(before);

    // Cancelling: unknown id → 404, a unit outside the scope → 403.
    const s = await createSubscription(t.ctx, provinceLeader, {
      unitId: cast.tree.province.id,
      recipients: ['tinh2@thanhhoa.gov.vn'],
    });
    await expectAppError(
      cancelSubscription(t.ctx, provinceLeader, '00000000-0000-4000-8000-000000000000'),
      'NOT_FOUND',
    );
    await expectAppError(cancelSubscription(t.ctx, provinceLeader, 'not-a-uuid'), 'NOT_FOUND');
    await expectAppError(cancelSubscription(t.ctx, departmentLeader, s.id), 'FORBIDDEN');
    expect((await subscriptionRow(s.id)).isActive).toBe(true);
    await cancelSubscription(t.ctx, provinceLeader, s.id);
    expect((await subscriptionRow(s.id)).isActive).toBe(false);
  });
});
