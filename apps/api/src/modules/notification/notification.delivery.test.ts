import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext } from '../../../test/test-context.ts';
import { buildApp } from '../../http/build-app.ts';
import { startSandbox, type Sandbox } from '../../sandbox/sandbox-server.ts';
import type { AppContext, Logger } from '../../shared/app-context.ts';
import { outboxHandlers } from '../../worker/handlers.ts';
import { OutboxWorker } from '../outbox/outbox.worker.ts';
import { enqueueEmail, planDossierNotification } from './notification.service.ts';

/**
 * Notifications end to end: a dossier step → delivery-log row → outbox → adapter → the loopback
 * receiver (SMTP sink, SMS gateway, Zalo OA), with retries, dead letters and restarts.
 */
const t = useTestContext();
let cast: Cast;
let procedureCode: string;
let sandbox: Sandbox;
let ctx: AppContext;
const silent: Logger = { info() {}, warn() {}, error() {}, debug() {} };

beforeAll(async () => {
  sandbox = await startSandbox();
  ctx = { ...t.ctx, config: { ...t.ctx.config, ...sandbox.settings, INTEGRATION_TIMEOUT_MS: 400 } };
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await worker().drain();
  sandbox.clearAll();
});

/** The server's worker (real handlers) over the sandbox configuration; retries at once unless told. */
function worker(options: { backoff?: boolean } = {}): OutboxWorker {
  return new OutboxWorker({
    db: t.db,
    clock: () => t.now(),
    logger: silent,
    handlers: outboxHandlers(ctx),
    ...(options.backoff ? {} : { backoffMs: () => 0 }),
  });
}

async function notificationsOf(code: string) {
  return t.db
    .selectFrom('notification')
    .innerJoin('dossier', 'dossier.id', 'notification.dossierId')
    .selectAll('notification')
    .where('dossier.code', '=', code)
    .orderBy('notification.createdAt')
    .execute();
}

async function outboxOf(notificationId: string) {
  return t.db
    .selectFrom('outboxMessage')
    .selectAll()
    .where('topic', '=', 'notification.send')
    .where('aggregateId', '=', notificationId)
    .execute();
}

function applicant(extra: Record<string, unknown>) {
  return {
    applicant: {
      kind: 'citizen',
      fullName: 'Trần Thị Bình',
      idNumber: '038190001234',
      phone: '0987654321',
      address: 'Số 5 Lê Lợi, phường Hạc Thành',
      ...extra,
    },
  };
}

