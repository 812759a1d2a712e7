import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BoundaryCollection, type BoundaryFeature } from '@motcua/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeCast,
  mustAct,
  receiveAtCounter,
  counterBody,
  type Cast,
} from '../../../test/dossier-helpers.ts';
import { call, useTestContext, type TestOfficer } from '../../../test/test-context.ts';
import { AppError } from '../../errors/app-error.ts';
import { HTTP_STATUS_BY_CODE } from '../../errors/http-status.ts';
import { COMMUNES } from '../../seed/demo-organisation.ts';
import { demoBoundaries } from '../../seed/demo-boundaries.ts';
import { ANONYMOUS_ACTOR, SYSTEM_ACTOR, type Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { resolveSession } from '../user/user.service.ts';
import type { EnforcementMap } from './statistics.schemas.ts';
import { computeReport06a } from './statistics.service.ts';
import {
  getBoundaryStatus,
  getEnforcementMap,
  getPublicMap,
  removeBoundaries,
  uploadBoundaries,
} from './statistics-map.service.ts';

const t = useTestContext();
let cast: Cast;
let provinceLeader: TestOfficer;
let communeReceiving: TestOfficer;
let communeLeader: TestOfficer;
let otherCommuneReceiving: TestOfficer;
let otherCommuneLeader: TestOfficer;
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-map-'));

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const APPLICANT_MARKERS = ['Trần Thị Bình', '038190001234', '0987654321', 'Lê Lợi'];

/** The actor as the auth hook resolves it from the session (roles in force). */
async function actorOf(o: TestOfficer): Promise<Actor> {
  const actor = await resolveSession(t.ctx, o.token);
  if (!actor) throw new Error(`no session for ${o.username}`);
  return actor;
}

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

function square(lon: number, lat: number, size = 0.05): number[][][] {
  return [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ];
}

function feature(properties: Record<string, unknown>, lon: number, lat: number): BoundaryFeature {
  return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: square(lon, lat) } };
}

/** XA1 by agency code, XA2 by name only, and a commune the organisation does not have. */
const UPLOAD: BoundaryCollection = {
  type: 'FeatureCollection',
  features: [
    feature({ agencyCode: 'T.XA1', name: 'Xã Một' }, 105.7, 19.8),
    feature({ ten: 'Xã Hai' }, 105.75, 19.8),
    feature({ name: 'Xã Ba', ma: '99999' }, 105.8, 19.8),
  ],
};

async function adminActor(): Promise<Actor> {
  return actorOf(cast.admin);
}

