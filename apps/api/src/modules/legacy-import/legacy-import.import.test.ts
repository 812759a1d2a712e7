import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  dossiersWithStaleTimeline,
  makeCast,
  receiveAtCounter,
  type Cast,
} from '../../../test/dossier-helpers.ts';
import { call, useTestContext } from '../../../test/test-context.ts';
import { SYSTEM_ACTOR, type Actor } from '../../shared/actor.ts';
import { csvTextRecords } from './legacy-import.parse.ts';
import type { LegacyReject } from './legacy-import.schemas.ts';
import { importLegacyDossiers } from './legacy-import.service.ts';

/**
 * Legacy import: valid rows land as dossiers with their history and are visible through the API;
 * each bad row is rejected with its line and a stable reason, without blocking the others; a rerun
 * imports nothing twice; imported codes in our format push the code counters ahead.
 */
const t = useTestContext();
let cast: Cast;
let procedureCode: string;

const HEADER =
  'code,procedure_code,channel,status,receiving_unit,competent_unit,applicant_kind,applicant_name,applicant_id_number,applicant_tax_code,applicant_phone,submitted_at,received_at,due_at,completed_at,returned_at,result_number,lookup_secret';

function csv(lines: string[]): string {
  return `${HEADER}\n${lines.join('\n')}\n`;
}

async function runImport(text: string, actor: Actor = SYSTEM_ACTOR, batchSize = 2) {
  const rejects: LegacyReject[] = [];
  const report = await importLegacyDossiers(t.ctx, actor, csvTextRecords(text), {
    batchSize,
    sourceName: 'old-system.csv',
    onReject: (r) => rejects.push(r),
  });
  return { report, rejects };
}

