import {
  chooseNotificationChannel,
  notificationEventFor,
  renderNotification,
  type NotificationChannel,
  type NotificationEvent,
} from '@motcua/domain';
import type { DbExecutor } from '../../db/database.ts';
import { AppError } from '../../errors/app-error.ts';
import { integrationsFor } from '../../integrations/integrations.ts';
import { SYSTEM_ACTOR, type Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireCitizen, requireRole } from '../../shared/authz.ts';
import { PermanentDeliveryError, isPermanentDeliveryError } from '../../shared/delivery-error.ts';
import {
  DOSSIER_FORMS,
  lookupUrl,
  renderDossierForm,
  type DossierForm,
} from '../dossier/dossier-forms.service.ts';
import { getDossier, getDossierForPrint } from '../dossier/dossier.service.ts';
import { readFile } from '../file/file.service.ts';
import { enqueue } from '../outbox/outbox.service.ts';
import { outboxMaxAttempts } from '../outbox/outbox.schemas.ts';
import type { OutboxMessage } from '../outbox/outbox.worker.ts';
import { findApplicantContact } from '../user/user.service.ts';
import {
  countRecent,
  findNotificationById,
  findNotificationBySourceKey,
  findPreference,
  insertNotificationOnce,
  listNotifications,
  listNotificationsOfDossier,
  markNotificationFailed,
  markNotificationSent,
  markNotificationSkipped,
  upsertPreference,
  type NotificationInsert,
} from './notification.repository.ts';
import { EmailMessagePayload, type NotificationView } from './notification.schemas.ts';

/**
 * Notifications (issue 5). Planning and delivery are two outbox steps, both after the business
 * commit:
 * 1. a dossier event (`dossier.created` / `dossier.status_changed`) is turned into a delivery-log
 *    row for the applicant's channel plus a `notification.send` message, in one transaction,
 *    once per event (unique source key), so a replayed event plans nothing twice;
 * 2. `notification.send` calls the channel's adapter; each attempt updates the log row; retries,
 *    backoff and the dead-letter list are the outbox worker's.
 */

type Row = NonNullable<Awaited<ReturnType<typeof findNotificationById>>>;

interface NotificationPayload {
  /** A reply to someone who wrote to the official account: free text to their user id. */
  isReply?: boolean;
  /** Printed form to attach to the e-mail, rendered at send time. */
  attachForm?: DossierForm;
  dossierCode?: string;
  templateData?: Record<string, string>;
  html?: string;
  attachments?: EmailMessagePayload['attachments'];
}

/** Forms that go with an e-mail notice: the receipt (Mẫu 01), Mẫu 02 and the apology (Mẫu 04). */
const FORM_OF_EVENT: Partial<Record<NotificationEvent, DossierForm>> = {
  received: 'receipt',
  supplement_requested: 'supplement-request',
  rescheduled: 'apology',
};

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

interface DossierEventPayload {
  dossierId: string;
  code: string;
  action?: string;
  status?: string;
  toStatus?: string;
  version?: number;
}