describe('receipt by e-mail', () => {
  it('sends the receipt (Mẫu 01 attached) after the commit and logs it on the dossier', async () => {
    t.setNow('2026-03-02T09:00:00+07:00');
    const d = await receiveAtCounter(t, cast, procedureCode, applicant({ email: 'binh@example.vn' }));
    // Nothing is sent inside the business transaction.
    expect(sandbox.mail.messages).toEqual([]);
    await worker().drain();
    const [mail] = await sandbox.mail.waitFor(1);
    expect(mail?.to).toEqual(['binh@example.vn']);
    expect(mail?.subject).toBe(`Giấy tiếp nhận hồ sơ ${d.code}`);
    expect(mail?.text).toContain('Kính gửi Trần Thị Bình,');
    expect(mail?.text).toContain(`Mã tra cứu: ${d.lookupSecret}`);
    expect(mail?.text).toContain(`https://motcua.test/tra-cuu?ma=${d.code}&mk=${d.lookupSecret}`);
    expect(mail?.attachments).toHaveLength(1);
    expect(mail?.attachments[0]?.contentType).toBe('application/pdf');
    expect(mail?.attachments[0]?.content.subarray(0, 5).toString()).toBe('%PDF-');

    const [row] = await notificationsOf(d.code);
    expect(row).toMatchObject({
      event: 'received',
      channel: 'email',
      recipient: 'binh@example.vn',
      status: 'sent',
      attempts: 1,
      lastError: null,
    });
    expect(mail?.messageId).toBe(`<${row?.id}@localhost>`);

    const log = await call(t, 'GET', `/api/dossiers/${d.code}/notifications`, {
      token: cast.receiving.token,
    });
    expect(log.status).toBe(200);
    expect(log.json).toEqual([
      expect.objectContaining({
        id: row?.id,
        event: 'received',
        channel: 'email',
        status: 'sent',
        dossierCode: d.code,
      }),
    ]);
    // An officer who cannot see the dossier gets 404, as for the dossier itself.
    const outsider = await call(t, 'GET', `/api/dossiers/${d.code}/notifications`, {
      token: cast.outsider.token,
    });
    expect([outsider.status, outsider.json.error?.code]).toEqual([404, 'DOSSIER_NOT_FOUND']);
    expect((await call(t, 'GET', `/api/dossiers/${d.code}/notifications`)).status).toBe(401);
  });

  it('plans one notification per event even when the event is delivered twice', async () => {
    t.setNow('2026-03-02T10:00:00+07:00');
    const d = await receiveAtCounter(t, cast, procedureCode, applicant({ email: 'binh@example.vn' }));
    const dossier = await t.db
      .selectFrom('dossier')
      .select('id')
      .where('code', '=', d.code)
      .executeTakeFirstOrThrow();
    const message = await t.db
      .selectFrom('outboxMessage')
      .select(['id', 'topic', 'aggregateType', 'aggregateId', 'payload', 'attempts', 'createdAt'])
      .where('aggregateId', '=', dossier.id)
      .where('topic', '=', 'dossier.created')
      .executeTakeFirstOrThrow();
    await planDossierNotification(ctx, message);
    await planDossierNotification(ctx, message);
    await worker().drain();
    expect(await notificationsOf(d.code)).toHaveLength(1);
    expect(sandbox.mail.messages).toHaveLength(1);
  });
});

describe('SMS and Zalo, by the applicant\u2019s choice', () => {
  it('sends the SMS in unaccented Vietnamese and the Zalo notice as a template', async () => {
    t.setNow('2026-03-03T09:00:00+07:00');
    const bySms = await receiveAtCounter(
      t,
      cast,
      procedureCode,
      applicant({ email: 'binh@example.vn', notifyBy: 'sms' }),
    );
    const byZalo = await receiveAtCounter(t, cast, procedureCode, applicant({ notifyBy: 'zalo' }));
    await worker().drain();
    expect(sandbox.mail.messages).toEqual([]);
    expect(sandbox.sms.received.map((m) => [m.to, m.text])).toEqual([
      ['84987654321', `Ho so ${bySms.code} da duoc tiep nhan. Hen tra: ${formatDue(bySms.dueAt)}.`],
    ]);
    expect(sandbox.zalo.received).toMatchObject([
      {
        phone: '84987654321',
        data: { ma_ho_so: byZalo.code, trang_thai: 'Đã tiếp nhận', ma_tra_cuu: byZalo.lookupSecret },
      },
    ]);
    expect((await notificationsOf(byZalo.code))[0]).toMatchObject({ channel: 'zalo', status: 'sent' });
  });

  it('logs a skipped notice when the applicant left no contact details', async () => {
    t.setNow('2026-03-03T10:00:00+07:00');
    const d = await receiveAtCounter(t, cast, procedureCode, applicant({ phone: undefined }));
    await worker().drain();
    expect(await notificationsOf(d.code)).toMatchObject([
      {
        status: 'skipped',
        lastError: 'Không có địa chỉ e-mail hay số điện thoại / no e-mail address or phone number',
      },
    ]);
  });

  it('tells the applicant of later steps: the apology with the new date', async () => {
    t.setNow('2026-03-04T09:00:00+07:00');
    const d = await receiveAtCounter(t, cast, procedureCode, applicant({ notifyBy: 'sms' }));
    const v = (await mustAct(t, cast.receiving.token, d.code, { action: 'transfer', expectedVersion: 1 }))
      .version;
    await worker().drain();
    // A hand-off between steps is internal: nothing sent.
    expect(sandbox.sms.received).toHaveLength(1);
    await mustAct(t, cast.leader.token, d.code, {
      action: 'extend',
      expectedVersion: v,
      reason: 'Cần xin ý kiến Sở Tài nguyên và Môi trường',
      newDueAt: '2026-03-20T16:00:00+07:00',
    });
    await worker().drain();
    expect(sandbox.sms.received.at(-1)?.text).toBe(
      `Xin loi: ho so ${d.code} tre hen. Ngay hen moi: 16:00 20/03/2026.`,
    );
  });
});