beforeAll(async () => {
  cast = await makeCast(t);
  const tree = cast.tree;
  provinceLeader = await t.newOfficer([{ role: 'leader', unitId: tree.province.id }]);
  communeReceiving = await t.newOfficer([{ role: 'receiving_officer', unitId: tree.communeSection.id }]);
  communeLeader = await t.newOfficer([{ role: 'leader', unitId: tree.commune.id }]);
  otherCommuneReceiving = await t.newOfficer([
    { role: 'receiving_officer', unitId: tree.otherCommuneSection.id },
  ]);
  otherCommuneLeader = await t.newOfficer([{ role: 'leader', unitId: tree.otherCommune.id }]);

  const provincial = (await t.newProcedure()).code;
  const communal = (
    await t.newProcedure({
      content: {
        name: 'Đăng ký khai sinh',
        field: { code: 'ho-tich', name: 'Hộ tịch' },
        level: 'commune',
      },
    })
  ).code;

  async function processing(token: string, code: string) {
    return mustAct(t, token, code, { action: 'transfer', expectedVersion: 1 });
  }
  async function stop(token: string, code: string, version: number) {
    return mustAct(t, token, code, {
      action: 'stop',
      expectedVersion: version,
      reason: 'Không đủ điều kiện giải quyết',
    });
  }
  async function atCommune(receiving: TestOfficer, sectionId: string) {
    const res = await call(t, 'POST', '/api/dossiers/counter', {
      token: receiving.token,
      body: counterBody(communal, sectionId),
    });
    if (res.status !== 201) throw new Error(`commune intake: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json as unknown as { code: string };
  }

  // Mon 2/3: three provincial dossiers (Sở Xây dựng, due Mon 9/3) and three commune dossiers.
  t.setNow('2026-03-02T09:00:00+07:00');
  const p1 = await receiveAtCounter(t, cast, provincial);
  const p2 = await receiveAtCounter(t, cast, provincial);
  await receiveAtCounter(t, cast, provincial); // stays in progress
  const c1 = await atCommune(communeReceiving, tree.communeSection.id);
  const c2 = await atCommune(otherCommuneReceiving, tree.otherCommuneSection.id);
  const c3 = await atCommune(otherCommuneReceiving, tree.otherCommuneSection.id);
  const dp1 = await processing(cast.receiving.token, p1.code);
  const dp2 = await processing(cast.receiving.token, p2.code);
  const dc1 = await processing(communeReceiving.token, c1.code);
  const dc2 = await processing(otherCommuneReceiving.token, c2.code);
  const dc3 = await processing(otherCommuneReceiving.token, c3.code);

  // Tue 3/3: settled in time.
  t.setNow('2026-03-03T10:00:00+07:00');
  await stop(cast.leader.token, p1.code, dp1.version);
  await stop(communeLeader.token, c1.code, dc1.version);
  await stop(otherCommuneLeader.token, c2.code, dc2.version);

  // Mon 23/3: settled late.
  t.setNow('2026-03-23T10:00:00+07:00');
  await stop(cast.leader.token, p2.code, dp2.version);
  await stop(otherCommuneLeader.token, c3.code, dc3.version);

  t.setNow('2026-03-25T09:00:00+07:00');
});

afterAll(() => {
  fs.rmSync(tmpDir, { recursive: true, force: true });
});

describe('boundaries (admins)', () => {
  it('start with none', async () => {
    const status = await getBoundaryStatus(t.ctx, await adminActor());
    expect(status).toMatchObject({ source: 'none', name: null, featureCount: 0, matched: [], unmatched: [] });
    expect(status.communesWithoutBoundary).toEqual(
      expect.arrayContaining([cast.tree.commune.name, cast.tree.otherCommune.name]),
    );
  });

  it('refuse uploads and status from non-admins (403) and anonymous callers (401)', async () => {
    const leader = await actorOf(provinceLeader);
    for (const p of [
      uploadBoundaries(t.ctx, leader, UPLOAD, 'x.geojson'),
      removeBoundaries(t.ctx, leader),
      getBoundaryStatus(t.ctx, leader),
    ]) {
      const e = await errorOf(p);
      expect(e.code).toBe('FORBIDDEN');
      expect(HTTP_STATUS_BY_CODE[e.code]).toBe(403);
    }
    const anonymous = await errorOf(uploadBoundaries(t.ctx, ANONYMOUS_ACTOR, UPLOAD, 'x.geojson'));
    expect(HTTP_STATUS_BY_CODE[anonymous.code]).toBe(401);
    expect((await getBoundaryStatus(t.ctx, await adminActor())).source).toBe('none');
  });

  it('take an upload, match by agency code then by name, list unmatched features, audit it', async () => {
    const status = await uploadBoundaries(t.ctx, await adminActor(), UPLOAD, 'thanh-hoa.geojson', {
      requestId: 'req-map-1',
    });
    expect(status).toMatchObject({
      source: 'upload',
      name: 'thanh-hoa.geojson',
      featureCount: 3,
      uploadedAt: t.now().toISOString(),
      unmatched: ['Xã Ba (99999)'],
      communesWithoutBoundary: [],
    });
    expect(status.matched).toEqual([
      { feature: 'Xã Một (T.XA1)', unitName: cast.tree.commune.name, agencyCode: 'T.XA1' },
      { feature: 'Xã Hai', unitName: cast.tree.otherCommune.name, agencyCode: 'T.XA2' },
    ]);
    expect(await getBoundaryStatus(t.ctx, await adminActor())).toEqual(status);
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['eventType', 'actorId', 'entityType', 'summary', 'requestId'])
      .where('eventType', '=', 'statistics.boundaries_uploaded')
      .execute();
    expect(audit).toEqual([
      {
        eventType: 'statistics.boundaries_uploaded',
        actorId: cast.admin.id,
        entityType: 'map_boundary',
        summary: { name: 'thanh-hoa.geojson', features: 3, matched: 2 },
        requestId: 'req-map-1',
      },
    ]);
  });

  it('reject bad GeoJSON with a clear 400 and change nothing', async () => {
    const admin = await adminActor();
    const before = await getBoundaryStatus(t.ctx, admin);
    const bad: unknown[] = [
      { type: 'FeatureCollection', features: [] },
      {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [105, 19] } }],
      },
      { type: 'FeatureCollection', features: [feature({ agencyCode: 'T.XA1' }, 19.8, 105.7)] }, // lat, lon swapped
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square(105, 19) } },
      '{"type": "FeatureCollection", "features": [',
      null,
    ];
    for (const body of bad) {
      const e = await errorOf(uploadBoundaries(t.ctx, admin, body, 'bad.geojson'));
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(HTTP_STATUS_BY_CODE[e.code]).toBe(400);
      expect(e.message).toMatch(/GeoJSON|JSON/);
    }
    const swapped = await errorOf(uploadBoundaries(t.ctx, admin, bad[2], 'bad.geojson'));
    expect(swapped.details?.['issues']).toEqual(
      expect.arrayContaining([expect.objectContaining({ message: 'longitude, latitude in degrees' })]),
    );
    // Valid GeoJSON that names no commune of the organisation.
    const foreign = await errorOf(
      uploadBoundaries(
        t.ctx,
        admin,
        { type: 'FeatureCollection', features: [feature({ name: 'Xã Không Có' }, 105, 19)] },
        'foreign.geojson',
      ),
    );
    expect(foreign.code).toBe('VALIDATION_FAILED');
    expect(foreign.details?.['unmatched']).toEqual(['Xã Không Có']);

    expect(await getBoundaryStatus(t.ctx, admin)).toEqual(before);
    const audits = await t.db
      .selectFrom('auditLog')
      .select('id')
      .where('eventType', '=', 'statistics.boundaries_uploaded')
      .execute();
    expect(audits).toHaveLength(1);
  });
});

describe('enforcement map', () => {
  let map: EnforcementMap;

  beforeAll(async () => {
    map = await getEnforcementMap(t.ctx, await actorOf(provinceLeader), MARCH);
  });

  it('has the numbers of the II.06a report, unit by unit and in total', async () => {
    const leader = await actorOf(provinceLeader);
    const report = await computeReport06a(t.ctx, leader, { ...MARCH, groupBy: 'unit' });
    expect(map.period).toEqual(report.period);
    expect(map.isPartial).toBe(true);
    expect(map.unit?.id).toBe(cast.tree.province.id);
    expect(map.total).toEqual({ counts: report.total.counts, onTimeRate: report.total.onTimeRate });

    for (const u of [...map.communes, ...map.agencies]) {
      const row = report.rows.find((r) => r.unit?.id === u.unit.id);
      if (u.counts.receivedTotal + u.counts.carriedOver === 0) {
        expect(row).toBeUndefined();
        continue;
      }
      expect(u.counts).toEqual(row?.counts);
      expect(u.onTimeRate).toEqual(row?.onTimeRate);
      // The unit's own report (the drill-down) has the same figures.
      const own = await computeReport06a(t.ctx, leader, { ...MARCH, unitId: u.unit.id });
      expect(u.counts).toEqual(own.total.counts);
    }
    for (const a of map.areas) {
      const c = map.communes.find((x) => x.unit.id === a.unit.id);
      expect(a.counts).toEqual(c?.counts);
    }
  });

  it('colours and ranks communes and agencies by on-time rate', () => {
    const byCode = (list: EnforcementMap['communes'], code: string) =>
      list.find((x) => x.unit.agencyCode === code);
    expect(byCode(map.communes, 'T.XA1')).toMatchObject({ onTimeRate: 100, rateClass: 'a', rank: 1 });
    expect(byCode(map.communes, 'T.XA2')).toMatchObject({ onTimeRate: 50, rateClass: 'e', rank: 2 });
    expect(byCode(map.communes, 'T.XA2')?.counts).toMatchObject({ settledTotal: 2, settledLate: 1 });
    expect(map.agencies.map((a) => [a.unit.agencyCode, a.onTimeRate, a.rank])).toEqual([
      ['T.SXD', 50, 1],
      ['T.STP', null, null],
    ]);
    expect(byCode(map.agencies, 'T.SXD')?.counts).toMatchObject({
      receivedTotal: 3,
      settledTotal: 2,
      inProgressTotal: 1,
    });
    expect(map.classes.map((c) => c.code)).toEqual(['a', 'b', 'c', 'd', 'e', 'none']);
  });

  it('draws the matched communes as SVG paths and lists the unmatched features', () => {
    expect(map.boundarySource).toBe('upload');
    expect(map.boundaryName).toBe('thanh-hoa.geojson');
    expect(map.width).toBe(1000);
    expect(map.height).toBeGreaterThan(0);
    expect(map.areas.map((a) => a.unit.agencyCode).sort()).toEqual(['T.XA1', 'T.XA2']);
    for (const a of map.areas) {
      expect(a.path).toMatch(/^M[\d.,L]+Z$/);
      expect(a.labelX).toBeGreaterThan(0);
      expect(a.labelX).toBeLessThan(map.width);
    }
    expect(map.missingAreas).toEqual([]);
    expect(map.unmatchedFeatures).toEqual(['Xã Ba (99999)']);
  });

  it('is scoped like the report: a commune leader sees their commune only', async () => {
    const mine = await getEnforcementMap(t.ctx, await actorOf(communeLeader), MARCH);
    expect(mine.unit?.id).toBe(cast.tree.commune.id);
    expect(mine.communes.map((c) => c.unit.id)).toEqual([cast.tree.commune.id]);
    expect(mine.areas.map((a) => a.unit.id)).toEqual([cast.tree.commune.id]);
    expect(mine.agencies).toEqual([]);
    const e = await errorOf(
      getEnforcementMap(t.ctx, await actorOf(communeLeader), { ...MARCH, unitId: cast.tree.province.id }),
    );
    expect(e.code).toBe('FORBIDDEN');
    const specialist = await errorOf(getEnforcementMap(t.ctx, await actorOf(cast.specialist), MARCH));
    expect(specialist.code).toBe('FORBIDDEN');
    const bad = await errorOf(
      getEnforcementMap(t.ctx, await actorOf(provinceLeader), { from: '2026-03-31', to: '2026-03-01' }),
    );
    expect(bad.code).toBe('VALIDATION_FAILED');
  });

  it('is public without personal data, for this year to date by default', async () => {
    const pub = await getPublicMap(t.ctx, {});
    expect(pub.period).toEqual({ from: '2026-01-01', to: '2026-03-25' });
    expect(pub.unit?.id).toBe(cast.tree.province.id);
    expect(pub.unmatchedFeatures).toEqual([]);
    const march = await getPublicMap(t.ctx, MARCH);
    expect(march.communes).toEqual(map.communes);
    expect(march.agencies).toEqual(map.agencies);
    expect(march.areas).toEqual(map.areas);
    const text = JSON.stringify(pub);
    for (const marker of [
      ...APPLICANT_MARKERS,
      cast.receiving.username,
      cast.leader.username,
      communeLeader.username,
      'T.SXD-260302',
    ]) {
      expect(text).not.toContain(marker);
    }
  });
});

describe('boundary precedence: upload > file > none', () => {
  it('uses MAP_BOUNDARIES_FILE once the upload is removed, and none without it', async () => {
    const file = path.join(tmpDir, 'communes.geojson');
    const fromFile: BoundaryCollection = {
      type: 'FeatureCollection',
      features: [feature({ maDinhDanh: 'T.XA2', name: 'Xã Hai' }, 106, 20)],
    };
    fs.writeFileSync(file, JSON.stringify(fromFile));
    const withFile: AppContext = { ...t.ctx, config: { ...t.ctx.config, MAP_BOUNDARIES_FILE: file } };
    const admin = await adminActor();

    expect((await getBoundaryStatus(withFile, admin)).source).toBe('upload');
    const removed = await removeBoundaries(withFile, admin, { requestId: 'req-map-2' });
    expect(removed).toMatchObject({
      source: 'file',
      name: 'communes.geojson',
      featureCount: 1,
      uploadedAt: null,
      unmatched: [],
      communesWithoutBoundary: [cast.tree.commune.name],
    });
    const fileMap = await getEnforcementMap(withFile, await actorOf(provinceLeader), MARCH);
    expect(fileMap.boundarySource).toBe('file');
    expect(fileMap.areas.map((a) => a.unit.agencyCode)).toEqual(['T.XA2']);
    expect(fileMap.missingAreas.map((a) => a.unit.agencyCode)).toEqual(['T.XA1']);

    const none = await getEnforcementMap(t.ctx, await actorOf(provinceLeader), MARCH);
    expect(none).toMatchObject({ boundarySource: 'none', boundaryName: null, areas: [] });
    expect(none.missingAreas).toHaveLength(2);
    expect(none.communes).toEqual(fileMap.communes);

    // A broken file is ignored (logged), not an error.
    fs.writeFileSync(file, '{"type": "FeatureCollection"');
    expect((await getBoundaryStatus(withFile, admin)).source).toBe('none');

    const audit = await t.db
      .selectFrom('auditLog')
      .select(['summary', 'requestId'])
      .where('eventType', '=', 'statistics.boundaries_removed')
      .execute();
    expect(audit).toEqual([{ summary: { name: 'thanh-hoa.geojson', features: 3 }, requestId: 'req-map-2' }]);
    // Removing again changes nothing and writes no entry.
    await removeBoundaries(t.ctx, admin);
    expect(
      await t.db
        .selectFrom('auditLog')
        .select('id')
        .where('eventType', '=', 'statistics.boundaries_removed')
        .execute(),
    ).toHaveLength(1);
  });
});

describe('demo geometry', () => {
  function contains(ring: readonly number[][], x: number, y: number): boolean {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }

  it('is a valid collection of non-overlapping polygons, one per demo commune', () => {
    const demo = BoundaryCollection.parse(demoBoundaries());
    expect(demo.features).toHaveLength(COMMUNES.length);
    const codes = demo.features.map((f) => f.properties?.['agencyCode']);
    expect(new Set(codes).size).toBe(COMMUNES.length);
    const rings = demo.features.map(
      (f) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : []) ?? [],
    );
    let covered = 0;
    for (let x = 105.1; x <= 106.1; x += 0.013) {
      for (let y = 19.29; y <= 20.46; y += 0.011) {
        const hits = rings.filter((r) => contains(r, x, y)).length;
        expect(hits).toBeLessThanOrEqual(1);
        covered += hits;
      }
    }
    expect(covered).toBeGreaterThan(3000);
    expect(demoBoundaries()).toEqual(demo);
  });

  it('installs through uploadBoundaries as the system (the demo seed hook)', async () => {
    const first = COMMUNES[0];
    if (!first) throw new Error('no demo commune');
    await t.newUnit({
      agencyCode: '000.31.01.H56',
      name: 'Ủy ban nhân dân phường Hạc Thành',
      kind: 'commune',
      parentId: cast.tree.province.id,
    });
    const status = await uploadBoundaries(t.ctx, SYSTEM_ACTOR, demoBoundaries(), 'demo');
    expect(status).toMatchObject({ source: 'upload', name: 'demo', featureCount: COMMUNES.length });
    expect(status.matched).toEqual([
      {
        feature: 'Phường Hạc Thành (000.31.01.H56)',
        unitName: 'Ủy ban nhân dân phường Hạc Thành',
        agencyCode: '000.31.01.H56',
      },
    ]);
    expect(status.unmatched).toHaveLength(COMMUNES.length - 1);
    const row = await t.db.selectFrom('mapBoundary').select(['uploadedBy', 'sourceName']).executeTakeFirst();
    expect(row).toEqual({ uploadedBy: null, sourceName: 'demo' });
  });
});
