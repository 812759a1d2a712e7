import { DOSSIER_STATUS_LABELS, formatVnDateTime, parseChatCommand, unaccented } from '@motcua/domain';
import { AppError } from '../../errors/app-error.ts';
import { verifyBodySignature } from '../../integrations/webhook-signature.ts';
import { verifyZaloSignature } from '../../integrations/zalo-signature.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { lookupUrl } from '../dossier/dossier-forms.service.ts';
import { lookupPublic } from '../dossier/dossier.service.ts';
import { countRecentReplies, enqueueChatReply } from '../notification/notification.service.ts';

/**
 * Lookup and intake by chat and SMS (issue 5): a citizen writes to the official account or the
 * short code; a signed webhook brings the message here; the answer goes back through the outbox
 * (delivery log, retries). Status needs the dossier code **and** its lookup secret, as on the
 * public lookup page; a wrong pair gets the same answer as an unknown code.
 */

/** Answers per sender and hour: bounds guessing of lookup secrets by chat. */
const MAX_REPLIES_PER_HOUR = 30;

function url(ctx: AppContext, path: string): string {
  return new URL(path, ctx.config.PUBLIC_BASE_URL).toString();
}

async function answer(ctx: AppContext, text: string): Promise<{ text: string; dossierId: string | null }> {
  const cmd = parseChatCommand(text);
  switch (cmd.kind) {
    case 'status':
    case 'supplement': {
      let view: Awaited<ReturnType<typeof lookupPublic>>;
      try {
        view = await lookupPublic(ctx, cmd.code, cmd.secret);
      } catch (error) {
        if (error instanceof AppError && error.code === 'DOSSIER_NOT_FOUND') {
          return {
            text: `Không tìm thấy hồ sơ ${cmd.code} với mã tra cứu này. Vui lòng kiểm tra mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận.`,
            dossierId: null,
          };
        }
        throw error;
      }
      const link = lookupUrl(ctx, view.code, cmd.secret);
      if (cmd.kind === 'supplement') {
        return {
          text: view.supplementRequest
            ? `Hồ sơ ${view.code} cần bổ sung: ${view.supplementRequest.items.map((i) => i.name).join('; ')}. Nộp bổ sung trực tuyến (đăng nhập tài khoản): ${url(ctx, `/ho-so-cua-toi/${encodeURIComponent(view.code)}`)} hoặc tại Bộ phận Một cửa.`
            : `Hồ sơ ${view.code} hiện không cần bổ sung giấy tờ. Xem tình trạng: ${link}`,
          dossierId: null,
        };
      }
      const due = view.dueAt ? ` Hẹn trả: ${formatVnDateTime(new Date(view.dueAt))}.` : '';
      const supplement = view.supplementRequest
        ? ` Cần bổ sung: ${view.supplementRequest.items.map((i) => i.name).join('; ')}.`
        : '';
      return {
        text: `Hồ sơ ${view.code} (${view.procedureName}): ${DOSSIER_STATUS_LABELS[view.status].vi}.${due}${supplement} Chi tiết: ${link}`,
        dossierId: null,
      };
    }
    case 'apply':
      return {
        text: `Nộp hồ sơ thủ tục ${cmd.procedureCode} trực tuyến tại: ${url(ctx, `/nop-ho-so/${encodeURIComponent(cmd.procedureCode)}`)}`,
        dossierId: null,
      };
    case 'help':
      return {
        text: [
          'Một cửa điện tử. Soạn tin:',
          'TRA CUU <mã hồ sơ> <mã tra cứu> — xem tình trạng hồ sơ',
          'BO SUNG <mã hồ sơ> <mã tra cứu> — nộp bổ sung giấy tờ',
          'NOP <mã thủ tục> — nộp hồ sơ mới',
          `Danh sách thủ tục: ${url(ctx, '/thu-tuc')}`,
        ].join('\n'),
        dossierId: null,
      };
  }
}

async function handle(
  ctx: AppContext,
  input: { channel: 'zalo' | 'sms'; from: string; text: string; messageId: string },
): Promise<{ ok: true; isReplyQueued: boolean }> {
  const since = new Date(ctx.clock().getTime() - 3_600_000);
  if ((await countRecentReplies(ctx, input.from, since)) >= MAX_REPLIES_PER_HOUR) {
    return { ok: true, isReplyQueued: false };
  }
  const reply = await answer(ctx, input.text);
  const isReplyQueued = await enqueueChatReply(ctx, {
    channel: input.channel,
    recipient: input.from,
    // SMS: unaccented Vietnamese (GSM-7), as for notifications.
    text: input.channel === 'sms' ? unaccented(reply.text) : reply.text,
    sourceKey: `chat:${input.channel}:${input.messageId}`,
    dossierId: reply.dossierId,
  });
  return { ok: true, isReplyQueued };
}

export function verifyZaloEvent(
  ctx: AppContext,
  header: string | undefined,
  rawBody: string,
  appId: string,
  timestamp: string,
): void {
  const { ZALO_APP_ID: expectedApp, ZALO_OA_SECRET: secret } = ctx.config;
  if (!expectedApp || !secret)
    throw new AppError('INTEGRATION_NOT_CONFIGURED', 'The Zalo webhook is not configured');
  if (appId !== expectedApp) throw new AppError('SIGNATURE_INVALID', 'Unknown app', { reason: 'mismatch' });
  const check = verifyZaloSignature({ appId, secret, header, rawBody, timestamp, now: ctx.clock() });
  if (!check.isValid)
    throw new AppError('SIGNATURE_INVALID', `Bad signature (${check.reason})`, { reason: check.reason });
}

export function verifySmsEvent(ctx: AppContext, header: string | undefined, rawBody: string): void {
  const secret = ctx.config.SMS_INBOUND_SECRET;
  if (!secret) throw new AppError('INTEGRATION_NOT_CONFIGURED', 'Inbound SMS is not configured');
  const check = verifyBodySignature(secret, header, rawBody, ctx.clock());
  if (!check.isValid)
    throw new AppError('SIGNATURE_INVALID', `Bad signature (${check.reason})`, { reason: check.reason });
}

export async function receiveZaloEvent(
  ctx: AppContext,
  event: {
    event_name: string;
    sender: { id: string };
    message?: { msg_id: string; text: string } | undefined;
  },
) {
  if (event.event_name !== 'user_send_text' || !event.message)
    return { ok: true as const, isReplyQueued: false };
  return handle(ctx, {
    channel: 'zalo',
    from: event.sender.id,
    text: event.message.text,
    messageId: event.message.msg_id,
  });
}

export async function receiveSms(ctx: AppContext, sms: { id: string; from: string; text: string }) {
  const digits = sms.from.replace(/\D/g, '');
  const phone = digits.startsWith('84') ? `0${digits.slice(2)}` : digits;
  return handle(ctx, { channel: 'sms', from: phone, text: sms.text, messageId: sms.id });
}
