import { TRANSITIONS, isDossierCode, parseDossierCode, type DossierStatus } from '@motcua/domain';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { dossiersWithStaleTimeline } from '../../test/dossier-helpers.ts';
import { call, useTestContext } from '../../test/test-context.ts';
import { DEMO_PASSWORD } from './demo-people.ts';
import { isDatabaseEmpty, seedDemo, type SeedReport } from './seed-demo.ts';

/**
 * The demo seed writes rows in bulk instead of calling the services, so this suite checks that
 * what it writes is what the services would have written: valid transition chains, history in
 * step with the dossier version, an audit entry per history row, code counters ahead of every
 * seeded code, and demo logins that work through the API.
 */

const t = useTestContext();
const DOSSIERS = 600;
let report: SeedReport;

beforeAll(async () => {
  t.setNow('2026-11-25T10:00:00+07:00');
  expect(await isDatabaseEmpty(t.ctx)).toBe(true);
  report = await seedDemo(t.ctx, { dossiers: DOSSIERS });
  expect(await isDatabaseEmpty(t.ctx)).toBe(false);
}, 180_000);

describe('demo seed', () => {
  it('creates the province, its people, the catalog and the requested dossiers', async () => {
    expect(report.units).toBeGreaterThan(50);
    expect(report.officers).toBeGreaterThan(100);
    expect(report.procedures).toBe(30);
    expect(report.dossiers).toBe(DOSSIERS);
    const n = await t.db
      .selectFrom('dossier')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(DOSSIERS);
  });

  it('gives every dossier a well-formed unique code whose prefix is its competent agency', async () => {
    const rows = await t.db
      .selectFrom('dossier as d')
      .innerJoin('unit as u', 'u.id', 'd.competentUnitId')
      .select(['d.code', 'u.agencyCode', 'd.receivedAt', 'd.submittedAt'])
      .execute();
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    for (const r of rows) {
      expect(isDossierCode(r.code), r.code).toBe(true);
      expect(parseDossierCode(r.code)?.agencyCode).toBe(r.agencyCode);
    }
  });

  it('keeps every history chain legal and in step with the dossier version and status', async () => {
    const dossiers = await t.db.selectFrom('dossier').select(['id', 'code', 'status', 'version']).execute();
    const transitions = await t.db
      .selectFrom('dossierTransition')
      .select(['dossierId', 'seq', 'action', 'fromStatus', 'toStatus', 'occurredAt'])
      .orderBy('dossierId')
      .orderBy('seq')
      .execute();
    const byDossier = new Map<string, typeof transitions>();
    for (const tr of transitions) {
      const list = byDossier.get(tr.dossierId) ?? [];
      list.push(tr);
      byDossier.set(tr.dossierId, list);
    }
    for (const d of dossiers) {
      const chain = byDossier.get(d.id) ?? [];
      expect(chain.length, d.code).toBe(d.version);
      expect(chain.map((c) => c.seq)).toEqual(chain.map((_, i) => i + 1));
      expect(['submit', 'receive']).toContain(chain[0]?.action);
      expect(chain[0]?.fromStatus).toBeNull();
      for (let i = 1; i < chain.length; i++) {
        const prev = chain[i - 1];
        const cur = chain[i];
        if (!prev || !cur) continue;
        expect(cur.fromStatus, `${d.code} #${cur.seq}`).toBe(prev.toStatus);
        const allowed = TRANSITIONS[cur.fromStatus as DossierStatus] as readonly string[];
        expect(allowed, `${d.code} #${cur.seq} ${cur.action}`).toContain(cur.action);
        expect(cur.occurredAt.getTime()).toBeGreaterThanOrEqual(prev.occurredAt.getTime());
      }
      expect(chain.at(-1)?.toStatus, d.code).toBe(d.status);
      expect(chain.at(-1)?.occurredAt.getTime()).toBeLessThanOrEqual(t.now().getTime());
    }
  });

  it('gives every dossier the public timeline of its history rows', async () => {
    expect(await dossiersWithStaleTimeline(t.db)).toEqual([]);
  });

  it('writes one audit entry per history row', async () => {
    const [history, audit] = await Promise.all([
      t.db
        .selectFrom('dossierTransition')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
      t.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('entityType', '=', 'dossier')
        .executeTakeFirstOrThrow(),
    ]);
    expect(Number(audit.n)).toBe(Number(history.n));
  });

  it('sets settlement and due times consistently', async () => {
    const bad = await sql<{ code: string }>`
      SELECT code FROM dossier
      WHERE (status IN ('returned', 'result_ready', 'refused', 'stopped') AND completed_at IS NULL)
         OR (status IN ('processing', 'received', 'awaiting_supplement', 'awaiting_obligation') AND completed_at IS NOT NULL)
         OR (received_at IS NOT NULL AND due_at IS NOT NULL AND due_at <= received_at)
         OR (received_at IS NOT NULL AND original_due_at IS NOT NULL AND due_at < original_due_at)
    `.execute(t.db);
    expect(bad.rows.map((r) => r.code)).toEqual([]);
  });

  it('keeps at most one open step per dossier, none on closed dossiers', async () => {
    const bad = await sql<{ code: string }>`
      SELECT d.code FROM dossier d JOIN dossier_step s ON s.dossier_id = d.id AND s.completed_at IS NULL
      GROUP BY d.code, d.status
      HAVING count(*) > 1 OR d.status IN ('submitted', 'refused', 'stopped', 'returned')
    `.execute(t.db);
    expect(bad.rows.map((r) => r.code)).toEqual([]);
  });

  it('raises the code counters above every seeded code', async () => {
    const behind = await sql<{ code: string }>`
      SELECT d.code FROM dossier d
      LEFT JOIN dossier_code_sequence s
        ON s.agency_code = split_part(d.code, '-', 1)
       AND s.day = to_date(split_part(d.code, '-', 2), 'YYMMDD')
      WHERE s.last_value IS NULL OR s.last_value < split_part(d.code, '-', 3)::int
    `.execute(t.db);
    expect(behind.rows.map((r) => r.code)).toEqual([]);
  });

  it('lets the demo logins sign in and see only their own unit', async () => {
    const login = await call(t, 'POST', '/api/auth/login', {
      body: { username: 'tiepnhan.tinh1', password: DEMO_PASSWORD },
    });
    expect(login.status).toBe(200);
    const token = login.json['token'] as string;
    const queue = await call(t, 'GET', '/api/dossiers?limit=50', { token });
    expect(queue.status).toBe(200);
    const centre = await t.db
      .selectFrom('unit')
      .select('id')
      .where('agencyCode', '=', '000.00.01.H56')
      .executeTakeFirstOrThrow();
    const items = queue.json['items'] as { currentUnitId: string | null; receivingUnitId: string }[];
    for (const item of items) expect([item.currentUnitId, item.receivingUnitId]).toContain(centre.id);
    const wrong = await call(t, 'POST', '/api/auth/login', {
      body: { username: 'tiepnhan.tinh1', password: 'not-the-password-1' },
    });
    expect(wrong.status).toBe(401);
  });

  it('lets the public look up a seeded dossier by code and secret', async () => {
    const d = await t.db
      .selectFrom('dossier')
      .select(['code', 'lookupSecret'])
      .where('status', '=', 'returned')
      .limit(1)
      .executeTakeFirstOrThrow();
    const ok = await call(
      t,
      'GET',
      `/api/public/lookup?code=${encodeURIComponent(d.code)}&secret=${d.lookupSecret}`,
    );
    expect(ok.status).toBe(200);
    expect(ok.json['status']).toBe('returned');
  });
});
