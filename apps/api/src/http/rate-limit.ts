import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import type { AppContext } from '../shared/app-context.ts';
import type { AppInstance } from './types.ts';

/**
 * Rate limits against password guessing and dossier-code enumeration (docs/security.md): an
 * in-process fixed window of one minute on the injected clock, keyed by the client IP
 * (`request.ip`, which honours X-Forwarded-For only from the proxies in TRUST_PROXY) and, for
 * logins, by the login name tried. Only the routes below are limited: officers' normal API use
 * never counts. One process holds its own counters; several processes behind a balancer each
 * allow the limit (acceptable: the limits are per minute and argon2 makes each guess slow).
 */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/** Routes (method + URL pattern) where a password is tried. */
const LOGIN_ROUTES = new Set(['POST /api/auth/login', 'POST /api/auth/citizen/login']);
/** Counted in the per-IP login bucket only (it tells whether an ID number has an account). */
const REGISTER_ROUTES = new Set(['POST /api/auth/citizen/register']);
/** Routes that take a dossier code and its receipt secret: an oracle for guessing them. */
const LOOKUP_ROUTES = new Set([
  'GET /api/public/lookup',
  'GET /tra-cuu',
  'POST /api/public/rating',
  'POST /tra-cuu/danh-gia',
]);

const MAX_KEYS = 100_000;

export interface RateDecision {
  isAllowed: boolean;
  retryAfterSeconds: number;
}

/** Counts hits per key in fixed windows; forgets windows that are over. */
export class FixedWindowLimiter {
  readonly #hits = new Map<string, { start: number; count: number }>();
  readonly #limit: number;
  readonly #windowMs: number;

  constructor(limit: number, windowMs = RATE_LIMIT_WINDOW_MS) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  hit(key: string, now: number): RateDecision {
    let entry = this.#hits.get(key);
    if (!entry || now - entry.start >= this.#windowMs || now < entry.start) {
      if (!entry && this.#hits.size >= MAX_KEYS) this.#sweep(now);
      entry = { start: now, count: 0 };
      this.#hits.set(key, entry);
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((entry.start + this.#windowMs - now) / 1000));
    if (entry.count >= this.#limit) return { isAllowed: false, retryAfterSeconds };
    entry.count += 1;
    return { isAllowed: true, retryAfterSeconds };
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#hits) if (now - entry.start >= this.#windowMs) this.#hits.delete(key);
    // Still full (a flood of distinct keys): start over rather than grow without bound.
    if (this.#hits.size >= MAX_KEYS) this.#hits.clear();
  }
}

const MESSAGE =
  'Bạn đã thử quá nhiều lần, vui lòng thử lại sau ít phút / Too many attempts, please try again in a few minutes';

function routeKey(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? ''}`;
}

function loginName(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const b = body as Record<string, unknown>;
  const value = b['username'] ?? b['identifier'] ?? b['idNumber'] ?? b['taxCode'];
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

function refuse(request: FastifyRequest, reply: FastifyReply, decision: RateDecision): FastifyReply | never {
  reply.header('retry-after', String(decision.retryAfterSeconds));
  request.log.warn({ route: routeKey(request) }, 'rate limited');
  if (request.routeOptions.url === '/tra-cuu') {
    // The QR-code page is read by people, not scripts: answer a page, not JSON.
    return reply
      .code(429)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Tra cứu hồ sơ — Motcua</title></head><body><main><h1>Tra cứu hồ sơ</h1><p role="alert">${MESSAGE}</p><p><a href="/tra-cuu">/tra-cuu</a></p></main></body></html>`,
      );
  }
  throw new AppError('RATE_LIMITED', MESSAGE, { retryAfterSeconds: decision.retryAfterSeconds });
}

/** Registers the limits (after the auth hook, so an officer's session is known). */
export function registerRateLimits(app: AppInstance, ctx: AppContext): void {
  const perIdentifier = new FixedWindowLimiter(ctx.config.RATE_LIMIT_LOGIN_PER_IDENTIFIER);
  const loginPerIp = new FixedWindowLimiter(ctx.config.RATE_LIMIT_LOGIN_PER_IP);
  const lookupPerIp = new FixedWindowLimiter(ctx.config.RATE_LIMIT_LOOKUP_PER_IP);

  // preHandler: the body is parsed and valid, so the login name is known; a malformed request
  // was refused before it could try a password.
  app.addHook('preHandler', async (request, reply) => {
    const key = routeKey(request);
    const now = ctx.clock().getTime();
    if (LOGIN_ROUTES.has(key) || REGISTER_ROUTES.has(key)) {
      const byIp = loginPerIp.hit(request.ip, now);
      if (!byIp.isAllowed) return refuse(request, reply, byIp);
      if (LOGIN_ROUTES.has(key)) {
        const byName = perIdentifier.hit(`${request.ip}\n${loginName(request.body)}`, now);
        if (!byName.isAllowed) return refuse(request, reply, byName);
      }
      return;
    }
    if (LOOKUP_ROUTES.has(key)) {
      if (request.actor.type === 'officer') return;
      // The empty /tra-cuu form (no code typed yet) is not a guess.
      if (key === 'GET /tra-cuu') {
        const q = request.query as Record<string, unknown>;
        if (!q['ma'] && !q['mk']) return;
      }
      const decision = lookupPerIp.hit(request.ip, now);
      if (!decision.isAllowed) return refuse(request, reply, decision);
    }
  });
}