function formatDue(iso: string): string {
  const local = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(local.getUTCHours())}:${p(local.getUTCMinutes())} ${p(local.getUTCDate())}/${p(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

describe('failures', () => {
  it('retries a 5xx answer and a timeout until the gateway accepts', async () => {
    t.setNow('2026-03-05T09:00:00+07:00');
    const d = await receiveAtCounter(t, cast, procedureCode, applicant({ notifyBy: 'sms' }));
    sandbox.sms.faults.failNext({ kind: 'status', status: 503 });
    sandbox.sms.faults.failNext({ kind: 'delay', ms: 1200 });
    sandbox.sms.faults.failNext({ kind: 'status', status: 500 });
    await worker().drain();
    const [row] = await notificationsOf(d.code);
    expect(row).toMatchObject({ status: 'sent', attempts: 4, lastError: null });
    const [message] = await outboxOf(row!.id);
    expect(message).toMatchObject({ attempts: 4, deadAt: null });
    expect(message?.processedAt).not.toBeNull();
    expect(sandbox.sms.received).toHaveLength(1);
  });

  it('dead-letters a permanent refusal at once; the admin sees it, fixes the cause and replays it', async () => {
    t.setNow('2026-03-05T10:00:00+07:00');
    const d = await receiveAtCounter(t, cast, procedureCode, applicant({ notifyBy: 'zalo' }));
    sandbox.zalo.faults.failNext({ kind: 'provider-error', code: 1114, message: 'User has blocked the OA' });
    await worker().drain();
    const [row] = await notificationsOf(d.code);
    expect(row).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: 'Zalo OA error 1114: User has blocked the OA',
    });
    const [message] = await outboxOf(row!.id);
    expect(message).toMatchObject({ attempts: 1, processedAt: null });
    expect(message?.deadAt).not.toBeNull();

    const failed = await call(t, 'GET', '/api/admin/notifications?status=dead', { token: cast.admin.token });
    expect((failed.json as unknown as { id: string }[]).map((n) => n.id)).toContain(row!.id);
    const forbidden = await call(t, 'GET', '/api/admin/notifications', { token: cast.receiving.token });
    expect([forbidden.status, forbidden.json.error?.code]).toEqual([403, 'FORBIDDEN']);
    const bad = await call(t, 'GET', '/api/admin/notifications?status=lost', { token: cast.admin.token });
    expect([bad.status, bad.json.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    const replay = await call(t, 'POST', `/api/admin/outbox/${message!.id}/replay`, {
      token: cast.admin.token,
    });
    expect(replay.status).toBe(200);
    await worker().drain();
    expect((await notificationsOf(d.code))[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
      lastError: null,
    });
    expect(sandbox.zalo.received).toHaveLength(1);
  });

  it('loses nothing while the SMS gateway is down for ten minutes (real backoff)', async () => {
    const t0 = new Date('2026-03-06T09:00:00+07:00').getTime();
    t.setNow(new Date(t0));
    const d = await receiveAtCounter(t, cast, procedureCode, applicant({ notifyBy: 'sms' }));
    sandbox.sms.faults.downWhile(() => t.now().getTime() < t0 + 10 * 60_000, 503);
    const w = worker({ backoff: true });
    // Run the worker whenever its next message is due, as the polling loop does, for 30 minutes.
    for (let i = 0; i < 200 && t.now().getTime() < t0 + 30 * 60_000; i++) {
      await w.runOnce();
      const next = await t.db
        .selectFrom('outboxMessage')
        .select((eb) => eb.fn.min('availableAt').as('at'))
        .where('processedAt', 'is', null)
        .where('deadAt', 'is', null)
        .executeTakeFirst();
      if (!next?.at) break;
      t.setNow(new Date(Math.max(t.now().getTime() + 1000, new Date(next.at).getTime())));
    }
    const [row] = await notificationsOf(d.code);
    expect(row?.status).toBe('sent');
    expect(row!.attempts).toBeGreaterThan(9);
    expect(row!.sentAt!.getTime()).toBeGreaterThanOrEqual(t0 + 10 * 60_000);
    expect(row!.sentAt!.getTime()).toBeLessThan(t0 + 20 * 60_000);
    expect((await outboxOf(row!.id))[0]?.deadAt).toBeNull();
    expect(sandbox.sms.received).toHaveLength(1);
  });

  it('a crash between commit and send loses nothing: the message goes out after the restart', async () => {
    const t0 = new Date('2026-03-09T09:00:00+07:00').getTime();
    t.setNow(new Date(t0));
    const d = await receiveAtCounter(t, cast, procedureCode, applicant({ email: 'binh@example.vn' }));
    // A worker plans the notice, then claims the send and dies mid-delivery (its handler never returns).
    await new OutboxWorker({
      db: t.db,
      clock: () => t.now(),
      logger: silent,
      handlers: { 'dossier.created': outboxHandlers(ctx)['dossier.created']! },
    }).runOnce();
    const [row] = await notificationsOf(d.code);
    expect(row?.status).toBe('queued');
    const crashed = new OutboxWorker({
      db: t.db,
      clock: () => t.now(),
      logger: silent,
      handlers: { 'notification.send': [() => new Promise<void>(() => undefined)] },
    });
    void crashed.runOnce();
    await new Promise((r) => setTimeout(r, 100));
    expect(sandbox.mail.messages).toEqual([]);
    // The process restarts: a new worker takes the message over once the lease has expired.
    t.setNow(new Date(t0 + 61_000));
    await worker().drain();
    await sandbox.mail.waitFor(1);
    expect(sandbox.mail.messages.map((m) => m.subject)).toEqual([`Giấy tiếp nhận hồ sơ ${d.code}`]);
    expect((await notificationsOf(d.code))[0]).toMatchObject({ status: 'sent' });
  });
});

describe('e-mail from other modules (email.send)', () => {
  it('delivers an enqueued e-mail with its attachment after the commit, and logs it', async () => {
    t.setNow('2026-03-10T07:00:00+07:00');
    await t.db.transaction().execute(async (trx) => {
      await enqueueEmail(
        trx,
        {
          to: ['giamsat@thanhhoa.gov.vn'],
          subject: 'Báo cáo tuần 10/2026',
          text: 'Kính gửi lãnh đạo, báo cáo tuần đính kèm.',
          category: 'weekly_report',
          attachments: [
            {
              filename: 'bao-cao.csv',
              contentType: 'text/csv',
              contentBase64: Buffer.from('a;b\n1;2\n').toString('base64'),
            },
          ],
        },
        t.now(),
      );
    });
    await worker().drain();
    const [mail] = await sandbox.mail.waitFor(1);
    expect(mail).toMatchObject({ to: ['giamsat@thanhhoa.gov.vn'], subject: 'Báo cáo tuần 10/2026' });
    expect(mail?.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['bao-cao.csv', 'a;b\n1;2\n'],
    ]);
    const logged = await t.db
      .selectFrom('notification')
      .selectAll()
      .where('event', '=', 'weekly_report')
      .execute();
    expect(logged).toMatchObject([{ status: 'sent', dossierId: null, recipient: 'giamsat@thanhhoa.gov.vn' }]);
  });

  it('rejects a bad payload when enqueued, and dead-letters one that is bad in the table', async () => {
    await expect(
      t.db
        .transaction()
        .execute((trx) => enqueueEmail(trx, { to: ['not-an-address'], subject: 's', text: 't' }, t.now())),
    ).rejects.toThrow();
    await t.db
      .insertInto('outboxMessage')
      .values({
        topic: 'email.send',
        aggregateType: 'email',
        aggregateId: 'x',
        payload: JSON.stringify({ to: [] }),
        createdAt: t.now(),
        availableAt: t.now(),
      })
      .execute();
    await worker().drain();
    const dead = await t.db
      .selectFrom('outboxMessage')
      .selectAll()
      .where('topic', '=', 'email.send')
      .where('aggregateId', '=', 'x')
      .executeTakeFirstOrThrow();
    expect(dead.attempts).toBe(1);
    expect(dead.deadAt).not.toBeNull();
    expect(sandbox.mail.messages).toEqual([]);
  });
});

describe('preferred channel of an account', () => {
  it('lets a citizen choose, validates the choice and uses it for their dossiers', async () => {
    const app = await buildApp(ctx);
    try {
      const citizen = await t.newCitizen();
      const get = await app.inject({
        method: 'GET',
        url: '/api/me/notification-preference',
        headers: { authorization: `Bearer ${citizen.token}` },
      });
      expect(get.json()).toEqual({ channel: null, available: ['email', 'sms', 'zalo'] });
      const put = await app.inject({
        method: 'PUT',
        url: '/api/me/notification-preference',
        headers: { authorization: `Bearer ${citizen.token}` },
        payload: { channel: 'zalo' },
      });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toEqual({ channel: 'zalo', available: ['email', 'sms', 'zalo'] });
      const bad = await app.inject({
        method: 'PUT',
        url: '/api/me/notification-preference',
        headers: { authorization: `Bearer ${citizen.token}` },
        payload: { channel: 'fax' },
      });
      expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
      const officer = await app.inject({
        method: 'PUT',
        url: '/api/me/notification-preference',
        headers: { authorization: `Bearer ${cast.receiving.token}` },
        payload: { channel: 'sms' },
      });
      expect([officer.statusCode, officer.json().error.code]).toEqual([403, 'FORBIDDEN']);
      const stored = await t.db
        .selectFrom('notificationPreference')
        .selectAll()
        .where('applicantAccountId', '=', citizen.id)
        .execute();
      expect(stored.map((s) => s.channel)).toEqual(['zalo']);
    } finally {
      await app.close();
    }
  });
});

describe('channel status', () => {
  it('shows administrators where each channel sends, without credentials', async () => {
    const app = await buildApp({
      ...ctx,
      config: {
        ...ctx.config,
        SMTP_URL: 'smtps://user:secret@mail.thanhhoa.gov.vn:465',
        ZALO_API_URL: undefined,
        SANDBOX_URL: sandbox.baseUrl,
      },
    });
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/api/admin/notification-channels',
        headers: { authorization: `Bearer ${cast.admin.token}` },
      });
      expect(res.json()).toEqual({
        channels: [
          { channel: 'email', isConfigured: true, endpoint: 'smtps://mail.thanhhoa.gov.vn:465' },
          { channel: 'sms', isConfigured: true, endpoint: `${sandbox.baseUrl}/sms` },
          { channel: 'zalo', isConfigured: false, endpoint: null },
        ],
        sandboxUrl: sandbox.baseUrl,
      });
      const other = await app.inject({
        method: 'GET',
        url: '/api/admin/notification-channels',
        headers: { authorization: `Bearer ${cast.specialist.token}` },
      });
      expect(other.statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
});
