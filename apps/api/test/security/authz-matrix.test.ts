import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/build-app.ts';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.ts';
import { loginCitizen, loginOfficer } from '../../src/modules/user/user.service.ts';
import { TEST_PASSWORD, call, useTestContext, type TestCitizen, type TestOfficer } from '../test-context.ts';
import {
  AUTHZ_MATRIX,
  SUBJECTS,
  type Fixtures,
  type Outcome,
  type RequestSpec,
  type Subject,
} from './authz-matrix.ts';
import { changedBetween, takeSnapshot } from './db-snapshot.ts';

/** Runs every cell of the declared matrix (authz-matrix.ts) against the route table. */
const t = useTestContext();
let app: Awaited<ReturnType<typeof buildApp>>;
let f: Fixtures;
const people: Partial<Record<Subject, TestOfficer | TestCitizen>> = {};
let serial = 0;
let sandbox: Sandbox;

afterAll(async () => {
  await sandbox?.close();
});

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  // The population registry answers from the sandbox (a real HTTP call), so an officer's lookup is a 200.
  sandbox = await startSandbox({ httpPort: 0, smtpPort: 0 });
  // The signed inbound integrations are configured, so a bad signature is a 401 (not a 503).
  app = await buildApp({
    ...t.ctx,
    config: {
      ...t.ctx.config,
      ZALO_APP_ID: 'motcua-test',
      ZALO_OA_SECRET: 'zalo-secret-for-tests',
      SMS_INBOUND_SECRET: 'sms-secret-for-tests-0001',
      NATIONAL_PORTAL_URL: 'https://dichvucong.example.vn/api',
      NATIONAL_PORTAL_INBOUND_SECRET: 'portal-secret-for-tests-01',
      POSTAL_WEBHOOK_SECRET: 'postal-secret-for-tests-01',
      DOCUMENT_EXCHANGE_INBOUND_SECRET: 'exchange-secret-for-tests-1',
      POPULATION_REGISTRY_URL: sandbox.settings.POPULATION_REGISTRY_URL,
      POPULATION_REGISTRY_TOKEN: sandbox.settings.POPULATION_REGISTRY_TOKEN,
      PAYMENT_GATEWAY_SECRET: sandbox.settings.PAYMENT_GATEWAY_SECRET,
      VIETQR_BANK_BIN: sandbox.settings.VIETQR_BANK_BIN,
      VIETQR_ACCOUNT_NUMBER: sandbox.settings.VIETQR_ACCOUNT_NUMBER,
    },
  });
  const tree = await t.standardTree();
  const { code: procedureCode } = await t.newProcedure();
  await t.newProcedure({ code: procedureCode, status: 'draft', versionNo: 2, effectiveFrom: '2026-06-01' });
  const owner = await t.newCitizen();
  people.owner = owner;
  people.otherCitizen = await t.newCitizen();
  // Both citizens are known to the sandbox registry, so their own-profile prefill is a 200.
  for (const citizen of [owner, people.otherCitizen]) {
    sandbox.population.persons.set(citizen.idNumber, {
      soDinhDanh: citizen.idNumber,
      hoVaTen: 'Nguyễn Văn An',
      ngaySinh: '1990-04-12',
      gioiTinh: 'Nam',
      noiThuongTru: 'Số 12 Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa',
      quocTich: 'Việt Nam',
    });
  }
  const unitOfficer = await t.newOfficer([{ role: 'receiving_officer', unitId: tree.provinceCentre.id }]);
  people.unitOfficer = unitOfficer;
  people.otherUnitOfficer = await t.newOfficer([
    { role: 'receiving_officer', unitId: tree.otherCommuneSection.id },
  ]);
  people.noRoleOfficer = await t.newOfficer([{ role: 'clerk', unitId: tree.provinceCentre.id }]);
  people.supervisor = await t.newOfficer([{ role: 'supervisor', unitId: tree.province.id }]);
  people.admin = await t.newOfficer([{ role: 'admin', unitId: tree.province.id }]);
  const admin = people.admin;
  const target = await t.newOfficer([{ role: 'specialist', unitId: tree.department.id }]);

  const file = await app.inject({
    method: 'POST',
    url: '/api/files?name=ban-ve.pdf',
    headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/pdf' },
    payload: Buffer.from('%PDF-1.4\n% drawing\n'),
  });
  expect(file.statusCode, file.body).toBe(201);
  const fileId = file.json<{ id: string }>().id;

  async function submit(withFile: boolean): Promise<string> {
    const r = await call(t, 'POST', '/api/dossiers', {
      token: owner.token,
      body: {
        procedureCode,
        receivingUnitId: tree.provinceCentre.id,
        applicant: {
          kind: 'citizen',
          fullName: 'Phạm Thị Dung',
          idNumber: owner.idNumber,
          phone: '0901234567',
        },
        components: ['don', 'ban-ve', 'giay-to-dat'].map((code) => ({
          code,
          isProvided: true,
          isReused: !(withFile && code === 'ban-ve'),
          ...(withFile && code === 'ban-ve' ? { fileIds: [fileId] } : {}),
        })),
      },
    });
    if (r.status !== 201) throw new Error(`online submission failed: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json['code'] as string;
  }
  const dossierCode = await submit(true);
  const counter = await call(t, 'POST', '/api/dossiers/counter', {
    token: unitOfficer.token,
    body: {
      procedureCode,
      receivingUnitId: tree.provinceCentre.id,
      applicant: {
        kind: 'citizen',
        fullName: 'Trần Thị Bình',
        idNumber: '038190001234',
        phone: '0987654321',
      },
      components: [
        { code: 'don', isProvided: true, originalCount: 1 },
        { code: 'ban-ve', isProvided: true, originalCount: 2 },
        { code: 'giay-to-dat', isProvided: true, copyCount: 1 },
      ],
    },
  });
  expect(counter.status, JSON.stringify(counter.json)).toBe(201);
  await call(t, 'PUT', `/api/drafts/${procedureCode}`, { token: owner.token, body: { data: { step: 1 } } });
  async function newUpload(): Promise<string> {
    const r = await call(t, 'POST', '/api/uploads', {
      token: owner.token,
      body: { name: 'ban-ve.pdf', size: 2048, contentType: 'application/pdf' },
    });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    return r.json['id'] as string;
  }
  const webhook = await call(t, 'POST', '/api/admin/webhooks', {
    token: admin.token,
    body: { name: 'IOC', url: 'https://ioc.example.vn/hooks/motcua' },
  });
  expect(webhook.status, JSON.stringify(webhook.json)).toBe(201);
  const supervisor = people.supervisor;

  f = {
    tree,
    procedureCode,
    dossierCode,
    counterCode: counter.json['code'] as string,
    counterSecret: counter.json['lookupSecret'] as string,
    fileId,
    uploadId: await newUpload(),
    targetOfficerId: target.id,
    officerUsername: target.username,
    ownerIdNumber: owner.idNumber,
    webhookId: (webhook.json['id'] as string | undefined) ?? '',
    async newDraft() {
      await call(t, 'PUT', `/api/drafts/${procedureCode}`, {
        token: owner.token,
        body: { data: { step: 1 } },
      });
    },
    async newDeadOutboxId() {
      const row = await t.db
        .insertInto('outboxMessage')
        .values({
          topic: 'test.matrix',
          aggregateType: 'test',
          aggregateId: 'matrix',
          payload: JSON.stringify({}),
          attempts: 5,
          deadAt: t.now(),
          processedAt: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    unique(prefix) {
      serial += 1;
      return `${prefix}${process.pid % 1000}${serial}${Math.floor(Math.random() * 100)}`;
    },
    async freshToken(who) {
      const p = people[who];
      if (!p) return undefined;
      if ('username' in p)
        return (await loginOfficer(t.ctx, { username: p.username, password: TEST_PASSWORD })).token;
      return (await loginCitizen(t.ctx, { identifier: p.idNumber, password: TEST_PASSWORD })).token;
    },
    async newProcedure() {
      const p = await t.newProcedure();
      await t.newProcedure({ code: p.code, status: 'draft', versionNo: 2, effectiveFrom: '2026-06-01' });
      return p.code;
    },
    async newRoleId() {
      t.advance(1000);
      const r = await call(t, 'POST', `/api/officers/${target.id}/roles`, {
        token: admin.token,
        body: { role: 'specialist', unitId: tree.division.id },
      });
      t.advance(1000);
      const roles = r.json['roles'] as { id: string; unitId: string; role: string }[];
      return roles.find((x) => x.unitId === tree.division.id && x.role === 'specialist')?.id ?? '';
    },
    newSubmittedDossier: () => submit(false),
    async newPostalOrder() {
      const code = await submit(false);
      const r = await app.inject({
        method: 'POST',
        url: `/api/dossiers/${code}/postal-orders`,
        headers: { authorization: `Bearer ${unitOfficer.token}`, 'content-type': 'application/json' },
        payload: { kind: 'pickup', recipientName: 'Phạm Thị Dung', address: 'Số 1 Lê Lợi, Hạc Thành' },
      });
      expect(r.statusCode, r.body).toBe(201);
      return { code, orderId: r.json<{ id: string }>().id };
    },
    newUpload,
    async newSubscription() {
      const r = await call(t, 'POST', '/api/statistics/subscriptions', {
        token: supervisor.token,
        body: { unitId: tree.province.id, recipients: ['lanh.dao@example.vn'] },
      });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      return r.json['id'] as string;
    },
    async newOverride() {
      const r = await call(t, 'PUT', '/api/calendar/overrides/2026-11-17', {
        token: admin.token,
        body: { kind: 'day_off', name: 'Ngày nghỉ thử nghiệm' },
      });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      return '2026-11-17';
    },
  };
});

async function send(spec: RequestSpec, who: Subject) {
  const token = spec.token === undefined ? people[who]?.token : (spec.token ?? undefined);
  const isRaw = Buffer.isBuffer(spec.body);
  const res = await app.inject({
    method: spec.method,
    url: spec.url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(spec.headers ?? {}),
    },
    ...(spec.body !== undefined ? { payload: isRaw ? (spec.body as Buffer) : (spec.body as object) } : {}),
  });
  let code: string | undefined;
  let detailCode: unknown;
  try {
    const body = res.json<{ error?: { code: string; details?: { code?: unknown } } }>();
    code = body.error?.code;
    detailCode = body.error?.details?.code;
  } catch {
    code = undefined;
  }
  return { status: res.statusCode, code, detailCode };
}

function classify(
  method: string,
  r: { status: number; code: string | undefined; detailCode: unknown },
): string {
  if (r.status >= 500) return `5xx ${r.status} ${r.code ?? ''}`;
  if (r.status === 409 && r.code === 'TRANSITION_NOT_ALLOWED') return 'refused';
  if (r.status === 401 || r.status === 403 || r.status === 404) return String(r.status);
  if (method === 'GET' && r.status !== 409 && (r.status < 200 || r.status > 299))
    return `GET ${r.status} ${r.code ?? ''}`;
  return 'allow';
}

describe('the authorisation matrix', () => {
  it('has an entry for every route and a route for every entry', async () => {
    const routes = app.routeTable.map((r) => `${r.method} ${r.url}`);
    const missing = routes.filter((r) => !(r in AUTHZ_MATRIX));
    const stale = Object.keys(AUTHZ_MATRIX).filter((k) => !routes.includes(k));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('gives every subject the declared outcome on every route, and refusals change nothing', async () => {
    let cells = 0;
    const mismatches: string[] = [];
    for (const [route, entry] of Object.entries(AUTHZ_MATRIX)) {
      if (!app.routeTable.some((r) => `${r.method} ${r.url}` === route)) continue;
      // Refused subjects first, so an allowed call that consumes its target runs last.
      const order = [...SUBJECTS].sort(
        (a, b) => Number(entry.expect[a] === 'allow') - Number(entry.expect[b] === 'allow'),
      );
      for (const who of order) {
        const expected: Outcome = entry.expect[who];
        const spec = await entry.request(f, who);
        const before = expected === 'allow' ? undefined : await takeSnapshot(t);
        const r = await send(spec, who);
        const got = classify(spec.method, r);
        cells += 1;
        if (got !== String(expected)) {
          mismatches.push(
            `${route} as ${who}: expected ${expected}, got ${got} (${r.status} ${r.code ?? ''})`,
          );
          continue;
        }
        if (r.status === 401 && !['UNAUTHENTICATED', 'SIGNATURE_INVALID'].includes(r.code ?? ''))
          mismatches.push(`${route} as ${who}: 401 with code ${r.code ?? '-'}`);
        if (r.status === 403 && r.code !== 'FORBIDDEN')
          mismatches.push(`${route} as ${who}: 403 with code ${r.code ?? '-'}`);
        if (before) {
          const changed = changedBetween(before, await takeSnapshot(t));
          if (changed.length > 0)
            mismatches.push(`${route} as ${who}: refused but changed ${changed.join(', ')}`);
        }
      }
    }
    console.log(`[authz] ${cells} matrix cells checked over ${Object.keys(AUTHZ_MATRIX).length} routes`);
    expect(mismatches).toEqual([]);
  }, 120_000);
});
