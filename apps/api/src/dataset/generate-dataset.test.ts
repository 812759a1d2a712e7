import { isDossierCode } from '@motcua/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { dossiersWithStaleTimeline } from '../../test/dossier-helpers.ts';
import { statisticsSnapshot } from '../../test/statistics-snapshot.ts';
import { call, useTestContext } from '../../test/test-context.ts';
import { rebuildStatistics } from '../modules/statistics/statistics.service.ts';
import { generateDataset, type GenerateDatasetReport } from './generate-dataset.ts';

/**
 * The benchmark's dataset generator (`motcua generate-dataset`) writes by COPY, not through the
 * services: this suite checks that what it writes is usable like what the services write
 * (unique codes, history and public timeline in step, a working public lookup), and that the
 * report facts it computes once per template are exactly those a full rebuild reads back.
 */

const t = useTestContext();
const DOSSIERS = 400;
let report: GenerateDatasetReport;

beforeAll(async () => {
  t.setNow('2026-11-25T10:00:00+07:00');
  // Fewer templates than dossiers: each template is copied, as for 5 million.
  report = await generateDataset(t.ctx, { dossiers: DOSSIERS, templates: 150, batchSize: 100 });
}, 180_000);

describe('generate-dataset', () => {
  it('writes the requested dossiers with unique, well-formed codes', async () => {
    expect(report.dossiers).toBe(DOSSIERS);
    const rows = await t.db.selectFrom('dossier').select(['code']).execute();
    expect(rows).toHaveLength(DOSSIERS);
    expect(new Set(rows.map((r) => r.code)).size).toBe(DOSSIERS);
    expect(rows.every((r) => isDossierCode(r.code))).toBe(true);
    expect(report.rows.dossier_transition).toBeGreaterThan(DOSSIERS);
  });

  it('gives every dossier the public timeline of its history rows', async () => {
    expect(await dossiersWithStaleTimeline(t.db)).toEqual([]);
  });

  it('lets the public look a generated dossier up by code and secret', async () => {
    const d = await t.db
      .selectFrom('dossier')
      .select(['code', 'lookupSecret'])
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow();
    const res = await call(t, 'GET', `/api/public/lookup?code=${d.code}&secret=${d.lookupSecret}`);
    expect(res.status).toBe(200);
    expect((res.json['timeline'] as unknown[]).length).toBeGreaterThan(0);
  });

  it('writes the report facts and rollups a full rebuild computes, row for row', async () => {
    const generated = await statisticsSnapshot(t.db);
    expect(generated.facts).toHaveLength(DOSSIERS);
    expect(generated.daily.length).toBeGreaterThan(0);
    expect(generated.spans.length).toBeGreaterThan(0);
    expect(generated.steps.length).toBeGreaterThan(0);
    await rebuildStatistics(t.ctx);
    expect(await statisticsSnapshot(t.db)).toEqual(generated);
  });

  it('refuses a database that is not empty, writing nothing', async () => {
    await expect(generateDataset(t.ctx, { dossiers: 10 })).rejects.toThrow(/empty database/);
    expect(await t.db.selectFrom('dossier').select('id').execute()).toHaveLength(DOSSIERS);
  });
});