/** Outbox handler of dossier events: plans the applicant's notification, if the step is one they hear about. */
export async function planDossierNotification(ctx: AppContext, message: OutboxMessage): Promise<void> {
  const p = message.payload as DossierEventPayload;
  const topic = message.topic as 'dossier.created' | 'dossier.status_changed';
  const event = notificationEventFor({ topic, action: p.action, status: p.status ?? p.toStatus ?? '' });
  if (!event) return;
  const sourceKey = `outbox:${message.id}`;
  if (await findNotificationBySourceKey(ctx.db, sourceKey)) return;

  const { detail, row } = await getDossierForPrint(ctx, SYSTEM_ACTOR, p.code);
  const applicant = detail.applicant;
  const account = row.applicantAccountId
    ? await findApplicantContact(ctx, row.applicantAccountId)
    : undefined;
  const preference = row.applicantAccountId
    ? await findPreference(ctx.db, row.applicantAccountId)
    : undefined;
  const contact = {
    email: str(applicant['email']) ?? account?.email ?? null,
    phone: str(applicant['phone']) ?? account?.phone ?? null,
  };
  const preferred = (str(applicant['notifyBy']) ?? preference?.channel ?? null) as NotificationChannel | null;
  const channel = chooseNotificationChannel(preferred, contact);
  const language = account?.preferredLanguage ?? 'vi';

  const transition =
    p.version !== undefined ? detail.history.find((h) => h.seq === p.version) : detail.history.at(-1);
  const supplement = detail.supplements.at(-1);
  const extension = detail.extensions.at(-1);
  const result = detail.result ?? {};
  const rendered = renderNotification(event, language, {
    dossierCode: detail.code,
    procedureName: detail.procedure.name,
    applicantName: str(detail.applicant['fullName']) ?? '',
    unitName: detail.receivingUnit.name,
    lookupUrl: lookupUrl(ctx, detail.code, row.lookupSecret),
    lookupSecret: row.lookupSecret,
    dueAt: detail.dueAt,
    previousDueAt: event === 'rescheduled' ? (extension?.previousDueAt ?? null) : null,
    reason:
      event === 'supplement_requested'
        ? (supplement?.reason ?? transition?.reason ?? null)
        : event === 'rescheduled'
          ? (extension?.reason ?? null)
          : (transition?.reason ?? null),
    items:
      event === 'supplement_requested'
        ? (supplement?.items ?? []).map((i) => str(i['name']) ?? '').filter(Boolean)
        : undefined,
    resultNumber: str(result['number']) ?? null,
  });

  const now = ctx.clock();
  const integrations = integrationsFor(ctx.config);
  const configured =
    channel === 'email' ? integrations.mail : channel === 'sms' ? integrations.sms : integrations.chat;
  const form = FORM_OF_EVENT[event];
  const payload: NotificationPayload =
    channel === 'email'
      ? { ...(form ? { attachForm: form } : {}), dossierCode: detail.code }
      : channel === 'zalo'
        ? { templateData: rendered.templateData }
        : {};
  const insert: NotificationInsert = {
    dossierId: detail.id,
    event,
    channel: channel ?? preferred ?? 'email',
    recipient: channel === 'email' ? (contact.email ?? '') : (contact.phone ?? ''),
    language,
    subject: channel === 'email' ? rendered.subject : null,
    body:
      channel === 'email'
        ? rendered.text
        : channel === 'zalo'
          ? Object.entries(rendered.templateData)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n')
          : rendered.short,
    payload,
    status: channel && configured ? 'queued' : 'skipped',
    lastError: !channel
      ? 'Không có địa chỉ e-mail hay số điện thoại / no e-mail address or phone number'
      : !configured
        ? `Kênh ${channel} chưa được cấu hình / channel not configured`
        : null,
    sourceKey,
    now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const id = await insertNotificationOnce(trx, insert);
    if (id && insert.status === 'queued') await enqueueSend(trx, id, now);
  });
}

async function enqueueSend(trx: DbExecutor, notificationId: string, now: Date): Promise<void> {
  await enqueue(
    trx,
    [
      {
        topic: 'notification.send',
        aggregateType: 'notification',
        aggregateId: notificationId,
        payload: { notificationId },
      },
    ],
    now,
  );
}

/**
 * Sends an e-mail from any module, inside the caller's transaction: the message goes out after
 * the commit (outbox topic `email.send`), is retried, dead-lettered and logged like every
 * notification. Example (weekly report): `await enqueueEmail(trx, { to, subject, text,
 * category: 'weekly_report', attachments: [{ filename, contentType, fileId }] }, now)`.
 */
export async function enqueueEmail(trx: DbExecutor, input: EmailMessagePayload, now: Date): Promise<void> {
  const payload = EmailMessagePayload.parse(input);
  await enqueue(
    trx,
    [{ topic: 'email.send', aggregateType: 'email', aggregateId: payload.category, payload }],
    now,
  );
}

/** Outbox handler of `email.send`: logs the e-mail once, then delivers it. */
export async function sendEmailMessage(ctx: AppContext, message: OutboxMessage): Promise<void> {
  const parsed = EmailMessagePayload.safeParse(message.payload);
  if (!parsed.success)
    throw new PermanentDeliveryError(`Invalid email.send payload: ${parsed.error.message}`);
  const m = parsed.data;
  const sourceKey = `outbox:${message.id}`;
  const isConfigured = Boolean(integrationsFor(ctx.config).mail);
  await insertNotificationOnce(ctx.db, {
    dossierId: m.dossierId ?? null,
    event: m.category,
    channel: 'email',
    recipient: m.to.join(', '),
    language: m.language,
    subject: m.subject,
    body: m.text,
    payload: {
      ...(m.html ? { html: m.html } : {}),
      attachments: m.attachments,
    } satisfies NotificationPayload,
    status: isConfigured ? 'queued' : 'skipped',
    lastError: isConfigured ? null : 'Kênh email chưa được cấu hình / channel not configured',
    sourceKey,
    now: ctx.clock(),
  });
  const row = await findNotificationBySourceKey(ctx.db, sourceKey);
  if (!row) throw new Error('The e-mail log row vanished');
  await deliverRow(ctx, row, message);
}

