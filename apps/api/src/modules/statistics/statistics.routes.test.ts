import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext, type TestOfficer } from '../../../test/test-context.ts';

/**
 * The statistics routes over HTTP: who may call each one (officers with a report role, admins,
 * the public), what bad input gets, and that the answers are the documented shapes. The numbers
 * themselves are checked by the service tests (report, map, dashboard, weekly).
 */

const t = useTestContext();
let cast: Cast;
let supervisor: TestOfficer;
const Q = 'from=2026-03-01&to=2026-03-31';

beforeAll(async () => {
  t.setNow('2026-03-04T09:00:00+07:00');
  cast = await makeCast(t);
  supervisor = await t.newOfficer([{ role: 'supervisor', unitId: cast.tree.province.id }]);
  const procedure = await t.newProcedure();
  await receiveAtCounter(t, cast, procedure.code);
});

describe('statistics routes', () => {
  it('answer officers with a report role and refuse the others', async () => {
    const officerRoutes = [
      `/api/statistics/scopes`,
      `/api/statistics/report-06a?${Q}`,
      `/api/statistics/dossiers?${Q}&column=3`,
      `/api/statistics/map?${Q}`,
      `/api/statistics/dashboard`,
      `/api/statistics/indicators-766?${Q}`,
      `/api/statistics/weekly`,
      `/api/statistics/subscriptions`,
    ];
    for (const url of officerRoutes) {
      const ok = await call(t, 'GET', url, { token: supervisor.token });
      expect(ok.status, `${url}: ${JSON.stringify(ok.json)}`).toBe(200);
      const receiving = await call(t, 'GET', url, { token: cast.receiving.token });
      expect(receiving.status, url).toBe(403);
      expect(receiving.json.error?.code).toBe('FORBIDDEN');
      const anonymous = await call(t, 'GET', url);
      expect(anonymous.status, url).toBe(401);
    }
  });

  it('counts the dossier received today on the leader’s report and dashboard', async () => {
    const report = await call(t, 'GET', `/api/statistics/report-06a?${Q}`, { token: supervisor.token });
    expect((report.json['total'] as { counts: { receivedDirect: number } }).counts.receivedDirect).toBe(1);
    const dashboard = await call(t, 'GET', '/api/statistics/dashboard', { token: supervisor.token });
    expect(dashboard.json['inProgress']).toBe(1);
  });

  it('lets the public see the transparency page and the map without a session', async () => {
    for (const url of ['/api/public/statistics', '/api/public/statistics/map']) {
      const res = await call(t, 'GET', url);
      expect(res.status, url).toBe(200);
      expect(res.raw.headers['cache-control']).toContain('public');
      expect(res.raw.body).not.toContain('Trần Thị Bình');
      expect(res.raw.body).not.toContain('038190001234');
    }
  });

  it('keeps boundaries and rebuild to admins, and rejects a bad GeoJSON with a clear error', async () => {
    expect((await call(t, 'GET', '/api/statistics/map/boundaries', { token: supervisor.token })).status).toBe(
      403,
    );
    expect((await call(t, 'POST', '/api/statistics/rebuild', { token: supervisor.token })).status).toBe(403);
    const bad = await call(t, 'PUT', '/api/statistics/map/boundaries', {
      token: cast.admin.token,
      body: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point' } }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.code).toBe('VALIDATION_FAILED');
    const status = await call(t, 'GET', '/api/statistics/map/boundaries', { token: cast.admin.token });
    expect(status.status).toBe(200);
    expect(status.json['source']).toBe('none');
    const rebuild = await call(t, 'POST', '/api/statistics/rebuild', { token: cast.admin.token });
    expect(rebuild.status).toBe(200);
    expect(rebuild.json['dossiers']).toBe(1);
  });

  it('subscribes to the weekly report, lists it, refuses bad input and cancels', async () => {
    const bad = await call(t, 'POST', '/api/statistics/subscriptions', {
      token: supervisor.token,
      body: { unitId: cast.tree.province.id, recipients: ['not an address'] },
    });
    expect(bad.status).toBe(400);
    const created = await call(t, 'POST', '/api/statistics/subscriptions', {
      token: supervisor.token,
      body: { unitId: cast.tree.province.id, recipients: ['giamdoc@example.gov.vn'] },
    });
    expect(created.status).toBe(201);
    const id = String(created.json['id']);
    expect(String(created.json['nextRunAt'])).toBe('2026-03-09T00:00:00.000Z'); // Monday 07:00 in Vietnam
    const list = await call(t, 'GET', '/api/statistics/subscriptions', { token: supervisor.token });
    expect((list.json as unknown as { id: string }[]).map((s) => s.id)).toContain(id);
    const cancelled = await call(t, 'DELETE', `/api/statistics/subscriptions/${id}`, {
      token: supervisor.token,
    });
    expect(cancelled.status).toBe(204);
    const after = await call(t, 'GET', '/api/statistics/subscriptions', { token: supervisor.token });
    expect((after.json as unknown as { id: string }[]).map((s) => s.id)).not.toContain(id);
  });
});
