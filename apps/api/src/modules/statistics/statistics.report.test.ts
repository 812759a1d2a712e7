import {
  countII06a,
  placeInII06a,
  reportDossierOf,
  withII06aTotals,
  type II06aCounts,
  type ReportDossier,
  type ReportPeriod,
  type ReportSource,
} from '@motcua/domain';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, receiveAtCounter } from '../../../test/dossier-helpers.ts';
import { call, useTestContext } from '../../../test/test-context.ts';
import { DEMO_PASSWORD } from '../../seed/demo-people.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { loadReportSourceBatch, type ReportSourceRow } from './statistics.repository.ts';
import { getCalendar } from '../calendar/calendar.service.ts';
import { rebuildStatistics, refreshDossierStatistics } from './statistics.service.ts';

/**
 * The II.06a report served by the API (summed from the incremental rollups) against a
 * straightforward recount of the same dossiers with the domain definitions (countII06a), over the
 * demo province's year of dossiers and random periods; the drill-down lists exactly the dossiers
 * of a cell; the exports carry the same numbers with the Vietnamese headers.
 */

const t = useTestContext();
const NOW = '2026-11-25T10:00:00+07:00';
let token: string;
let dossiers: { id: string; unitId: string; code: string; report: ReportDossier }[] = [];

function toSource(row: ReportSourceRow): ReportSource {
  return {
    channel: row.channel as ReportSource['channel'],
    status: row.status as ReportSource['status'],
    submittedAt: new Date(row.submittedAt),
    receivedAt: row.receivedAt ? new Date(row.receivedAt) : null,
    completedAt: row.completedAt ? new Date(row.completedAt) : null,
    dueAt: row.dueAt ? new Date(row.dueAt) : null,
    deadline: row.deadline as ReportSource['deadline'],
    supplementCount: row.supplementCount,
    isObligationTimeExcluded: row.isObligationTimeExcluded,
    history: row.history.map(([action, fromStatus, toStatus, at]) => ({
      action,
      fromStatus: fromStatus as ReportSource['history'][number]['fromStatus'],
      toStatus: toStatus as ReportSource['history'][number]['toStatus'],
      occurredAt: new Date(at),
    })),
    hasComponentFile: row.hasComponentFile,
    hasResultFile: row.hasResultFile,
    isResultPaperRequired: row.isResultPaperRequired,
    hasReusedComponent: row.hasReusedComponent,
    rating: null,
  };
}

async function loadAll() {
  const out: typeof dossiers = [];
  let after: string | null = null;
  for (;;) {
    const batch: ReportSourceRow[] = await loadReportSourceBatch(t.db, after, 1000);
    if (batch.length === 0) break;
    const codes = new Map(
      (
        await t.db
          .selectFrom('dossier')
          .select(['id', 'code'])
          .where(
            'id',
            'in',
            batch.map((b) => b.id),
          )
          .execute()
      ).map((r) => [r.id, r.code]),
    );
    for (const row of batch)
      out.push({
        id: row.id,
        unitId: row.competentUnitId,
        code: codes.get(row.id) ?? '',
        report: reportDossierOf(toSource(row)),
      });
    after = batch[batch.length - 1]?.id ?? null;
  }
  return out;
}

