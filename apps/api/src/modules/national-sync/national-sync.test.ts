import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { useSandboxedApp } from '../../../test/sandbox-harness.ts';
import { call, useTestContext } from '../../../test/test-context.ts';
import { buildApp } from '../../http/build-app.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { signBody } from '../../integrations/webhook-signature.ts';

/** National portal sync against the loopback portal, the reconciliation report and inbound pushes. */
const t = useTestContext();
let cast: Cast;
let procedureCode: string;
const SECRET = 'dvcqg-inbound-secret-for-tests-0123456789';
const h = useSandboxedApp(t, (s) => ({
  NATIONAL_PORTAL_URL: s.settings.NATIONAL_PORTAL_URL,
  NATIONAL_PORTAL_TOKEN: s.settings.NATIONAL_PORTAL_TOKEN,
  NATIONAL_PORTAL_INBOUND_SECRET: SECRET,
  INTEGRATION_TIMEOUT_MS: 400,
}));

beforeAll(async () => {
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
});
async function stateOf(code: string) {
  return t.db
    .selectFrom('dossierSyncState')
    .innerJoin('dossier', 'dossier.id', 'dossierSyncState.dossierId')
    .selectAll('dossierSyncState')
    .where('dossier.code', '=', code)
    .executeTakeFirst();
}

async function report() {
  const res = await h.app.inject({
    method: 'GET',
    url: '/api/admin/national-sync/report?limit=1000',
    headers: { authorization: `Bearer ${cast.admin.token}` },
  });
  expect(res.statusCode).toBe(200);
  return res.json<{
    isConfigured: boolean;
    totals: Record<string, number>;
    outOfSync: {
      code: string;
      state: string | null;
      lastError: string | null;
      syncedVersion: number | null;
      version: number;
    }[];
  }>();
}

