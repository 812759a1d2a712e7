import crypto from 'node:crypto';

/**
 * HMAC signature of webhook bodies, both ways (outbound CloudEvents to subscribers, inbound
 * pushes from partners): header `Motcua-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">`. The timestamp bounds replays (5 minutes by default); the comparison is
 * constant-time.
 */
export const SIGNATURE_HEADER = 'motcua-signature';

export function signBody(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

export type SignatureCheck =
  { isValid: true } | { isValid: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' };

export function verifyBodySignature(
  secret: string,
  header: string | undefined,
  body: string,
  now: Date,
  toleranceSeconds = 300,
): SignatureCheck {
  if (!header) return { isValid: false, reason: 'missing' };
  const parts = Object.fromEntries(
    header.split(',').map((p) => {
      const i = p.indexOf('=');
      return i > 0 ? [p.slice(0, i).trim(), p.slice(i + 1).trim()] : [p.trim(), ''];
    }),
  );
  const t = Number(parts['t']);
  const v1 = parts['v1'];
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1))
    return { isValid: false, reason: 'malformed' };
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return { isValid: false, reason: 'expired' };
  const expected = crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(v1, 'hex');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return { isValid: false, reason: 'mismatch' };
  }
  return { isValid: true };
}
