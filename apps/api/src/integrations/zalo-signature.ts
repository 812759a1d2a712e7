import crypto from 'node:crypto';

/**
 * Signature of Zalo OA webhook events: header `X-ZEvent-Signature: mac=<hex SHA-256 of
 * app_id + raw body + timestamp + OA secret key>`, where `timestamp` is the event's own field
 * (milliseconds). Checked in constant time, with a 5-minute tolerance on the timestamp.
 */
export const ZALO_SIGNATURE_HEADER = 'x-zevent-signature';

export function zaloMac(appId: string, rawBody: string, timestamp: string, secret: string): string {
  return crypto.createHash('sha256').update(`${appId}${rawBody}${timestamp}${secret}`).digest('hex');
}

export function verifyZaloSignature(input: {
  appId: string;
  secret: string;
  header: string | undefined;
  rawBody: string;
  timestamp: string;
  now: Date;
}): { isValid: true } | { isValid: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' } {
  if (!input.header) return { isValid: false, reason: 'missing' };
  const mac = input.header.startsWith('mac=') ? input.header.slice(4) : input.header;
  if (!/^[0-9a-f]{64}$/.test(mac)) return { isValid: false, reason: 'malformed' };
  const ts = Number(input.timestamp);
  if (!Number.isFinite(ts) || Math.abs(input.now.getTime() - ts) > 5 * 60_000)
    return { isValid: false, reason: 'expired' };
  const expected = Buffer.from(zaloMac(input.appId, input.rawBody, input.timestamp, input.secret), 'hex');
  const given = Buffer.from(mac, 'hex');
  if (!crypto.timingSafeEqual(expected, given)) return { isValid: false, reason: 'mismatch' };
  return { isValid: true };
}
