import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OfficerRole, ProcedureVersionContentInput } from '@motcua/domain';
import { ProcedureVersionContent, toSearchText } from '@motcua/domain';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import { buildApp } from '../src/http/build-app.ts';
import type { AppInstance } from '../src/http/types.ts';
import { createLocalFileStore } from '../src/modules/file/file-store.ts';
import { createUnit } from '../src/modules/organisation/organisation.service.ts';
import type { UnitView } from '../src/modules/organisation/organisation.schemas.ts';
import { OutboxWorker, type OutboxHandler } from '../src/modules/outbox/outbox.worker.ts';
import {
  createOfficer,
  loginCitizen,
  loginOfficer,
  registerCitizen,
} from '../src/modules/user/user.service.ts';
import { SYSTEM_ACTOR } from '../src/shared/actor.ts';
import type { AppContext, Logger } from '../src/shared/app-context.ts';
import { createTestDatabase, type TestDatabase, type TestDbMode } from './test-databases.ts';

export const TEST_PASSWORD = 'Motcua-2026-test';

const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

export interface TestOfficer {
  id: string;
  username: string;
  token: string;
}

export interface TestCitizen {
  id: string;
  idNumber: string;
  token: string;
}

export interface StandardTree {
  province: UnitView;
  provinceCentre: UnitView; // one-stop section of the province (TTPVHCC)
  department: UnitView; // Sở Xây dựng
  division: UnitView; // a division inside the department
  otherDepartment: UnitView; // Sở Tư pháp
  commune: UnitView;
  communeSection: UnitView; // commune one-stop section
  otherCommune: UnitView;
  otherCommuneSection: UnitView;
  taxOffice: UnitView; // external
}

