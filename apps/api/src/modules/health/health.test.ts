import { afterAll, describe, expect, it } from 'vitest';
import { call, useTestContext } from '../../../test/test-context.ts';
import { adminUrl } from '../../../test/test-databases.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { buildApp } from '../../http/build-app.ts';
import type { AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';

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
    expect(res.json).toEqual({ status: 'ok', database: 'pglite', time: '2026-03-02T02:00:00.000Z' });

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
