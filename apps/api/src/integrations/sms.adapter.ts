import { PermanentDeliveryError } from '../shared/delivery-error.ts';
import { httpCall } from './http-call.ts';

export interface SmsMessage {
  /** Vietnamese mobile number, 0… or +84…. */
  to: string;
  text: string;
  /** Stable id (notification id); the gateway de-duplicates repeats of the same reference. */
  reference: string;
}

/** The SMS channel (brandname gateway). */
export interface SmsAdapter {
  readonly kind: 'sms';
  send(message: SmsMessage): Promise<{ providerMessageId: string }>;
}

export interface SmsGatewaySettings {
  url: string;
  token: string | undefined;
  brandname: string;
  timeoutMs: number;
}

/** International form of a Vietnamese mobile number: 0912345678 → 84912345678. */
export function toMsisdn(phone: string): string {
  const digits = phone.replace(/[^\d]/g, '');
  return digits.startsWith('84') ? digits : digits.startsWith('0') ? `84${digits.slice(1)}` : digits;
}

/**
 * HTTP brandname-SMS gateway: `POST {url}/messages` with a bearer token and
 * `{ to, from, text, reference }`; answers `{ id }`.
 */
export function createHttpSmsAdapter(settings: SmsGatewaySettings): SmsAdapter {
  return {
    kind: 'sms',
    async send(message) {
      const res = await httpCall(new URL('messages', withSlash(settings.url)).toString(), {
        body: {
          to: toMsisdn(message.to),
          from: settings.brandname,
          text: message.text,
          reference: message.reference,
        },
        headers: settings.token ? { authorization: `Bearer ${settings.token}` } : {},
        timeoutMs: settings.timeoutMs,
        receiver: 'SMS gateway',
      });
      const id = (res.json as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'string' || id.length === 0) {
        throw new PermanentDeliveryError('SMS gateway: the answer has no message id');
      }
      return { providerMessageId: id };
    },
  };
}

export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
