import crypto from 'node:crypto';
import type { Config } from '../config.ts';
import type { AppInstance } from './types.ts';

/**
 * Security headers on every answer (docs/security.md). A header a route set itself wins (the
 * lookup page sends `Referrer-Policy: no-referrer` and a CSP with the hash of its inline style).
 */

/** SHA-256 source expression of an inline `<style>` or `<script>` body, for a CSP. */
export function cspHash(inline: string): string {
  return `'sha256-${crypto.createHash('sha256').update(inline, 'utf8').digest('base64')}'`;
}

/**
 * The policy of HTML pages: the SPA and the lookup page load only their own files. React's
 * `style={{…}}` props set CSSOM properties, which CSP does not govern, so `style-src 'self'`
 * holds for the SPA; an inline `<style>` needs its hash in `styleHashes`.
 */
export function pageContentSecurityPolicy(options: { styleHashes?: readonly string[] } = {}): string {
  return [
    "default-src 'self'",
    "img-src 'self' data: blob:",
    `style-src 'self'${options.styleHashes?.length ? ` ${options.styleHashes.join(' ')}` : ''}`,
    "script-src 'self'",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Swagger UI (/api/docs) sets inline styles from its scripts and draws data: images. */
const DOCS_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** JSON answers load nothing and are never framed. */
const JSON_CSP = "default-src 'none'; frame-ancestors 'none'";
/** Files (PDF receipts, exports, images, the SPA's assets): never framed, left viewable. */
const FILE_CSP = "frame-ancestors 'none'";

/**
 * No powerful browser feature is used: the "take a photo" button is an `<input type="file"
 * capture>`, which opens the phone's camera app without the camera permission.
 */
const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), display-capture=()';

export function registerSecurityHeaders(app: AppInstance, config: Config): void {
  const isHttps = new URL(config.PUBLIC_BASE_URL).protocol === 'https:';
  const pageCsp = pageContentSecurityPolicy();
  app.addHook('onSend', async (request, reply, payload) => {
    const set = (name: string, value: string) => {
      if (!reply.hasHeader(name)) reply.header(name, value);
    };
    set('x-content-type-options', 'nosniff');
    set('referrer-policy', 'strict-origin-when-cross-origin');
    set('x-frame-options', 'DENY');
    set('permissions-policy', PERMISSIONS_POLICY);
    set('cross-origin-opener-policy', 'same-origin');
    if (isHttps) set('strict-transport-security', 'max-age=31536000; includeSubDomains');
    const type = String(reply.getHeader('content-type') ?? '');
    const url = request.url;
    const isDocs = url === '/api/docs' || url.startsWith('/api/docs/') || url.startsWith('/api/docs?');
    if (type.startsWith('text/html')) set('content-security-policy', isDocs ? DOCS_CSP : pageCsp);
    else if (type.startsWith('application/json')) set('content-security-policy', JSON_CSP);
    else set('content-security-policy', FILE_CSP);
    return payload;
  });
}
