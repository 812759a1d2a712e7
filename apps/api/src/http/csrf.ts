import { AppError } from '../errors/app-error.ts';
import { SESSION_COOKIE } from '../modules/user/user.service.ts';
import type { Config } from '../config.ts';
import type { AppInstance, FastifyRequest } from './types.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Login and registration set the session cookie: refusing them cross-site stops login CSRF. */
const SESSION_OPENING = new Set(['/api/auth/login', '/api/auth/citizen/login', '/api/auth/citizen/register']);

/**
 * CSRF protection where the session cookie is used (docs/security.md). The cookie is SameSite=Lax
 * (a cross-site POST does not carry it in current browsers); on top of that, a state-changing
 * request authenticated by the cookie (no `Authorization: Bearer`) is refused with 403
 * CSRF_REJECTED when the browser says it comes from another site: an `Origin` that is neither
 * PUBLIC_BASE_URL's origin nor the request's own host, or `Sec-Fetch-Site: cross-site`.
 *
 * A request with neither header passes: every browser that sends cookies sends `Origin` on
 * cross-origin POST/PUT/PATCH/DELETE (and `Sec-Fetch-Site` on all requests), so their absence
 * means a non-browser client (curl, the CLI, Playwright's request context), which can only send
 * a cookie it already holds, i.e. it is the user. A bearer token is never sent by the browser on
 * its own, so bearer requests cannot be forged.
 */
export function registerCsrfProtection(app: AppInstance, config: Config): void {
  const publicOrigin = new URL(config.PUBLIC_BASE_URL).origin;

  function isForeign(request: FastifyRequest): boolean {
    if (request.headers['sec-fetch-site'] === 'cross-site') return true;
    const origin = request.headers.origin;
    if (origin === undefined) return false;
    if (origin === publicOrigin) return false;
    let host: string;
    try {
      const parsed = new URL(origin);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return true;
      host = parsed.host;
    } catch {
      return true; // `Origin: null` (sandboxed frame, privacy redirect) or garbage
    }
    return host !== request.headers.host && host !== request.host;
  }

  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method)) return;
    if (request.headers.authorization?.startsWith('Bearer ')) return;
    const url = request.url.split('?')[0] ?? '';
    const usesCookie = request.cookies[SESSION_COOKIE] !== undefined || SESSION_OPENING.has(url);
    if (!usesCookie || !isForeign(request)) return;
    request.log.warn(
      { origin: request.headers.origin, method: request.method },
      'cross-site request refused',
    );
    throw new AppError(
      'CSRF_REJECTED',
      'Yêu cầu từ trang web khác bị từ chối / A request from another website was refused',
    );
  });
}
