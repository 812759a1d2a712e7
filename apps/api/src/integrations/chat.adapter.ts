import { PermanentDeliveryError } from '../shared/delivery-error.ts';
import { httpCall } from './http-call.ts';
import { toMsisdn, withSlash } from './sms.adapter.ts';

/** A notice by chat: a template message to a phone number (Zalo ZNS style). */
export interface ChatNotice {
  phone: string;
  templateData: Record<string, string>;
  reference: string;
}

/** The chat channel (Zalo Official Account style API). */
export interface ChatAdapter {
  readonly kind: 'zalo';
  sendNotice(notice: ChatNotice): Promise<{ providerMessageId: string }>;
  /** A free-text answer to a user who wrote to the official account (replies to lookups). */
  sendText(message: { userId: string; text: string }): Promise<{ providerMessageId: string }>;
}

export interface ZaloSettings {
  url: string;
  accessToken: string | undefined;
  templateId: string;
  timeoutMs: number;
}

/**
 * Zalo OA style HTTP API. It answers HTTP 200 with `{ error, message, data }`: `error: 0` is
 * success; negative codes from -1 to -99 are the platform's own trouble (retried); any other
 * code refuses this message (bad phone, unknown template, user blocked the OA): permanent.
 */
export function createZaloChatAdapter(settings: ZaloSettings): ChatAdapter {
  async function post(path: string, body: unknown): Promise<{ providerMessageId: string }> {
    const res = await httpCall(new URL(path, withSlash(settings.url)).toString(), {
      body,
      headers: settings.accessToken ? { access_token: settings.accessToken } : {},
      timeoutMs: settings.timeoutMs,
      receiver: 'Zalo OA',
    });
    const answer = res.json as
      { error?: unknown; message?: unknown; data?: { msg_id?: unknown } } | undefined;
    const code = typeof answer?.error === 'number' ? answer.error : NaN;
    if (code === 0 && typeof answer?.data?.msg_id === 'string')
      return { providerMessageId: answer.data.msg_id };
    const detail = `Zalo OA error ${typeof answer?.error === 'number' ? answer.error : 'none'}: ${typeof answer?.message === 'string' ? answer.message : res.text.slice(0, 200)}`;
    if (Number.isFinite(code) && code < 0 && code >= -99) throw new Error(detail);
    throw new PermanentDeliveryError(detail);
  }
  return {
    kind: 'zalo',
    sendNotice: (notice) =>
      post('message/template', {
        phone: toMsisdn(notice.phone),
        template_id: settings.templateId,
        template_data: notice.templateData,
        tracking_id: notice.reference,
      }),
    sendText: (message) =>
      post('message/cs', { recipient: { user_id: message.userId }, message: { text: message.text } }),
  };
}
