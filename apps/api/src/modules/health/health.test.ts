import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { call, useTestContext } from '../../../test/test-context.ts';
import { adminUrl } from '../../../test/test-databases.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { buildApp } from '../../http/build-app.ts';
import type { AppInstance } from '../../http/types.ts';
import { startClamdSandbox } from '../../sandbox/clamd-sandbox.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { SCANNER_PROBE_TIMEOUT_MS, SCANNER_PROBE_TTL_MS } from './health.service.ts';

const t = useTestContext();
const extraApps: AppInstance[] = [];

afterAll(async () => {
  for (const app of extraApps) await app.close();
});

/** An app on the same context, with another configuration or database handle. */
async function appWith(overrides: Partial<AppContext>): Promise<AppInstance> {
  const app = await buildApp({ ...t.ctx, ...overrides });
  extraApps.push(app);
  return app;
}

function configFor(mode: 'postgres' | 'pglite') {
  return loadConfig({
    NODE_ENV: 'test',
    WORKER_ENABLED: 'false',
    MOTCUA_DATA_DIR: t.ctx.config.MOTCUA_DATA_DIR,
    ...(mode === 'postgres' ? { DATABASE_URL: adminUrl() } : {}),
  });
}

describe('GET /api/health', () => {
  it('answers 200 without a session when the database answers', async () => {
    t.setNow('2026-03-02T09:00:00+07:00');
    const res = await call(t, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toMatch(/^application\/json/);
    // The harness configuration has no DATABASE_URL, which is what pglite mode means.
    expect(res.json).toEqual({
      status: 'ok',
      database: 'pglite',
      scanner: 'off',
      time: '2026-03-02T02:00:00.000Z',
    });

    // A session is not needed, but a valid one does no harm.
    const citizen = await t.newCitizen();
    t.setNow('2026-03-02T09:00:05+07:00');
    const withToken = await call(t, 'GET', '/api/health', { token: citizen.token });
    expect(withToken.status).toBe(200);
    expect(withToken.json['time']).toBe('2026-03-02T02:00:05.000Z');
  });

  it('reports the database mode of the configuration', async () => {
    const viaServer = await appWith({ config: configFor('postgres') });
    const server = await viaServer.inject({ method: 'GET', url: '/api/health' });
    expect(server.statusCode).toBe(200);
    expect(server.json()).toMatchObject({ status: 'ok', database: 'postgres' });

    const embedded = await appWith({ config: configFor('pglite') });
    const local = await embedded.inject({ method: 'GET', url: '/api/health' });
    expect(local.statusCode).toBe(200);
    expect(local.json()).toMatchObject({ status: 'ok', database: 'pglite' });
  });

  it('answers 503 DATABASE_UNAVAILABLE when the database does not answer', async () => {
    // A separate handle of the same kind as the suite's: it answers, then goes away.
    const handle =
      t.mode === 'postgres'
        ? await openDatabase({ mode: 'postgres', url: adminUrl(), poolSize: 1 })
        : await openDatabase({ mode: 'pglite' });
    const app = await appWith({ db: handle.db });
    const before = await app.inject({ method: 'GET', url: '/api/health' });
    expect(before.statusCode).toBe(200);
    await handle.close();
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error: { code: 'DATABASE_UNAVAILABLE', message: 'The database does not answer' },
    });

    // The suite's own database is not affected.
    expect((await call(t, 'GET', '/api/health')).status).toBe(200);
  });
});

describe('GET /api/health reports the virus scanner (CLAMAV_URL)', () => {
  function scannerConfig(overrides: Record<string, unknown>) {
    return Object.freeze({ ...t.ctx.config, ...overrides });
  }

  async function health(app: AppInstance) {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    return { status: res.statusCode, json: res.json<Record<string, unknown>>() };
  }

  it('probes clamd at most once per 30 s: up, then down (degraded) after the cache expires', async () => {
    const clamd = await startClamdSandbox();
    let isClosed = false;
    try {
      const app = await appWith({ config: scannerConfig({ CLAMAV_URL: clamd.url }) });
      t.setNow('2026-03-03T09:00:00+07:00');
      const up = await health(app);
      expect(up.status).toBe(200);
      expect(up.json).toMatchObject({ status: 'ok', scanner: 'up' });

      // clamd goes away: the cached probe is still used within the TTL…
      await clamd.close();
      isClosed = true;
      t.advance(SCANNER_PROBE_TTL_MS - 1_000);
      expect((await health(app)).json).toMatchObject({ status: 'ok', scanner: 'up' });

      // …and a fresh probe after it says down. Uploads are refused, so the instance is degraded.
      t.advance(2_000);
      const down = await health(app);
      expect(down.status).toBe(200);
      expect(down.json).toMatchObject({ status: 'degraded', scanner: 'down' });
    } finally {
      if (!isClosed) await clamd.close();
    }
  });

  it('a scanner that is down leaves the answer ok with CLAMAV_FAIL_OPEN=true', async () => {
    const clamd = await startClamdSandbox();
    const url = clamd.url;
    await clamd.close();
    t.setNow('2026-03-04T09:00:00+07:00');
    const failOpen = await appWith({ config: scannerConfig({ CLAMAV_URL: url, CLAMAV_FAIL_OPEN: true }) });
    const res = await health(failOpen);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok', scanner: 'down' });
  });

  it('bounds the probe: a clamd that never answers is down within the probe timeout, probed once', async () => {
    let connections = 0;
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      connections += 1;
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    try {
      const app = await appWith({ config: scannerConfig({ CLAMAV_URL: `tcp://127.0.0.1:${address.port}` }) });
      t.setNow('2026-03-05T09:00:00+07:00');
      const started = Date.now();
      // Concurrent health calls share one probe.
      const answers = await Promise.all([health(app), health(app), health(app)]);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(SCANNER_PROBE_TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(SCANNER_PROBE_TIMEOUT_MS + 1_500);
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.json).toMatchObject({ status: 'degraded', scanner: 'down' });
      }
      expect(connections).toBe(1);

      // The cached answer is immediate.
      const again = Date.now();
      expect((await health(app)).json).toMatchObject({ scanner: 'down' });
      expect(Date.now() - again).toBeLessThan(SCANNER_PROBE_TIMEOUT_MS / 2);
      expect(connections).toBe(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
