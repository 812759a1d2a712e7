import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { statisticsSnapshot } from '../../../test/statistics-snapshot.ts';
import { useTestContext } from '../../../test/test-context.ts';
import { SYSTEM_ACTOR } from '../../shared/actor.ts';
import { rebuildStatistics } from '../statistics/statistics.service.ts';
import { csvTextRecords } from './legacy-import.parse.ts';
import type { LegacyReject } from './legacy-import.schemas.ts';
import { importLegacyDossiers } from './legacy-import.service.ts';

/**
 * The legacy import writes the report facts of the dossiers it imports and adds them to the
 * rollups in each batch's transaction (no rebuild after the import): into a database that already
 * has dossiers and statistics from the live path, the facts, overdue spans and daily, monthly and
 * step rollups after the import equal, row for row, those a full `rebuildStatistics` computes.
 */
const t = useTestContext();
let cast: Cast;
let building: string;
let civil: string;

const HEADER =
  'code,procedure_code,channel,status,receiving_unit,competent_unit,applicant_name,applicant_id_number,submitted_at,received_at,due_at,completed_at,returned_at,supplement_count,result_number';

async function count(text: string): Promise<number> {
  const r = await sql.raw<{ n: number }>(`SELECT (${text})::int AS n`).execute(t.db);
  return r.rows[0]?.n ?? 0;
}

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  cast = await makeCast(t);
  // The other commune's section keeps its own hours: imported dossiers it received are settled in
  // its working minutes, not in the default calendar's.
  await sql`UPDATE unit SET office_hours = ${JSON.stringify({ periods: [{ start: '07:30', end: '16:30' }] })}::jsonb
             WHERE id = ${cast.tree.otherCommuneSection.id}`.execute(t.db);
  building = (await t.newProcedure({ effectiveFrom: '2025-07-01' })).code;
  civil = (
    await t.newProcedure({
      effectiveFrom: '2025-07-01',
      content: {
        field: { code: 'ho-tich', name: 'Hộ tịch' },
        level: 'commune',
        competentAgencyCode: 'T.STP',
        isObligationTimeExcluded: true,
      },
    })
  ).code;
  // Live dossiers: facts and rollups from the transactional path, on the day and dimensions
  // some imported dossiers add to.
  await receiveAtCounter(t, cast, building);
  await receiveAtCounter(t, cast, building);
});

