import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { createErrorHandler, isDatabaseUnavailable } from './error-handler.ts';

/**
 * A database that is down (restart, failover, network) must answer 503 with Retry-After, never an
 * opaque 500: clients and the load balancer then retry instead of reporting a bug (the crash test
 * in bench/reliability.ts counts the answers given during a PostgreSQL outage).
 */
const app = Fastify();
app.setErrorHandler(createErrorHandler(true));
const thrown: Record<string, () => Error> = {
  terminated: () => new Error('Connection terminated unexpectedly'),
  notQueryable: () => new Error('Client has encountered a connection error and is not queryable'),
  poolTimeout: () => new Error('timeout exceeded when trying to connect'),
  reset: () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
  adminShutdown: () =>
    Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
  wrapped: () => new Error('commit failed', { cause: new Error('Connection terminated unexpectedly') }),
  lockTimeout: () => Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' }),
  deadlock: () => Object.assign(new Error('deadlock detected'), { code: '40P01' }),
  bug: () => new TypeError("Cannot read properties of undefined (reading 'id')"),
  constraint: () => Object.assign(new Error('duplicate key value'), { code: '23505' }),
};
app.get('/:kind', async (req) => {
  throw thrown[(req.params as { kind: string }).kind]!();
});
afterAll(() => app.close());

describe('the error handler and a database that is not there', () => {
  it.each(['terminated', 'notQueryable', 'poolTimeout', 'reset', 'adminShutdown', 'wrapped'])(
    '%s → 503 DATABASE_UNAVAILABLE with Retry-After',
    async (kind) => {
      const res = await app.inject({ method: 'GET', url: `/${kind}` });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toMatchObject({ error: { code: 'DATABASE_UNAVAILABLE' } });
      expect(res.json<{ error: { message: string } }>().error.message).toContain('thử lại');
    },
  );

  it.each(['lockTimeout', 'deadlock'])('%s → 503 DATABASE_BUSY with a short Retry-After', async (kind) => {
    const res = await app.inject({ method: 'GET', url: `/${kind}` });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.json()).toMatchObject({ error: { code: 'DATABASE_BUSY' } });
    expect(res.json<{ error: { message: string } }>().error.message).toContain('thử lại');
  });

  it.each(['bug', 'constraint'])('%s stays an opaque 500 (a bug, not an outage)', async (kind) => {
    const res = await app.inject({ method: 'GET', url: `/${kind}` });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'Internal error' } });
  });

  it('recognises an outage only from codes and messages of the driver', () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('the dossier was terminated'))).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
  });
});
