import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, useTestContext, type StandardTree } from '../../test/test-context.ts';
import { loadConfig } from '../config.ts';
import { buildApp } from './build-app.ts';
import { loggerOptions } from './logger.ts';
import type { AppInstance } from './types.ts';

/**
 * Hardening (docs/security.md): security headers, CSRF protection of the session cookie, rate
 * limits on login and public lookup, personal data kept out of the logs. Session expiry, the
 * password policy and the upload checks are proved where they live (see docs/security.md).
 */
const t = useTestContext();
const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-web-sec-'));
const FOREIGN = 'https://evil.example';
const OWN = 'https://motcua.test'; // PUBLIC_BASE_URL of the test configuration
let app: AppInstance; // default limits (10 / 50 / 30 a minute), the SPA served
let tree: StandardTree;
const apps: AppInstance[] = [];
let ipCounter = 0;

/** A fresh client IP per test (X-Forwarded-For is trusted from loopback, where inject comes from). */
function newIp(): string {
  ipCounter += 1;
  return `203.0.113.${ipCounter}`;
}

function sha256(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

function configWith(env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    PUBLIC_BASE_URL: OWN,
    WORKER_ENABLED: 'false',
    MOTCUA_DATA_DIR: t.ctx.config.dataDir,
    SESSION_TTL_HOURS: String(24 * 366),
    ...env,
  });
}

async function appWith(env: Record<string, string>, options: Parameters<typeof buildApp>[1] = {}) {
  const built = await buildApp({ ...t.ctx, config: configWith(env) }, { webDir: null, ...options });
  apps.push(built);
  return built;
}

beforeAll(async () => {
  fs.writeFileSync(
    path.join(webDir, 'index.html'),
    '<!doctype html><title>Motcua</title><div id="root"></div><script type="module" src="/assets/app-1.js"></script>',
  );
  app = await appWith({}, { webDir });
  tree = await t.standardTree();
});