describe('legacy import statistics', () => {
  it('leaves facts and rollups equal to a full rebuild, batch by batch', async () => {
    const b = building;
    const c = civil;
    const lines = [
      // received today at the province centre, like the live dossiers: adds to their rollup rows
      `T.SXD-260302-0101,${b},counter,received,T.TTPVHCC,,An,038085000001,2026-03-02 08:00,2026-03-02 08:05,2026-03-09 08:05,,,,`,
      `T.SXD-260302-0102,${b},counter,returned,T.TTPVHCC,,Bình,038085000002,2026-03-02 07:10,2026-03-02 07:15,2026-03-09 07:15,2026-03-02 08:40,2026-03-02 08:50,,1/GP`,
      // returned late: an overdue span closed by the settlement
      `T.SXD-250812-0001,${b},1,10,T.TTPVHCC,T.SXD,Chi,038085000003,2025-08-12 08:30,2025-08-12 08:35,2025-08-19 08:35,2025-08-27 15:00,2025-08-28 09:00,,2/GP`,
      // still processing and overdue: an open span
      `T.SXD-251201-0001,${b},online,processing,T.TTPVHCC,,Dung,038085000004,2025-12-01 10:00,2025-12-01 14:00,2025-12-08 14:00,,,,`,
      // refused at the counter, never received
      `T.SXD-251001-0001,${b},counter,refused,T.TTPVHCC,,Em,038085000005,2025-10-01 09:00,,,2025-10-01 09:10,,,`,
      // submitted online, not received yet
      `T.SXD-260301-0001,${b},online,submitted,T.TTPVHCC,,Giang,038085000006,2026-03-01 21:00,,,,,,`,
      // waiting for a supplement asked during processing
      `T.SXD-260115-0001,${b},counter,awaiting_supplement,T.TTPVHCC,,Hà,038085000007,2026-01-15 08:00,2026-01-15 08:10,2026-01-22 08:10,,,1,`,
      // stopped, and a result ready early, at the other commune's section (its own hours)
      `T.SXD-251110-0001,${b},postal,stopped,T.XA2.MC,T.SXD,Khánh,038085000008,2025-11-10 08:00,2025-11-10 09:00,2025-11-17 09:00,2025-11-12 10:00,,,`,
      `T.STP-251110-0001,${c},counter,result_ready,T.XA2.MC,,Lan,038085000009,2025-11-10 08:00,2025-11-10 09:00,2025-11-24 09:00,2025-11-13 16:00,,,3/QĐ`,
      // returned on time through another procedure (field, level, competent agency of its version)
      `T.STP-251020-0001,${c},counter,returned,T.TTPVHCC,,Minh,038085000010,2025-10-20 08:00,2025-10-20 08:30,2025-10-27 08:30,2025-10-27 08:00,2025-10-28 10:00,,4/QĐ`,
      `T.STP-260210-0001,${c},counter,awaiting_obligation,T.TTPVHCC,,Nam,038085000011,2026-02-10 08:00,2026-02-10 08:30,2026-02-13 08:30,,,,`,
      `T.STP-260220-0001,${c},counter,withdrawal_requested,T.XA2.MC,,Oanh,038085000012,2026-02-20 08:00,2026-02-20 08:30,2026-02-23 08:30,,,,`,
      // rejected: the batch around it still imports
      `T.SXD-250101-0001,9.999999,counter,received,T.TTPVHCC,,Phúc,038085000013,2025-08-12 08:30,2025-08-12 08:35,,,,,`,
    ];
    const before = await statisticsSnapshot(t.db);
    const rejects: LegacyReject[] = [];
    const report = await importLegacyDossiers(
      t.ctx,
      SYSTEM_ACTOR,
      csvTextRecords(`${HEADER}\n${lines.join('\n')}\n`),
      { batchSize: 3, sourceName: 'old-system.csv', onReject: (r) => rejects.push(r) },
    );
    expect(rejects.map((r) => r.reason)).toEqual(['UNKNOWN_PROCEDURE']);
    expect(report).toMatchObject({ imported: 12, batches: { committed: 4, failed: 0 } });
    expect(report.statistics.facts).toBe(12);

    const incremental = await statisticsSnapshot(t.db);
    // Every dossier has its facts; the import moved the rollups (settled, spans, other dimensions).
    expect(incremental.facts.length).toBe(await count('SELECT count(*) FROM dossier'));
    expect(incremental.facts.length).toBe(before.facts.length + 12);
    expect(incremental.spans.length).toBeGreaterThanOrEqual(2);
    expect(incremental.daily).not.toEqual(before.daily);
    expect(await count(`SELECT COALESCE(sum(submitted), 0) FROM report_daily`)).toBe(14);
    expect(await count(`SELECT COALESCE(sum(settled_late), 0) FROM report_monthly`)).toBeGreaterThanOrEqual(
      1,
    );
    expect(
      await count(
        `SELECT COALESCE(sum(settlement_minutes), 0) FROM report_daily WHERE receiving_unit_id = '${cast.tree.otherCommuneSection.id}'`,
      ),
    ).toBeGreaterThan(0);

    await rebuildStatistics(t.ctx);
    const rebuilt = await statisticsSnapshot(t.db);
    expect(incremental.facts).toEqual(rebuilt.facts);
    expect(incremental.spans).toEqual(rebuilt.spans);
    expect(incremental.daily).toEqual(rebuilt.daily);
    expect(incremental.monthly).toEqual(rebuilt.monthly);
    expect(incremental.steps).toEqual(rebuilt.steps);
  });

  it('writes no facts and no rollup rows for a batch the database refuses', async () => {
    const before = await statisticsSnapshot(t.db);
    // The rollup upsert fails: the dossier and its facts must roll back with it.
    const line = `T.SXD-260302-0201,${building},counter,received,T.TTPVHCC,,Quang,038085000014,2026-03-02 08:00,2026-03-02 08:05,2026-03-09 08:05,,,,`;
    await sql`CREATE FUNCTION refuse_import() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN RAISE EXCEPTION 'refused by the test'; END $$`.execute(t.db);
    await sql`CREATE TRIGGER refuse_import BEFORE INSERT ON report_daily
              FOR EACH STATEMENT EXECUTE FUNCTION refuse_import()`.execute(t.db);
    try {
      const report = await importLegacyDossiers(t.ctx, SYSTEM_ACTOR, csvTextRecords(`${HEADER}\n${line}\n`), {
        sourceName: 'old-system.csv',
      });
      expect(report).toMatchObject({ imported: 0, batches: { committed: 0, failed: 1 } });
      expect(report.rejectedByReason).toEqual({ BATCH_FAILED: 1 });
    } finally {
      await sql`DROP TRIGGER refuse_import ON report_daily`.execute(t.db);
      await sql`DROP FUNCTION refuse_import()`.execute(t.db);
    }
    expect(await count(`SELECT count(*) FROM dossier WHERE code = 'T.SXD-260302-0201'`)).toBe(0);
    expect(await statisticsSnapshot(t.db)).toEqual(before);
  });

  it('fails the batch whose competent agency was removed while the file was read', async () => {
    await sql`INSERT INTO unit (agency_code, name, kind, parent_id)
              VALUES ('T.SXX', 'Sở thử nghiệm', 'department', ${cast.tree.province.id})`.execute(t.db);
    const line = `T.SXD-260302-0301,${building},counter,received,T.TTPVHCC,T.SXX,Sơn,038085000015,2026-03-02 08:00,2026-03-02 08:05,2026-03-09 08:05,,,,`;
    const before = await statisticsSnapshot(t.db);
    // The importer has loaded its unit list; the unit goes before the batch is written, and the
    // batch's reference check (which stands in for the per-row foreign keys) must refuse it.
    async function* source() {
      yield* csvTextRecords(`${HEADER}\n${line}\n`);
      await sql`DELETE FROM unit WHERE agency_code = 'T.SXX'`.execute(t.db);
    }
    const report = await importLegacyDossiers(t.ctx, SYSTEM_ACTOR, source(), {
      sourceName: 'old-system.csv',
    });
    expect(report).toMatchObject({ imported: 0, batches: { committed: 0, failed: 1 } });
    expect(report.rejectedByReason).toEqual({ BATCH_FAILED: 1 });
    expect(await count(`SELECT count(*) FROM dossier WHERE code = 'T.SXD-260302-0301'`)).toBe(0);
    expect(await statisticsSnapshot(t.db)).toEqual(before);
  });
});