/** Outbox handler of `notification.send`. */
export async function deliverNotification(ctx: AppContext, message: OutboxMessage): Promise<void> {
  const id = (message.payload as { notificationId?: string }).notificationId;
  const row = id ? await findNotificationById(ctx.db, id) : undefined;
  if (!row) throw new PermanentDeliveryError(`Notification ${String(id)} does not exist`);
  await deliverRow(ctx, row, message);
}

async function attachmentsOf(
  ctx: AppContext,
  payload: NotificationPayload,
): Promise<{ filename: string; contentType: string; content: Buffer }[]> {
  const out: { filename: string; contentType: string; content: Buffer }[] = [];
  if (payload.attachForm && payload.dossierCode && DOSSIER_FORMS.includes(payload.attachForm)) {
    const { pdf, fileName } = await renderDossierForm(
      ctx,
      SYSTEM_ACTOR,
      payload.dossierCode,
      payload.attachForm,
    );
    out.push({ filename: fileName, contentType: 'application/pdf', content: pdf });
  }
  for (const a of payload.attachments ?? []) {
    if ('fileId' in a) {
      const { stream } = await readFile(ctx, SYSTEM_ACTOR, a.fileId);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      out.push({ filename: a.filename, contentType: a.contentType, content: Buffer.concat(chunks) });
    } else {
      out.push({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.contentBase64, 'base64'),
      });
    }
  }
  return out;
}

async function deliverRow(ctx: AppContext, row: Row, message: OutboxMessage): Promise<void> {
  if (row.status === 'sent' || row.status === 'skipped') return;
  const integrations = integrationsFor(ctx.config);
  const payload = (row.payload ?? {}) as NotificationPayload;
  try {
    let result: { providerMessageId: string };
    switch (row.channel as NotificationChannel) {
      case 'email': {
        if (!integrations.mail)
          return markNotificationSkipped(
            ctx.db,
            row.id,
            'Kênh email chưa được cấu hình / channel not configured',
            ctx.clock(),
          );
        result = await integrations.mail.send({
          to: row.recipient
            .split(',')
            .map((r) => r.trim())
            .filter(Boolean),
          subject: row.subject ?? '',
          text: row.body,
          html: payload.html,
          attachments: await attachmentsOf(ctx, payload),
          reference: row.id,
        });
        break;
      }
      case 'sms':
        if (!integrations.sms)
          return markNotificationSkipped(
            ctx.db,
            row.id,
            'Kênh sms chưa được cấu hình / channel not configured',
            ctx.clock(),
          );
        result = await integrations.sms.send({ to: row.recipient, text: row.body, reference: row.id });
        break;
      case 'zalo':
        if (!integrations.chat)
          return markNotificationSkipped(
            ctx.db,
            row.id,
            'Kênh zalo chưa được cấu hình / channel not configured',
            ctx.clock(),
          );
        result = payload.isReply
          ? await integrations.chat.sendText({ userId: row.recipient, text: row.body })
          : await integrations.chat.sendNotice({
              phone: row.recipient,
              templateData: payload.templateData ?? {},
              reference: row.id,
            });
        break;
    }
    await markNotificationSent(ctx.db, row.id, {
      providerMessageId: result.providerMessageId,
      at: ctx.clock(),
    });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const isDead = isPermanentDeliveryError(error) || message.attempts >= outboxMaxAttempts(message.topic);
    await markNotificationFailed(ctx.db, row.id, { error: text, isDead, at: ctx.clock() });
    throw error;
  }
}

/**
 * Queues the answer to a chat or SMS message (status lookups). Once per inbound message
 * (`sourceKey`): a webhook delivered twice is answered once. Answers false when it was a repeat.
 */