/** A small deterministic PRNG, so a failing period can be reproduced from the seed printed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function dayString(base: Date, offsetDays: number): string {
  const d = new Date(base.getTime() + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

type ApiReport = {
  rows: { key: string; counts: II06aCounts; onTimeRate: number | null }[];
  total: { counts: II06aCounts; onTimeRate: number | null };
  isPartial: boolean;
};

async function report(period: ReportPeriod, groupBy = 'unit', as = token): Promise<ApiReport> {
  const res = await call(
    t,
    'GET',
    `/api/statistics/report-06a?from=${period.from}&to=${period.to}&groupBy=${groupBy}`,
    { token: as },
  );
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as unknown as ApiReport;
}

beforeAll(async () => {
  t.setNow(NOW);
  await seedDemo(t.ctx, { dossiers: 400 });
  const login = await call(t, 'POST', '/api/auth/login', {
    body: { username: 'giamsat', password: DEMO_PASSWORD },
  });
  expect(login.status).toBe(200);
  token = String(login.json['token']);
  dossiers = await loadAll();
}, 240_000);

describe('II.06a from the rollups equals the straightforward recount', () => {
  it('for the whole demo year and for 12 random periods, in total and per settling agency', async () => {
    const rand = prng(20261206);
    const periods: ReportPeriod[] = [{ from: '2025-12-01', to: '2026-11-30' }];
    const start = new Date('2025-11-15T00:00:00Z');
    for (let i = 0; i < 12; i += 1) {
      const a = Math.floor(rand() * 380);
      const len = Math.floor(rand() * 120);
      periods.push({ from: dayString(start, a), to: dayString(start, Math.min(a + len, 380)) });
    }
    const now = t.now();
    let compared = 0;
    for (const period of periods) {
      const api = await report(period);
      const expected = withII06aTotals(
        countII06a(
          dossiers.map((d) => d.report),
          period,
          now,
        ),
      );
      expect(api.total.counts, `period ${period.from}..${period.to}`).toEqual(expected);
      // 3 = 7 + 11: what was to settle is settled or still in progress.
      expect(api.total.counts.receivedTotal).toBe(
        api.total.counts.settledTotal + api.total.counts.inProgressTotal,
      );
      for (const row of api.rows) {
        const mine = dossiers.filter((d) => d.unitId === row.key).map((d) => d.report);
        expect(row.counts, `unit ${row.key} in ${period.from}..${period.to}`).toEqual(
          withII06aTotals(countII06a(mine, period, now)),
        );
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(periods.length);
    // The demo year is not empty: the comparison means something.
    const year = await report(periods[0] as ReportPeriod);
    expect(year.total.counts.settledTotal).toBeGreaterThan(100);
    expect(year.total.counts.settledLate).toBeGreaterThan(0);
    expect(year.total.counts.inProgressTotal).toBeGreaterThan(0);
  });

  it('rows by field (II.07a) and by procedure add up to the same total', async () => {
    const period = { from: '2026-01-01', to: '2026-06-30' };
    const byUnit = await report(period, 'unit');
    for (const groupBy of ['field', 'procedure', 'receiving_unit', 'total']) {
      const other = await report(period, groupBy);
      expect(other.total.counts, groupBy).toEqual(byUnit.total.counts);
    }
  });

  it('stays equal to a full rebuild after a live intake, which counts at once', async () => {
    const today = { from: '2026-11-25', to: '2026-11-25' };
    const cast = await makeCast(t);
    const supervisor = await t.newOfficer([{ role: 'supervisor', unitId: cast.tree.province.id }]);
    const before = await report(today, 'unit', supervisor.token);
    const procedure = await t.newProcedure();
    await receiveAtCounter(t, cast, procedure.code);
    const after = await report(today, 'unit', supervisor.token);
    expect(after.total.counts.receivedDirect).toBe(before.total.counts.receivedDirect + 1);
    expect(after.total.counts.inProgressWithinTime).toBe(before.total.counts.inProgressWithinTime + 1);
    const demoBefore = await report(today);
    await rebuildStatistics(t.ctx);
    expect((await report(today, 'unit', supervisor.token)).total.counts).toEqual(after.total.counts);
    expect((await report(today)).total.counts).toEqual(demoBefore.total.counts);
  });

  it('moves a dossier whose dimensions changed from its old groups to its new ones', async () => {
    const cast = await makeCast(t);
    const procedure = await t.newProcedure();
    const { code } = await receiveAtCounter(t, cast, procedure.code);
    const groups = async () =>
      (
        await sql<Record<string, unknown>>`
          SELECT day, receiving_unit_id, procedure_code, channel, SUM(received)::int AS received
          FROM report_daily WHERE procedure_code = ${procedure.code}
          GROUP BY 1, 2, 3, 4 HAVING SUM(received) <> 0 ORDER BY 1, 2, 3, 4`.execute(t.db)
      ).rows;
    expect((await groups()).map((g) => g.channel)).toEqual(['counter']);
    // A correction of the channel (counter → postal), then the refresh every change runs.
    const row = await t.db
      .updateTable('dossier')
      .set({ channel: 'postal' })
      .where('code', '=', code)
      .returning(['id', 'receivingUnitId'])
      .executeTakeFirstOrThrow();
    const calendar = await getCalendar(t.ctx, row.receivingUnitId);
    await t.db
      .transaction()
      .execute((trx) => refreshDossierStatistics(trx, { dossierId: row.id, calendar, now: new Date(NOW) }));
    const moved = await groups();
    expect(moved.map((g) => g.channel)).toEqual(['postal']);
    await rebuildStatistics(t.ctx);
    expect(await groups()).toEqual(moved);
  });
});

describe('drill-down', () => {
  it('lists exactly the dossiers behind a cell (settled late, column 10)', async () => {
    const period = { from: '2026-01-01', to: '2026-09-30' };
    const now = t.now();
    const late = dossiers
      .filter((d) => placeInII06a(d.report, period, now)?.settled === 'late')
      .map((d) => d.code)
      .sort();
    expect(late.length).toBeGreaterThan(0);
    const res = await call(
      t,
      'GET',
      `/api/statistics/dossiers?from=${period.from}&to=${period.to}&column=10&pageSize=200`,
      { token },
    );
    expect(res.status).toBe(200);
    const page = res.json as unknown as { total: number; items: { code: string; timeliness: string }[] };
    expect(page.total).toBe(late.length);
    expect(page.items.map((i) => i.code).sort()).toEqual(late.slice(0, 200));
    for (const item of page.items) expect(item.timeliness).toBe('late');
  });

  it('refuses an officer without a reporting role (403) and a bad column (400)', async () => {
    const cast = await makeCast(t);
    const denied = await call(t, 'GET', '/api/statistics/report-06a?from=2026-01-01&to=2026-01-31', {
      token: cast.receiving.token,
    });
    expect(denied.status).toBe(403);
    const bad = await call(t, 'GET', '/api/statistics/dossiers?from=2026-01-01&to=2026-01-31&column=14', {
      token,
    });
    expect(bad.status).toBe(400);
    const anonymous = await call(t, 'GET', '/api/statistics/report-06a?from=2026-01-01&to=2026-01-31');
    expect(anonymous.status).toBe(401);
  });
});

describe('exports', () => {
  const period = { from: '2026-01-01', to: '2026-03-31' };

  it('writes CSV in UTF-8 with BOM and the numbers of the report', async () => {
    const api = await report(period);
    const res = await call(
      t,
      'GET',
      `/api/statistics/report-06a/export?from=${period.from}&to=${period.to}&format=csv`,
      { token },
    );
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.raw.headers['content-disposition']).toContain('bao-cao-II.06a_2026-01-01_2026-03-31.csv');
    const bytes = res.raw.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toContain('Số hồ sơ nhận giải quyết');
    expect(lines[0]).toContain('Trực tiếp, dịch vụ bưu chính');
    expect(lines).toHaveLength(api.rows.length + 2);
    const totalLine = lines[lines.length - 1] ?? '';
    expect(totalLine.startsWith(',Tổng cộng,,')).toBe(true);
    const c = api.total.counts;
    expect(totalLine).toContain(
      [
        c.receivedTotal,
        c.receivedOnline,
        c.receivedDirect,
        c.carriedOver,
        c.settledTotal,
        c.settledEarly,
        c.settledOnTime,
        c.settledLate,
        c.inProgressTotal,
        c.inProgressWithinTime,
        c.inProgressOverdue,
      ].join(','),
    );
  });

  it('writes an Excel workbook in the official layout with Vietnamese headers', async () => {
    const api = await report(period);
    const res = await call(
      t,
      'GET',
      `/api/statistics/report-06a/export?from=${period.from}&to=${period.to}&format=xlsx`,
      { token },
    );
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toContain('spreadsheetml.sheet');
    const files = unzipSync(new Uint8Array(res.raw.rawPayload));
    const workbook = strFromU8(files['xl/workbook.xml'] ?? new Uint8Array());
    expect(workbook).toContain('II.06a');
    expect(workbook).toContain('Tỷ lệ đúng hạn');
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    const strings = strFromU8(files['xl/sharedStrings.xml'] ?? new Uint8Array());
    const text = sheet + strings;
    for (const header of [
      'Biểu số II.06a/VPCP/KSTT',
      'Số hồ sơ nhận giải quyết',
      'Số hồ sơ đã giải quyết',
      'Số hồ sơ đang giải quyết',
      'Trực tuyến',
      'Từ kỳ trước',
      'Trước hạn',
      'Đúng hạn',
      'Tổng cộng',
    ])
      expect(text, header).toContain(header);
    // Merged header cells of the official layout.
    expect(sheet).toContain('<mergeCell');
    // The total of column 3 is in the sheet as a number.
    expect(sheet).toContain(`<v>${api.total.counts.receivedTotal}</v>`);
  });

  it('writes a PDF on A4 landscape with the embedded font', async () => {
    const res = await call(
      t,
      'GET',
      `/api/statistics/report-06a/export?from=${period.from}&to=${period.to}&format=pdf`,
      { token },
    );
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toBe('application/pdf');
    const pdf = res.raw.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    expect(pdf).toContain('DejaVuSerifCondensed');
  });

  it('rejects an unknown format with a clear error', async () => {
    const res = await call(
      t,
      'GET',
      `/api/statistics/report-06a/export?from=${period.from}&to=${period.to}&format=docx`,
      { token },
    );
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBeDefined();
  });
});
