import crypto from 'node:crypto';

/**
 * AWS Signature Version 4 for S3 (header-based authentication), shared by the S3 file store
 * (which signs) and the loopback S3 sandbox (which verifies). Checked against the worked examples
 * of the AWS documentation (s3-signature.test vectors in s3-file-store.test.ts).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

export interface CanonicalInput {
  method: string;
  /** The decoded path (`/bucket/2026/03/id`); every segment is URI-encoded once here. */
  path: string;
  /** Decoded query parameters; a parameter without value (`?uploads`) has value ''. */
  query: readonly (readonly [string, string])[];
  /** Header name (any case) → value; all of them are signed. */
  headers: Readonly<Record<string, string>>;
  payloadHash: string;
}

/** RFC 3986 encoding as S3 wants it: everything but A–Z a–z 0–9 - . _ ~ is %XX (upper case). */
export function uriEncode(value: string, keepSlash = false): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === '/')) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function sha256Hex(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return crypto.createHmac('sha256', key).update(data, 'utf8').digest();
}

/** `20130524T000000Z` */
export function amzDate(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function canonicalRequest(input: CanonicalInput): { text: string; signedHeaders: string } {
  const query = input.query
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers = Object.entries(input.headers)
    .map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([k]) => k).join(';');
  const text = [
    input.method.toUpperCase(),
    uriEncode(input.path, true),
    query,
    headers.map(([k, v]) => `${k}:${v}\n`).join(''),
    signedHeaders,
    input.payloadHash,
  ].join('\n');
  return { text, signedHeaders };
}

export function credentialScope(date: Date, region: string): string {
  return `${amzDate(date).slice(0, 8)}/${region}/s3/aws4_request`;
}

export function stringToSign(canonical: string, date: Date, region: string): string {
  return [SIGV4_ALGORITHM, amzDate(date), credentialScope(date, region), sha256Hex(canonical)].join('\n');
}

export function signingKey(secretAccessKey: string, date: Date, region: string): Buffer {
  const day = hmac(`AWS4${secretAccessKey}`, amzDate(date).slice(0, 8));
  return hmac(hmac(hmac(day, region), 's3'), 'aws4_request');
}

export function signature(input: CanonicalInput, secretAccessKey: string, date: Date, region: string) {
  const canonical = canonicalRequest(input);
  const toSign = stringToSign(canonical.text, date, region);
  return {
    signature: hmac(signingKey(secretAccessKey, date, region), toSign).toString('hex'),
    signedHeaders: canonical.signedHeaders,
    canonicalRequest: canonical.text,
    stringToSign: toSign,
  };
}

/**
 * Signs a request: returns the headers to send (the given ones plus x-amz-date,
 * x-amz-content-sha256, x-amz-security-token and Authorization).
 */
export function signRequest(
  input: Omit<CanonicalInput, 'headers'> & { headers: Record<string, string> },
  credentials: SigningCredentials,
  region: string,
  date: Date,
): Record<string, string> {
  const headers: Record<string, string> = {
    ...input.headers,
    'x-amz-date': amzDate(date),
    'x-amz-content-sha256': input.payloadHash,
    ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
  };
  const signed = signature({ ...input, headers }, credentials.secretAccessKey, date, region);
  headers['authorization'] =
    `${SIGV4_ALGORITHM} Credential=${credentials.accessKeyId}/${credentialScope(date, region)}, ` +
    `SignedHeaders=${signed.signedHeaders}, Signature=${signed.signature}`;
  return headers;
}

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3/aws4_request, SignedHeaders=…, Signature=…`. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const match =
    /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request\s*,\s*SignedHeaders=([a-z0-9;-]+)\s*,\s*Signature=([0-9a-f]{64})$/.exec(
      header.trim(),
    );
  if (!match) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, sig] = match;
  if (!accessKeyId || !date || !region || !service || !signedHeaders || !sig) return undefined;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature: sig };
}

/** Parses `20130524T000000Z`. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