export async function enqueueChatReply(
  ctx: AppContext,
  input: {
    channel: 'zalo' | 'sms';
    recipient: string;
    text: string;
    sourceKey: string;
    dossierId: string | null;
  },
): Promise<boolean> {
  const now = ctx.clock();
  const configured =
    input.channel === 'sms' ? integrationsFor(ctx.config).sms : integrationsFor(ctx.config).chat;
  return ctx.db.transaction().execute(async (trx) => {
    const id = await insertNotificationOnce(trx, {
      dossierId: input.dossierId,
      event: 'chat_reply',
      channel: input.channel,
      recipient: input.recipient,
      language: 'vi',
      subject: null,
      body: input.text,
      payload: { isReply: true } satisfies NotificationPayload,
      status: configured ? 'queued' : 'skipped',
      lastError: configured ? null : `Kênh ${input.channel} chưa được cấu hình / channel not configured`,
      sourceKey: input.sourceKey,
      now,
    });
    if (id && configured) await enqueueSend(trx, id, now);
    return id !== undefined;
  });
}

/** How many chat answers went to this sender since `since` (a bound on guessing lookup secrets). */
export async function countRecentReplies(ctx: AppContext, recipient: string, since: Date): Promise<number> {
  return countRecent(ctx.db, { event: 'chat_reply', recipient, since });
}

/* ------------------------------------------------------------------ reads and preferences */

function view(row: Row, options: { dossierCode: string | null; isOfficer: boolean }): NotificationView {
  return {
    id: row.id,
    event: row.event,
    channel: row.channel as NotificationChannel,
    recipient: row.recipient,
    language: row.language === 'en' ? 'en' : 'vi',
    subject: row.subject,
    body: row.body,
    status: row.status as NotificationView['status'],
    attempts: row.attempts,
    lastError: options.isOfficer ? row.lastError : null,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    dossierCode: options.dossierCode,
  };
}

/** Delivery log of a dossier: whoever can see the dossier (officers in scope, the owner). */
export async function listDossierNotifications(
  ctx: AppContext,
  actor: Actor,
  code: string,
): Promise<NotificationView[]> {
  const dossier = await getDossier(ctx, actor, code);
  const rows = await listNotificationsOfDossier(ctx.db, dossier.id);
  return rows.map((r) => view(r, { dossierCode: dossier.code, isOfficer: actor.type === 'officer' }));
}

/** All recent messages by state (administrators: failed and dead deliveries). */
export async function listAllNotifications(
  ctx: AppContext,
  actor: Actor,
  query: { status?: string | undefined; channel?: string | undefined; limit: number },
): Promise<NotificationView[]> {
  requireRole(actor, 'admin');
  const rows = await listNotifications(ctx.db, query);
  return rows.map((r) => view(r, { dossierCode: null, isOfficer: true }));
}

function availableChannels(ctx: AppContext): NotificationChannel[] {
  const i = integrationsFor(ctx.config);
  return [
    ...(i.mail ? (['email'] as const) : []),
    ...(i.sms ? (['sms'] as const) : []),
    ...(i.chat ? (['zalo'] as const) : []),
  ];
}

export async function getNotificationPreference(ctx: AppContext, actor: Actor) {
  requireCitizen(actor);
  const pref = await findPreference(ctx.db, actor.id);
  return {
    channel: (pref?.channel as NotificationChannel | undefined) ?? null,
    available: availableChannels(ctx),
  };
}

export async function setNotificationPreference(
  ctx: AppContext,
  actor: Actor,
  input: { channel: NotificationChannel },
) {
  requireCitizen(actor);
  const contact = await findApplicantContact(ctx, actor.id);
  if (input.channel === 'email' && !contact?.email) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Add an e-mail address to your account first / Tài khoản chưa có e-mail',
    );
  }
  if (input.channel !== 'email' && !contact?.phone) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Add a phone number to your account first / Tài khoản chưa có số điện thoại',
    );
  }
  await upsertPreference(ctx.db, actor.id, input.channel, ctx.clock());
  return getNotificationPreference(ctx, actor);
}

/** A URL without its credentials, for display. */
function withoutCredentials(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return null;
  }
}

/** Which channels are configured and where they send (administrators; credentials never shown). */
export async function getChannelStatus(ctx: AppContext, actor: Actor) {
  requireRole(actor, 'admin');
  const c = ctx.config;
  return {
    channels: [
      { channel: 'email' as const, endpoint: withoutCredentials(c.SMTP_URL) },
      { channel: 'sms' as const, endpoint: withoutCredentials(c.SMS_GATEWAY_URL) },
      { channel: 'zalo' as const, endpoint: withoutCredentials(c.ZALO_API_URL) },
    ].map((x) => ({ ...x, isConfigured: x.endpoint !== null })),
    sandboxUrl: c.SANDBOX_URL ?? null,
  };
}