async function dossierCount(): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM dossier`.execute(t.db);
  return r.rows[0]?.n ?? 0;
}

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure({ effectiveFrom: '2025-07-01' })).code;
});

describe('legacy import', () => {
  const good = () => [
    // returned on time, national status code 10 and channel code 1
    `T.SXD-250812-0007,${procedureCode},1,10,T.TTPVHCC,T.SXD,citizen,Nguyễn Văn An,038085001111,,0912345678,2025-08-12 08:30,2025-08-12 08:35,2025-08-19 08:35,2025-08-18 15:00,2025-08-19 09:00,123/GP-SXD,ABC234`,
    // still processing, online, names with a comma in quotes
    `T.SXD-251201-0001,${procedureCode},online,processing,T.TTPVHCC,,citizen,"Lê Thị Bình, đại diện",038190002222,,,2025-12-01T10:00:00+07:00,2025-12-01T14:00:00+07:00,2025-12-08T14:00:00+07:00,,,,`,
    // refused at the counter, an organisation
    `T.SXD-251001-0001,${procedureCode},counter,refused,T.TTPVHCC,T.SXD,organisation,Công ty TNHH Ánh Dương,,2801234567,,2025-10-01 09:00,,,2025-10-01 09:10,,,`,
  ];

  it('imports valid rows with their history, visible to officers and by public lookup', async () => {
    const { report, rejects } = await runImport(csv(good()));
    expect(rejects).toEqual([]);
    expect(report).toMatchObject({ read: 3, imported: 3, rejected: 0, batches: { committed: 2, failed: 0 } });

    expect(await dossiersWithStaleTimeline(t.db)).toEqual([]);
    const returned = await call(t, 'GET', '/api/dossiers/T.SXD-250812-0007', { token: cast.receiving.token });
    expect(returned.status).toBe(200);
    expect(returned.json).toMatchObject({ code: 'T.SXD-250812-0007', status: 'returned' });
    const history = await t.db
      .selectFrom('dossierTransition as t')
      .innerJoin('dossier as d', 'd.id', 't.dossierId')
      .select(['t.seq', 't.action', 't.fromStatus', 't.toStatus', 'd.version'])
      .where('d.code', '=', 'T.SXD-250812-0007')
      .orderBy('t.seq')
      .execute();
    expect(history.map((h) => h.action)).toEqual(['receive', 'issue_result', 'return_result']);
    expect(history[history.length - 1]).toMatchObject({ toStatus: 'returned', seq: 3, version: 3 });
    for (let i = 1; i < history.length; i++) expect(history[i]?.fromStatus).toBe(history[i - 1]?.toStatus);

    const lookup = await call(t, 'GET', '/api/public/lookup?code=T.SXD-250812-0007&secret=ABC234');
    expect(lookup.status).toBe(200);
    expect(lookup.json).toMatchObject({ status: 'returned', applicantInitials: 'N. V. A.' });

    const processing = await call(t, 'GET', '/api/dossiers/T.SXD-251201-0001', {
      token: cast.specialist.token,
    });
    expect(processing.status).toBe(200);
    expect(processing.json).toMatchObject({ status: 'processing' });

    const audit = await t.db
      .selectFrom('auditLog')
      .select(['eventType', 'summary'])
      .where('eventType', '=', 'dossier.imported')
      .execute();
    expect(audit.map((a) => (a.summary as { dossiers: number }).dossiers)).toEqual([2, 1]);
  });

  it('pushes the code counter past imported codes, so a new dossier never takes one', async () => {
    const seq = await t.db
      .selectFrom('dossierCodeSequence')
      .select('lastValue')
      .where('agencyCode', '=', 'T.SXD')
      .where('day', '=', '2025-08-12')
      .executeTakeFirstOrThrow();
    expect(seq.lastValue).toBe(7);
    t.setNow('2026-03-03T09:00:00+07:00');
    const fresh = await receiveAtCounter(t, cast, procedureCode);
    expect(fresh.code).toMatch(/^T\.SXD-260303-0001$/);
  });

  it('rejects each bad row with its line and reason and imports the rest', async () => {
    const lines = [
      `T.SXD-250101-0101,${procedureCode},fax,returned,T.TTPVHCC,,citizen,An,038085001111,,,2025-08-12 08:30,,,,,,`, // channel
      `T.SXD-250101-0102,${procedureCode},counter,returned,T.TTPVHCC,,citizen,Bình,038085001111,,,2025-08-12 08:30,2025-08-12 08:35,,,,,`, // no completed_at
      `T.SXD-250101-0103,${procedureCode},counter,result_ready,T.TTPVHCC,,citizen,Chi,038085001111,,,2025-08-12 08:30,2025-08-11 08:35,,2025-08-13 08:00,,,`, // received before submitted
      `T.SXD-250101-0104,9.999999,counter,received,T.TTPVHCC,,citizen,Dung,038085001111,,,2025-08-12 08:30,2025-08-12 08:35,,,,,`, // unknown procedure
      `T.SXD-250101-0105,${procedureCode},counter,received,X.NOWHERE,,citizen,Em,038085001111,,,2025-08-12 08:30,2025-08-12 08:35,,,,,`, // unknown unit
      `T.SXD-250101-0106,${procedureCode},counter,received,T.TTPVHCC,,citizen,Giang,038085001111,,,2026-05-01 08:30,2026-05-01 08:35,,,,,`, // future
      `T.SXD-251001-0001,${procedureCode},counter,refused,T.TTPVHCC,,organisation,Công ty,,2801234567,,2025-10-01 09:00,,,2025-10-01 09:10,,,`, // already imported
      `T.SXD-250812-0200,${procedureCode},counter,received,T.TTPVHCC,,citizen,Hà,038085003333,,,2025-08-12 08:30,2025-08-12 08:35,,,,,`,
      `T.SXD-250812-0200,${procedureCode},counter,received,T.TTPVHCC,,citizen,Hà,038085003333,,,2025-08-12 08:30,2025-08-12 08:35,,,,,`, // duplicate
      `T.SXD-250101-0107,${procedureCode},counter`, // short line
    ];
    const before = await dossierCount();
    const { report, rejects } = await runImport(csv(lines), SYSTEM_ACTOR, 100);
    expect(report).toMatchObject({ read: 10, imported: 1, rejected: 9 });
    expect(rejects.map((r) => [r.line, r.code, r.reason])).toEqual([
      [2, 'T.SXD-250101-0101', 'INVALID'],
      [3, 'T.SXD-250101-0102', 'INVALID'],
      [4, 'T.SXD-250101-0103', 'INVALID'],
      [5, 'T.SXD-250101-0104', 'UNKNOWN_PROCEDURE'],
      [6, 'T.SXD-250101-0105', 'UNKNOWN_UNIT'],
      [7, 'T.SXD-250101-0106', 'IN_THE_FUTURE'],
      [10, 'T.SXD-250812-0200', 'DUPLICATE_IN_FILE'],
      [11, 'T.SXD-250101-0107', 'INVALID'],
      [8, 'T.SXD-251001-0001', 'ALREADY_IMPORTED'],
    ]);
    expect(rejects.find((r) => r.code === 'T.SXD-250101-0102')?.message).toContain('completed_at');
    expect(rejects.find((r) => r.code === 'T.SXD-250101-0103')?.message).toContain(
      'received_at is before submitted_at',
    );
    expect(await dossierCount()).toBe(before + 1);
  });

  it('imports nothing twice when the same file runs again', async () => {
    const before = await dossierCount();
    const { report } = await runImport(csv(good()));
    expect(report).toMatchObject({ imported: 0, rejected: 3, rejectedByReason: { ALREADY_IMPORTED: 3 } });
    expect(await dossierCount()).toBe(before);
  });

  it('is for administrators only, and writes nothing otherwise', async () => {
    const before = await dossierCount();
    const officer = await t.db
      .selectFrom('officer')
      .select(['id', 'username', 'fullName'])
      .where('id', '=', cast.receiving.id)
      .executeTakeFirstOrThrow();
    const actor: Actor = {
      type: 'officer',
      id: officer.id,
      name: officer.fullName,
      username: officer.username,
      grants: [{ role: 'receiving_officer', unitId: cast.tree.provinceCentre.id }],
    };
    await expect(runImport(csv([good()[0]?.replace('0007', '0008') ?? '']), actor)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await dossierCount()).toBe(before);
  });
});