afterAll(async () => {
  for (const a of apps) await a.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

function expectCommonHeaders(headers: Record<string, unknown>, what: string): void {
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['cross-origin-opener-policy'], what).toBe('same-origin');
  expect(String(headers['permissions-policy']), what).toContain('camera=()');
  expect(String(headers['content-security-policy']), what).toContain("frame-ancestors 'none'");
  // PUBLIC_BASE_URL is https in tests.
  expect(String(headers['strict-transport-security']), what).toMatch(/^max-age=\d+/);
}

describe('security headers', () => {
  it('are on JSON answers, errors included', async () => {
    for (const url of ['/api/health', '/api/nothing-here', '/api/me']) {
      const res = await app.inject({ method: 'GET', url });
      expectCommonHeaders(res.headers, url);
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(res.headers['content-security-policy'], url).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('give the SPA page a CSP it satisfies (own scripts, styles and API only)', async () => {
    const res = await app.inject({ method: 'GET', url: '/can-bo', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expectCommonHeaders(res.headers, 'SPA');
    const csp = String(res.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "img-src 'self' data: blob:",
      "form-action 'self'",
      "base-uri 'none'",
      "object-src 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe');
  });

  it('give the lookup page a CSP with the hash of its one inline style, and keep its no-referrer', async () => {
    const res = await app.inject({ method: 'GET', url: '/tra-cuu' });
    expect(res.statusCode).toBe(200);
    expectCommonHeaders(res.headers, '/tra-cuu');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).not.toContain('unsafe');
    const styles = [...res.body.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
    expect(styles).toHaveLength(1);
    const hash = crypto
      .createHash('sha256')
      .update(styles[0] ?? '', 'utf8')
      .digest('base64');
    expect(csp).toContain(`style-src 'self' 'sha256-${hash}'`);
    expect(res.body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
  });

  it('let the API docs (Swagger UI) keep their inline styles', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-security-policy'])).toContain("style-src 'self' 'unsafe-inline'");
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('leave out HSTS when the public address is plain http', async () => {
    const plain = await appWith({ PUBLIC_BASE_URL: 'http://localhost:3000' });
    const res = await plain.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('CSRF protection of the session cookie', () => {
  async function citizenCookie(): Promise<{ token: string; cookie: string }> {
    const c = await t.newCitizen();
    return { token: c.token, cookie: `motcua_session=${c.token}` };
  }
  async function me(token: string): Promise<number> {
    return (
      await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } })
    ).statusCode;
  }

  it('refuses a cookie-authenticated change from another site (403 CSRF_REJECTED) and changes nothing', async () => {
    const { token, cookie } = await citizenCookie();
    for (const headers of [
      { origin: FOREIGN },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://motcua.test.evil.example' },
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie, ...headers },
      });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'CSRF_REJECTED' } });
      expect(res.json().error.message).toMatch(/từ chối.*refused/);
      expect(await me(token), 'the session is still open').toBe(200);
    }
    const c = await t.db
      .selectFrom('session')
      .select('actorId')
      .where('tokenHash', '=', sha256(token))
      .executeTakeFirstOrThrow();
    const logouts = await t.db
      .selectFrom('auditLog')
      .select('id')
      .where('eventType', '=', 'auth.logout')
      .where('actorId', '=', c.actorId)
      .execute();
    expect(logouts).toHaveLength(0);
  });

  it('lets the same site change things with the cookie (Origin = PUBLIC_BASE_URL or the own host)', async () => {
    const a = await citizenCookie();
    const same = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: a.cookie, origin: OWN, 'sec-fetch-site': 'same-origin' },
    });
    expect(same.statusCode).toBe(204);
    expect(await me(a.token)).toBe(401);
    const b = await citizenCookie();
    const ownHost = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: b.cookie, origin: 'http://127.0.0.1:4399', host: '127.0.0.1:4399' },
    });
    expect(ownHost.statusCode).toBe(204);
  });

  it('lets clients without Origin (scripts, the CLI) and bearer requests through', async () => {
    const a = await citizenCookie();
    const noOrigin = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: a.cookie },
    });
    expect(noOrigin.statusCode).toBe(204);
    const b = await citizenCookie();
    const bearer = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${b.token}`, origin: FOREIGN },
    });
    expect(bearer.statusCode).toBe(204);
  });

  it('refuses a login posted from another site (login CSRF), not a GET from it', async () => {
    const officer = await t.newOfficer([{ role: 'specialist', unitId: tree.department.id }]);
    const ip = newIp();
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: FOREIGN, 'x-forwarded-for': ip },
      payload: { username: officer.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
    const get = await app.inject({ method: 'GET', url: '/api/health', headers: { origin: FOREIGN } });
    expect(get.statusCode).toBe(200);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax and Secure (https)', async () => {
    const officer = await t.newOfficer([{ role: 'specialist', unitId: tree.department.id }]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-for': newIp() },
      payload: { username: officer.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'motcua_session');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, path: '/' });
    expect(String(cookie?.sameSite).toLowerCase()).toBe('lax');
  });
});

describe('rate limits', () => {
  it('answers the 11th login attempt for one name within a minute with 429 and Retry-After', async () => {
    const officer = await t.newOfficer([{ role: 'specialist', unitId: tree.department.id }]);
    const ip = newIp();
    const attempt = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': ip },
        payload: { username: officer.username, password },
      });
    for (let i = 1; i <= 10; i++)
      expect((await attempt('wrong-password-1')).statusCode, `attempt ${i}`).toBe(401);
    const limited = await attempt(TEST_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(limited.json().error.message).toMatch(/quá nhiều.*Too many/);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another name from the same IP, and the same name from another IP, still get through.
    const other = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-for': ip },
      payload: { username: 'someone.else', password: 'wrong-password-1' },
    });
    expect(other.statusCode).toBe(401);
    // The failed attempts were audited (the limited one never reached the password check).
    const failed = (
      await t.db
        .selectFrom('auditLog')
        .select('summary')
        .where('eventType', '=', 'auth.login_failed')
        .execute()
    ).filter((r) => (r.summary as { identifier?: string }).identifier === officer.username);
    expect(failed).toHaveLength(10);
    // A minute later the window is over.
    t.advance(60_000);
    try {
      expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    } finally {
      t.advance(-60_000);
    }
  });

  it('limits all logins and registrations from one IP (RATE_LIMIT_LOGIN_PER_IP)', async () => {
    const small = await appWith({ RATE_LIMIT_LOGIN_PER_IP: '3' });
    const ip = newIp();
    const codes: number[] = [];
    for (const name of ['a.one', 'b.two', 'c.three', 'd.four']) {
      const res = await small.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': ip },
        payload: { username: name, password: 'wrong-password-1' },
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    const citizen = await small.inject({
      method: 'POST',
      url: '/api/auth/citizen/login',
      headers: { 'x-forwarded-for': ip },
      payload: { identifier: '038012345678', password: 'wrong-password-1' },
    });
    expect(citizen.statusCode).toBe(429);
  });

  it('answers the 31st public lookup from one IP within a minute with 429, on the API and the page', async () => {
    const ip = newIp();
    const lookup = () =>
      app.inject({
        method: 'GET',
        url: '/api/public/lookup?code=000.00.00.H00-260302-0001&secret=ABCDEF',
        headers: { 'x-forwarded-for': ip },
      });
    for (let i = 1; i <= 30; i++) expect((await lookup()).statusCode, `lookup ${i}`).toBe(404);
    const limited = await lookup();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The QR-code page shares the bucket and answers a readable page.
    const page = await app.inject({
      method: 'GET',
      url: '/tra-cuu?ma=000.00.00.H00-260302-0001&mk=ABCDEF',
      headers: { 'x-forwarded-for': ip },
    });
    expect(page.statusCode).toBe(429);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('Too many attempts');
    // The empty form is not a guess; another IP is not limited; officers are never limited.
    expect(
      (await app.inject({ method: 'GET', url: '/tra-cuu', headers: { 'x-forwarded-for': ip } })).statusCode,
    ).toBe(200);
    const officer = await t.newOfficer([{ role: 'receiving_officer', unitId: tree.provinceCentre.id }]);
    const asOfficer = await app.inject({
      method: 'GET',
      url: '/api/public/lookup?code=000.00.00.H00-260302-0001&secret=ABCDEF',
      headers: { 'x-forwarded-for': ip, authorization: `Bearer ${officer.token}` },
    });
    expect(asOfficer.statusCode).toBe(404);
  });

  it('does not count officers’ normal API use', async () => {
    const officer = await t.newOfficer([{ role: 'receiving_officer', unitId: tree.provinceCentre.id }]);
    const ip = newIp();
    for (let i = 0; i < 60; i++) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { 'x-forwarded-for': ip, authorization: `Bearer ${officer.token}` },
      });
      expect(res.statusCode).toBe(200);
    }
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const direct = await appWith({ TRUST_PROXY: 'false', RATE_LIMIT_LOOKUP_PER_IP: '2' });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await direct.inject({
        method: 'GET',
        url: '/api/public/lookup?code=000.00.00.H00-260302-0001&secret=ABCDEF',
        headers: { 'x-forwarded-for': newIp() }, // a client inventing a new address each time
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([404, 404, 429]);
  });
});

describe('personal data in the logs', () => {
  it('redacts tokens, cookies, ID numbers, phones, tax codes and passwords from the real logger', async () => {
    let output = '';
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        output += chunk.toString('utf8');
        done();
      },
    });
    const config = configWith({ LOG_LEVEL: 'info' });
    const logged = await buildApp(
      { ...t.ctx, config },
      { webDir: null, logger: { ...loggerOptions(config), stream } },
    );
    apps.push(logged);
    const citizen = await t.newCitizen();
    const idNumber = '038099887766';
    const phone = '0987654321';
    const taxCode = '0109998887';
    await logged.inject({
      method: 'POST',
      url: '/api/auth/citizen/login',
      headers: { 'x-forwarded-for': newIp(), cookie: `motcua_session=${citizen.token}` },
      payload: { identifier: idNumber, password: 'Secret-password-42' },
    });
    await logged.inject({
      method: 'GET',
      url: `/api/me?idNumber=${idNumber}&phone=${phone}`,
      headers: { authorization: `Bearer ${citizen.token}` },
    });
    logged.log.info(
      {
        headers: { authorization: `Bearer ${citizen.token}`, cookie: `motcua_session=${citizen.token}` },
        req: { headers: { authorization: `Bearer ${citizen.token}` } },
        body: {
          idNumber,
          phone,
          password: 'Secret-password-42',
          applicant: { idNumber, phone, taxCode },
          organisation: { representative: { phone } },
        },
      },
      'a request with personal data',
    );
    expect(output).toContain('a request with personal data');
    expect(output).toContain('incoming request');
    expect(output).toContain('[redacted]');
    for (const secret of [citizen.token, idNumber, phone, taxCode, 'Secret-password-42'])
      expect(output, secret).not.toContain(secret);
  });
});