export interface TestContext {
  readonly mode: TestDbMode;
  readonly ctx: AppContext;
  readonly db: Database;
  now(): Date;
  setNow(at: Date | string): void;
  advance(ms: number): void;
  app(): Promise<AppInstance & { routeTable: { method: string; url: string; auth: string }[] }>;
  worker(handlers?: Record<string, OutboxHandler[]>): OutboxWorker;
  standardTree(): Promise<StandardTree>;
  newUnit(input: {
    agencyCode: string;
    name: string;
    kind: UnitView['kind'];
    parentId: string | null;
  }): Promise<UnitView>;
  newOfficer(roles: { role: OfficerRole; unitId: string }[], username?: string): Promise<TestOfficer>;
  newCitizen(idNumber?: string): Promise<TestCitizen>;
  newProcedure(options?: {
    code?: string;
    content?: Partial<ProcedureVersionContentInput>;
    effectiveFrom?: string;
    status?: 'draft' | 'published';
    versionNo?: number;
  }): Promise<{ procedureId: string; versionId: string; code: string; content: ProcedureVersionContent }>;
}

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${process.pid % 1000}${counter}${Math.floor(Math.random() * 1000)}`;
}

/** A realistic provincial procedure: 5 working days, 5 steps adding up to 40 working hours. */
export function sampleContent(
  overrides: Partial<ProcedureVersionContentInput> = {},
): ProcedureVersionContentInput {
  return {
    name: 'Cấp giấy phép xây dựng mới đối với công trình cấp III',
    field: { code: 'xay-dung', name: 'Hoạt động xây dựng' },
    level: 'province',
    competentAgencyCode: 'T.SXD',
    applicantTypes: ['citizen', 'enterprise'],
    processingTime: { amount: 5, unit: 'working-days' },
    supplementMode: 'pause',
    channels: [
      {
        channel: 'counter',
        fees: [{ kind: 'charge', name: 'Lệ phí cấp giấy phép xây dựng', amount: 150000 }],
      },
      {
        channel: 'online',
        fees: [{ kind: 'charge', name: 'Lệ phí cấp giấy phép xây dựng', amount: 150000 }],
      },
      { channel: 'postal', fees: [] },
    ],
    feeCollection: 'before',
    onlineServiceLevel: 'full',
    components: [
      {
        code: 'don',
        name: 'Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)',
        originalCount: 1,
        copyCount: 0,
        isRequired: true,
      },
      { code: 'ban-ve', name: 'Bản vẽ thiết kế xây dựng', originalCount: 2, copyCount: 0, isRequired: true },
      {
        code: 'giay-to-dat',
        name: 'Giấy tờ hợp pháp về đất đai',
        originalCount: 0,
        copyCount: 1,
        isRequired: true,
      },
      {
        code: 'cam-ket',
        name: 'Bản cam kết bảo đảm an toàn công trình liền kề',
        originalCount: 1,
        copyCount: 0,
        isRequired: false,
      },
    ],
    steps: [
      {
        code: 'tiep-nhan',
        name: 'Tiếp nhận, chuyển hồ sơ',
        role: 'receiving_officer',
        unit: { kind: 'receiving_unit' },
        budget: { amount: 4, unit: 'working-hours' },
      },
      {
        code: 'phan-cong',
        name: 'Lãnh đạo phòng phân công',
        role: 'division_head',
        unit: { kind: 'competent_agency' },
        budget: { amount: 4, unit: 'working-hours' },
      },
      {
        code: 'tham-dinh',
        name: 'Chuyên viên thẩm định',
        role: 'specialist',
        unit: { kind: 'competent_agency' },
        budget: { amount: 2, unit: 'working-days' },
      },
      {
        code: 'phe-duyet',
        name: 'Lãnh đạo Sở phê duyệt, ký',
        role: 'leader',
        unit: { kind: 'competent_agency' },
        budget: { amount: 1, unit: 'working-days' },
      },
      {
        code: 'ban-hanh',
        name: 'Văn thư vào sổ, đóng dấu',
        role: 'clerk',
        unit: { kind: 'competent_agency' },
        budget: { amount: 4, unit: 'working-hours' },
      },
      {
        code: 'tra-kq',
        name: 'Trả kết quả',
        role: 'receiving_officer',
        unit: { kind: 'receiving_unit' },
        budget: { amount: 4, unit: 'working-hours' },
      },
    ],
    result: { name: 'Giấy phép xây dựng', type: 'license', isPaperRequired: true, mustBeSigned: true },
    legalBasis: [{ number: '50/2014/QH13', title: 'Luật Xây dựng' }],
    ...overrides,
  };
}

export function useTestContext(): TestContext {
  const mode = (process.env['MOTCUA_TEST_DB'] ?? 'pglite') as TestDbMode;
  let database: TestDatabase | undefined;
  let context: AppContext | undefined;
  let app: Awaited<ReturnType<TestContext['app']>> | undefined;
  let tree: StandardTree | undefined;
  let current = new Date('2026-03-02T09:00:00+07:00');
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-files-'));

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    const config = loadConfig({
      NODE_ENV: 'test',
      PUBLIC_BASE_URL: 'https://motcua.test',
      WORKER_ENABLED: 'false',
      MOTCUA_DATA_DIR: filesDir,
      UPLOAD_MAX_MB: '2',
      SESSION_TTL_HOURS: String(24 * 366),
      // The clock stands still in tests, so a minute's window never ends: the suites that log in
      // or look up often are not limited; apps/api/src/http/security.test.ts checks the defaults.
      RATE_LIMIT_LOGIN_PER_IDENTIFIER: '100000',
      RATE_LIMIT_LOGIN_PER_IP: '100000',
      RATE_LIMIT_LOOKUP_PER_IP: '100000',
    });
    context = {
      db: database.handle.db,
      config,
      clock: () => new Date(current.getTime()),
      files: createLocalFileStore(path.join(filesDir, 'files')),
      logger: silentLogger,
    };
  });

  afterAll(async () => {
    if (app) await app.close();
    if (database) await database.drop();
    fs.rmSync(filesDir, { recursive: true, force: true });
  });

  function ctx(): AppContext {
    if (!context) throw new Error('The test context is used before beforeAll ran');
    return context;
  }

  const api: TestContext = {
    mode,
    get ctx() {
      return ctx();
    },
    get db() {
      return ctx().db;
    },
    now: () => new Date(current.getTime()),
    setNow(at) {
      current = typeof at === 'string' ? new Date(at) : new Date(at.getTime());
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
    async app() {
      app ??= await buildApp(ctx());
      return app;
    },
    worker(handlers = {}) {
      return new OutboxWorker({
        db: ctx().db,
        clock: ctx().clock,
        logger: silentLogger,
        handlers,
        backoffMs: () => 0,
      });
    },
    async newUnit(input) {
      return createUnit(ctx(), SYSTEM_ACTOR, { ...input, validFrom: '2025-07-01' });
    },
    async standardTree() {
      if (tree) return tree;
      const u = api.newUnit;
      const province = await u({
        agencyCode: 'T.UBND',
        name: 'Ủy ban nhân dân tỉnh Thử Nghiệm',
        kind: 'province',
        parentId: null,
      });
      const provinceCentre = await u({
        agencyCode: 'T.TTPVHCC',
        name: 'Trung tâm Phục vụ hành chính công tỉnh',
        kind: 'one_stop_section',
        parentId: province.id,
      });
      const department = await u({
        agencyCode: 'T.SXD',
        name: 'Sở Xây dựng',
        kind: 'department',
        parentId: province.id,
      });
      const division = await u({
        agencyCode: 'T.SXD.QLXD',
        name: 'Phòng Quản lý xây dựng',
        kind: 'division',
        parentId: department.id,
      });
      const otherDepartment = await u({
        agencyCode: 'T.STP',
        name: 'Sở Tư pháp',
        kind: 'department',
        parentId: province.id,
      });
      const commune = await u({
        agencyCode: 'T.XA1',
        name: 'Ủy ban nhân dân xã Một',
        kind: 'commune',
        parentId: province.id,
      });
      const communeSection = await u({
        agencyCode: 'T.XA1.MC',
        name: 'Bộ phận Một cửa xã Một',
        kind: 'one_stop_section',
        parentId: commune.id,
      });
      const otherCommune = await u({
        agencyCode: 'T.XA2',
        name: 'Ủy ban nhân dân xã Hai',
        kind: 'commune',
        parentId: province.id,
      });
      const otherCommuneSection = await u({
        agencyCode: 'T.XA2.MC',
        name: 'Bộ phận Một cửa xã Hai',
        kind: 'one_stop_section',
        parentId: otherCommune.id,
      });
      const taxOffice = await u({
        agencyCode: 'T.THUE',
        name: 'Thuế tỉnh',
        kind: 'external',
        parentId: null,
      });
      tree = {
        province,
        provinceCentre,
        department,
        division,
        otherDepartment,
        commune,
        communeSection,
        otherCommune,
        otherCommuneSection,
        taxOffice,
      };
      return tree;
    },
    async newOfficer(roles, username) {
      const name = username ?? unique('can.bo');
      const created = await createOfficer(ctx(), SYSTEM_ACTOR, {
        username: name,
        fullName: `Cán bộ ${name}`,
        password: TEST_PASSWORD,
        roles,
      });
      const login = await loginOfficer(ctx(), { username: name, password: TEST_PASSWORD });
      return { id: created.id, username: name, token: login.token };
    },
    async newCitizen(idNumber) {
      const id =
        idNumber ??
        `0380${String(Date.now()).slice(-5)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
      try {
        const r = await registerCitizen(ctx(), {
          kind: 'citizen',
          fullName: 'Nguyễn Văn An',
          idNumber: id,
          phone: '0912345678',
          email: 'an@example.vn',
          password: TEST_PASSWORD,
          preferredLanguage: 'vi',
        });
        return { id: r.me.id, idNumber: id, token: r.token };
      } catch {
        const r = await loginCitizen(ctx(), { identifier: id, password: TEST_PASSWORD });
        return { id: r.me.id, idNumber: id, token: r.token };
      }
    },
    async newProcedure(options = {}) {
      const code = options.code ?? `1.${String(100000 + Math.floor(Math.random() * 899999))}`;
      const content = ProcedureVersionContent.parse(sampleContent(options.content));
      const db = ctx().db;
      let procedure = await db
        .selectFrom('procedure')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirst();
      procedure ??= await db
        .insertInto('procedure')
        .values({ code })
        .returning('id')
        .executeTakeFirstOrThrow();
      const status = options.status ?? 'published';
      const version = await db
        .insertInto('procedureVersion')
        .values({
          procedureId: procedure.id,
          versionNo: options.versionNo ?? 1,
          status,
          effectiveFrom: options.effectiveFrom ?? '2025-07-01',
          name: content.name,
          searchText: toSearchText(`${code} ${content.name}`),
          fieldCode: content.field.code,
          fieldName: content.field.name,
          level: content.level,
          competentAgencyCode: content.competentAgencyCode ?? null,
          onlineServiceLevel: content.onlineServiceLevel,
          content: JSON.stringify(content),
          publishedAt: status === 'published' ? new Date('2025-06-20T00:00:00Z') : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { procedureId: procedure.id, versionId: version.id, code, content };
    },
  };
  return api;
}

/** Shorthand for app.inject with a bearer token. */
export async function call(
  t: TestContext,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const app = await t.app();
  const res = await app.inject({
    method,
    url,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.headers ?? {}),
    },
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
  let json: unknown;
  try {
    json = res.json();
  } catch {
    json = undefined;
  }
  return {
    status: res.statusCode,
    json: json as Record<string, unknown> & {
      error?: { code: string; message: string; details?: Record<string, unknown> };
    },
    raw: res,
  };
}