describe('pushing state changes', () => {
  it('pushes every change with the national status code and version, and records what the portal has', async () => {
    t.setNow('2026-03-02T09:00:00+07:00');
    const d = await receiveAtCounter(t, cast, procedureCode);
    await h.worker().drain();
    expect(h.sandbox.portal.records.get(d.code)).toMatchObject({
      MaHoSo: d.code,
      MaTTHC: procedureCode,
      TrangThaiHoSo: 2,
      KenhThucHien: 1,
      PhienBan: 1,
      DonViTiepNhan: 'T.TTPVHCC',
      CoQuanThucHien: 'T.SXD',
      NgayHenTra: d.dueAt,
    });
    await mustAct(t, cast.receiving.token, d.code, { action: 'transfer', expectedVersion: 1 });
    await h.worker().drain();
    expect(h.sandbox.portal.records.get(d.code)).toMatchObject({ TrangThaiHoSo: 4, PhienBan: 2 });
    expect(h.sandbox.portal.received.every((p) => p.authorization === 'Bearer sandbox-portal-token')).toBe(
      true,
    );
    expect(await stateOf(d.code)).toMatchObject({
      state: 'synced',
      syncedVersion: 2,
      syncedStatusCode: 4,
      wantedVersion: 2,
      attempts: 0,
      lastError: null,
    });
    const view = await h.app.inject({
      method: 'GET',
      url: `/api/dossiers/${d.code}/national-sync`,
      headers: { authorization: `Bearer ${cast.receiving.token}` },
    });
    expect(view.json()).toMatchObject({
      state: 'synced',
      syncedVersion: 2,
      syncedStatusCode: 4,
      isConfigured: true,
    });
    expect((await report()).outOfSync.map((r) => r.code)).not.toContain(d.code);
  });

  it('a late, older push changes nothing, and a push for a version the portal has is skipped', async () => {
    t.setNow('2026-03-02T10:00:00+07:00');
    const d = await receiveAtCounter(t, cast, procedureCode);
    await mustAct(t, cast.receiving.token, d.code, { action: 'transfer', expectedVersion: 1 });
    // Both pushes send the current state (version 2): the second one is skipped, not re-sent.
    await h.worker().drain();
    expect(
      h.sandbox.portal.received.filter((p) => p.record['MaHoSo'] === d.code).map((p) => p.record['PhienBan']),
    ).toEqual([2]);
    expect(await stateOf(d.code)).toMatchObject({ state: 'synced', syncedVersion: 2 });
  });

  it('keeps retrying while the portal is down, and reports the dossier out of sync meanwhile', async () => {
    t.setNow('2026-03-03T09:00:00+07:00');
    h.sandbox.portal.faults.failNext({ kind: 'status', status: 503 }, 3);
    const d = await receiveAtCounter(t, cast, procedureCode);
    const w = h.worker();
    await w.runOnce(); // plans the push
    await w.runOnce(); // 1st attempt: 503
    expect(await stateOf(d.code)).toMatchObject({ state: 'failed', attempts: 1 });
    const during = await report();
    expect(during.outOfSync.find((r) => r.code === d.code)).toMatchObject({
      state: 'failed',
      syncedVersion: null,
      version: 1,
    });
    expect(during.outOfSync.find((r) => r.code === d.code)?.lastError).toContain('HTTP 503');
    expect(during.totals['failed']).toBeGreaterThanOrEqual(1);
    await w.drain();
    expect(await stateOf(d.code)).toMatchObject({
      state: 'synced',
      syncedVersion: 1,
      attempts: 0,
      lastError: null,
    });
  });

  it('a refused push is dead at once; the report shows it and a resync repairs it', async () => {
    t.setNow('2026-03-04T09:00:00+07:00');
    const wrongToken: AppContext = {
      ...h.ctx,
      config: { ...h.ctx.config, NATIONAL_PORTAL_TOKEN: 'expired-token' },
    };
    const d = await receiveAtCounter(t, cast, procedureCode);
    await h.worker(wrongToken).drain();
    expect(await stateOf(d.code)).toMatchObject({ state: 'dead', attempts: 1 });
    expect((await report()).outOfSync.find((r) => r.code === d.code)).toMatchObject({ state: 'dead' });

    // Dossiers of a time without the portal configured are never synced: the report counts them.
    const offline: AppContext = { ...h.ctx, config: { ...h.ctx.config, NATIONAL_PORTAL_URL: undefined } };
    const old = await receiveAtCounter(t, cast, procedureCode);
    await h.worker(offline).drain();
    const before = await report();
    expect(before.outOfSync.find((r) => r.code === old.code)).toMatchObject({ state: null });
    expect(before.totals['never']).toBeGreaterThanOrEqual(1);

    const forbidden = await h.app.inject({
      method: 'POST',
      url: '/api/admin/national-sync/resync',
      headers: { authorization: `Bearer ${cast.receiving.token}` },
      payload: {},
    });
    expect(forbidden.statusCode).toBe(403);
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/admin/national-sync/resync',
      headers: { authorization: `Bearer ${cast.admin.token}` },
      payload: { codes: [] },
    });
    expect(bad.statusCode).toBe(400);
    const resync = await h.app.inject({
      method: 'POST',
      url: '/api/admin/national-sync/resync',
      headers: { authorization: `Bearer ${cast.admin.token}` },
      payload: {},
    });
    expect(resync.statusCode).toBe(200);
    expect(resync.json<{ queued: number }>().queued).toBeGreaterThanOrEqual(2);
    await h.worker().drain();
    expect(await stateOf(d.code)).toMatchObject({ state: 'synced', syncedVersion: 1 });
    expect(await stateOf(old.code)).toMatchObject({ state: 'synced', syncedVersion: 1 });
    const after = await report();
    expect(after.outOfSync).toEqual([]);
    expect(after.totals['synced']).toBe(after.totals['dossiers']);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('summary')
      .where('eventType', '=', 'national_sync.resync_requested')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('dossiers pushed by the national portal', () => {
  function body(externalId: string) {
    return JSON.stringify({
      externalId,
      procedureCode,
      applicant: {
        kind: 'citizen',
        fullName: 'Phạm Thị Dung',
        idNumber: '038190005555',
        phone: '0911222333',
        email: 'dung@example.vn',
      },
      components: [
        {
          code: 'don',
          isProvided: true,
          files: [
            {
              name: 'don.pdf',
              contentType: 'application/pdf',
              contentBase64: Buffer.from('%PDF-1.4\n%test\n').toString('base64'),
            },
          ],
        },
        { code: 'ban-ve', isProvided: true, isReused: true },
        { code: 'giay-to-dat', isProvided: true, isReused: true },
      ],
    });
  }
  async function push(raw: string, signature: string | undefined) {
    return h.app.inject({
      method: 'POST',
      url: '/api/integrations/national-portal/dossiers',
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'motcua-signature': signature } : {}),
      },
      payload: raw,
    });
  }
  async function countDossiers() {
    return (await t.db.selectFrom('dossier').select('id').execute()).length;
  }

  it('creates an online submission once per portal id', async () => {
    t.setNow('2026-03-05T09:00:00+07:00');
    const raw = body('DVCQG-2026-000123');
    const first = await push(raw, signBody(SECRET, raw, t.now()));
    expect(first.statusCode).toBe(201);
    const answer = first.json<{
      code: string;
      status: string;
      syncStatusCode: number;
      isReplay: boolean;
    }>();
    expect(answer).toMatchObject({ status: 'submitted', syncStatusCode: 1, isReplay: false });
    const again = await push(raw, signBody(SECRET, raw, t.now()));
    expect([again.statusCode, again.json()]).toEqual([200, { ...answer, isReplay: true }]);
    const dossier = await t.db
      .selectFrom('dossier')
      .selectAll()
      .where('code', '=', answer.code)
      .executeTakeFirstOrThrow();
    expect(dossier).toMatchObject({
      channel: 'online',
      status: 'submitted',
      applicantName: 'Phạm Thị Dung',
      applicantAccountId: null,
    });
    const history = await t.db
      .selectFrom('dossierTransition')
      .selectAll()
      .where('dossierId', '=', dossier.id)
      .execute();
    expect(history.map((h) => [h.action, h.actorType, h.actorName])).toEqual([
      ['submit', 'system', 'Cổng Dịch vụ công quốc gia'],
    ]);
    const files = await t.db
      .selectFrom('dossierFile')
      .select('componentCode')
      .where('dossierId', '=', dossier.id)
      .execute();
    expect(files.map((f) => f.componentCode)).toEqual(['don']);
    // The receiving officer finds it in the queue like any online submission.
    const queue = await call(t, 'GET', '/api/dossiers?status=submitted&limit=100', {
      token: cast.receiving.token,
    });
    expect((queue.json['items'] as { code: string }[]).map((i) => i.code)).toContain(answer.code);
  });

  it('rejects a missing, wrong, expired or replayed-with-changes signature, and writes nothing', async () => {
    t.setNow('2026-03-05T10:00:00+07:00');
    const raw = body('DVCQG-2026-000999');
    const n = await countDossiers();
    const cases: [string, string | undefined][] = [
      ['missing', undefined],
      ['malformed', 'v1=abc'],
      ['mismatch', signBody('another-secret-0123456789abcdef', raw, t.now())],
      ['mismatch', signBody(SECRET, raw.replace('Phạm Thị Dung', 'Phạm Thị Dũng'), t.now())],
      ['expired', signBody(SECRET, raw, new Date(t.now().getTime() - 10 * 60_000))],
    ];
    for (const [reason, signature] of cases) {
      const res = await push(raw, signature);
      expect({
        reason,
        status: res.statusCode,
        error: res.json<{ error: { code: string; details: unknown } }>().error,
      }).toMatchObject({
        reason,
        status: 401,
        error: { code: 'SIGNATURE_INVALID', details: { reason } },
      });
    }
    const invalid = JSON.stringify({ externalId: 'x y', procedureCode });
    const badBody = await push(invalid, signBody(SECRET, invalid, t.now()));
    expect([badBody.statusCode, badBody.json<{ error: { code: string } }>().error.code]).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(await countDossiers()).toBe(n);

    const closed = await buildApp({
      ...h.ctx,
      config: { ...h.ctx.config, NATIONAL_PORTAL_INBOUND_SECRET: undefined },
    });
    try {
      const res = await closed.inject({
        method: 'POST',
        url: '/api/integrations/national-portal/dossiers',
        headers: { 'content-type': 'application/json', 'motcua-signature': signBody(SECRET, raw, t.now()) },
        payload: raw,
      });
      expect([res.statusCode, res.json<{ error: { code: string } }>().error.code]).toEqual([
        503,
        'INTEGRATION_NOT_CONFIGURED',
      ]);
    } finally {
      await closed.close();
    }
    expect(await countDossiers()).toBe(n);
  });
});
