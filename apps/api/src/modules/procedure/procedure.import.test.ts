import type { CatalogFileInput } from '@motcua/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  sampleContent,
  useTestContext,
  type StandardTree,
  type TestOfficer,
} from '../../../test/test-context.ts';
import { SYSTEM_ACTOR } from '../../shared/actor.ts';
import { exportCatalog, getVersionForIntake, importCatalog } from './procedure.service.ts';
import {
  addDraft,
  catalogCounts,
  communeContent,
  createPublished,
  publish,
} from './procedure.test-helpers.ts';

const t = useTestContext();
let tree: StandardTree;
let admin: TestOfficer;
let citizenToken: string;

const P1 = '1.001612';
const P2 = '1.001193';

interface Problem {
  path: string;
  code: string;
  message: string;
}

async function exportFile(token?: string, includeDrafts = false): Promise<CatalogFileInput> {
  const res = await call(
    t,
    'GET',
    `/api/catalog/export${includeDrafts ? '?includeDrafts=true' : ''}`,
    token ? { token } : {},
  );
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as unknown as CatalogFileInput;
}

async function importFile(file: unknown, token = admin.token) {
  return call(t, 'POST', '/api/catalog/import', { token, body: file });
}

beforeAll(async () => {
  tree = await t.standardTree();
  admin = await t.newOfficer([{ role: 'admin', unitId: tree.province.id }]);
  citizenToken = (await t.newCitizen()).token;
  // P1: version 1 in force, version 2 from 1 April, version 3 a draft. P2: a commune procedure.
  await createPublished(t, admin.token, P1, sampleContent());
  await addDraft(t, admin.token, P1, {
    effectiveFrom: '2026-04-01',
    content: sampleContent({ name: 'Cấp giấy phép xây dựng (2026)' }),
  });
  await publish(t, admin.token, P1, 2);
  await addDraft(t, admin.token, P1, { effectiveFrom: '2026-06-01' });
  await createPublished(t, admin.token, P2, communeContent());
});

describe('export', () => {
  it('exports the published catalog to anyone, ordered, without drafts', async () => {
    const file = await exportFile();
    expect(file.format).toBe('motcua.catalog/v1');
    expect(file.exportedAt).toBe(t.now().toISOString());
    expect(file.procedures.map((p) => p.code)).toEqual([P2, P1].sort());
    const p1 = file.procedures.find((p) => p.code === P1);
    expect(p1?.versions.map((v) => [v.versionNo, v.status, v.effectiveFrom, v.effectiveTo])).toEqual([
      [1, 'published', '2025-07-01', '2026-03-31'],
      [2, 'published', '2026-04-01', undefined],
    ]);
    expect(p1?.versions[1]?.content.name).toBe('Cấp giấy phép xây dựng (2026)');
  });

  it('includes drafts for administrators only', async () => {
    const withDrafts = await exportFile(admin.token, true);
    expect(
      withDrafts.procedures.find((p) => p.code === P1)?.versions.map((v) => [v.versionNo, v.status]),
    ).toEqual([
      [1, 'published'],
      [2, 'published'],
      [3, 'draft'],
    ]);
    expect((await call(t, 'GET', '/api/catalog/export?includeDrafts=true')).status).toBe(401);
    expect(
      (await call(t, 'GET', '/api/catalog/export?includeDrafts=true', { token: citizenToken })).status,
    ).toBe(403);
    expect((await call(t, 'GET', '/api/catalog/export?includeDrafts=yes')).status).toBe(400);
    // The service is what the CLI uses.
    const viaService = await exportCatalog(t.ctx, SYSTEM_ACTOR, { includeDrafts: true });
    expect(viaService.procedures.map((p) => p.versions.length)).toEqual(
      withDrafts.procedures.map((p) => p.versions.length),
    );
  });
});

describe('import', () => {
  it('re-importing an export into the same database changes nothing', async () => {
    const file = await exportFile(admin.token, true);
    const before = await catalogCounts(t);
    const res = await importFile(file);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toEqual({
      procedures: { created: 0, updated: 0, unchanged: 2 },
      versions: { created: 0, replaced: 0, unchanged: 4 },
    });
    const after = await catalogCounts(t);
    expect(after.fingerprint).toBe(before.fingerprint);
    expect([after.procedures, after.versions]).toEqual([before.procedures, before.versions]);
    // Only the import itself is audited.
    expect(after.audit).toBe(before.audit + 1);
    const entry = await t.db
      .selectFrom('auditLog')
      .select(['eventType', 'actorId', 'summary'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({
      eventType: 'catalog.imported',
      actorId: admin.id,
      summary: { procedures: 0, versions: 0 },
    });

    // The system actor (CLI) may import, and it is still idempotent; the published-only export too.
    expect(await importCatalog(t.ctx, SYSTEM_ACTOR, await exportFile())).toEqual({
      procedures: { created: 0, updated: 0, unchanged: 2 },
      versions: { created: 0, replaced: 0, unchanged: 3 },
    });
    expect((await catalogCounts(t)).fingerprint).toBe(before.fingerprint);
  });

  it('creates procedures, replaces drafts and publishes in order', async () => {
    const file = await exportFile(admin.token, true);
    const p1 = file.procedures.find((p) => p.code === P1);
    const draft = p1?.versions.find((v) => v.versionNo === 3);
    if (!p1 || !draft) throw new Error('fixture');
    // The P1 draft is published by the import, from 1 June.
    draft.status = 'published';
    draft.content = sampleContent({ name: 'Cấp giấy phép xây dựng (tháng 6)' });
    // A new procedure with history: two published versions (the first in the past) and a draft.
    const P3 = '2.000889';
    file.procedures.push({
      code: P3,
      versions: [
        {
          versionNo: 1,
          status: 'published',
          effectiveFrom: '2025-07-01',
          content: communeContent({ name: 'Đăng ký kết hôn' }),
        },
        {
          versionNo: 2,
          status: 'published',
          effectiveFrom: '2026-01-01',
          effectiveTo: '2099-01-01',
          content: communeContent({ name: 'Đăng ký kết hôn (2026)' }),
        },
        {
          versionNo: 3,
          status: 'draft',
          effectiveFrom: '2026-09-01',
          content: communeContent({ name: 'Đăng ký kết hôn (dự thảo)' }),
        },
      ],
    });
    const res = await importFile(file);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toEqual({
      procedures: { created: 1, updated: 1, unchanged: 1 },
      versions: { created: 3, replaced: 1, unchanged: 3 },
    });

    const after = await exportFile(admin.token, true);
    expect(
      after.procedures
        .find((p) => p.code === P1)
        ?.versions.map((v) => [v.versionNo, v.status, v.effectiveFrom, v.effectiveTo]),
    ).toEqual([
      [1, 'published', '2025-07-01', '2026-03-31'],
      [2, 'published', '2026-04-01', '2026-05-31'],
      [3, 'published', '2026-06-01', undefined],
    ]);
    // effectiveTo in a file is derived data: each published version ends before the next.
    expect(
      after.procedures
        .find((p) => p.code === P3)
        ?.versions.map((v) => [v.versionNo, v.status, v.effectiveFrom, v.effectiveTo]),
    ).toEqual([
      [1, 'published', '2025-07-01', '2025-12-31'],
      [2, 'published', '2026-01-01', undefined],
      [3, 'draft', '2026-09-01', undefined],
    ]);
    expect((await getVersionForIntake(t.ctx, P3, new Date('2025-12-31T10:00:00+07:00'))).content.name).toBe(
      'Đăng ký kết hôn',
    );
    expect((await getVersionForIntake(t.ctx, P3, t.now())).content.name).toBe('Đăng ký kết hôn (2026)');
    expect((await getVersionForIntake(t.ctx, P1, new Date('2026-06-01T08:00:00+07:00'))).versionNo).toBe(3);
    const search = await call(t, 'GET', `/api/procedures?q=${encodeURIComponent('đăng ký kết hôn')}`);
    expect((search.json as unknown as { items: { code: string; versionNo: number }[] }).items).toEqual([
      expect.objectContaining({ code: P3, versionNo: 2 }),
    ]);

    // And importing the result again is a no-op.
    const again = await importFile(after);
    expect(again.json).toEqual({
      procedures: { created: 0, updated: 0, unchanged: 3 },
      versions: { created: 0, replaced: 0, unchanged: 7 },
    });
  });

  it('writes nothing when one entry is bad, and lists every problem', async () => {
    const before = await catalogCounts(t);
    const current = await exportFile(admin.token, true);
    const p1 = current.procedures.find((p) => p.code === P1);
    if (!p1) throw new Error('fixture');
    const changedPublished = structuredClone(p1);
    const v1 = changedPublished.versions[0];
    if (!v1) throw new Error('fixture');
    v1.content = sampleContent({ name: 'Sửa một phiên bản đã công bố' });
    const goodNew = {
      code: '1.006001',
      versions: [
        {
          versionNo: 1,
          status: 'published' as const,
          effectiveFrom: '2025-07-01',
          content: sampleContent({ name: 'Thủ tục hợp lệ' }),
        },
      ],
    };
    const budgets = sampleContent();
    budgets.processingTime = { amount: 6, unit: 'working-days' };
    const file = {
      format: 'motcua.catalog/v1',
      procedures: [
        goodNew,
        {
          code: '1.006002',
          versions: [{ versionNo: 1, status: 'published', effectiveFrom: '2025-07-01', content: budgets }],
        },
        {
          code: '1006003',
          versions: [
            { versionNo: 1, status: 'draft', effectiveFrom: '2025-07-01', content: sampleContent() },
          ],
        },
        changedPublished,
        {
          code: '1.006004',
          versions: [
            {
              versionNo: 1,
              status: 'published',
              effectiveFrom: '2025-07-01',
              content: sampleContent({ competentAgencyCode: 'T.KHONGCO' }),
            },
          ],
        },
        {
          code: '1.006005',
          versions: [
            {
              versionNo: 1,
              status: 'published',
              effectiveFrom: '2025-07-01',
              content: communeContent({ competentAgencyCode: 'T.XA1' }),
            },
          ],
        },
        {
          code: '1.006006',
          versions: [
            {
              versionNo: 1,
              status: 'published',
              effectiveFrom: '2025-07-01',
              content: { ...sampleContent(), processingTime: 5 },
            },
          ],
        },
        goodNew,
        {
          code: '1.006007',
          versions: [
            { versionNo: 1, status: 'draft', effectiveFrom: '2025-07-01', content: sampleContent() },
            { versionNo: 2, status: 'draft', effectiveFrom: '2025-07-01', content: sampleContent() },
          ],
        },
      ],
    };
    const res = await importFile(file);
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe('CATALOG_IMPORT_INVALID');
    const problems = res.json.error?.details?.['problems'] as Problem[];
    const summary = problems.map((p) => `${p.path} ${p.code}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        'procedures.1.versions.0.content.steps STEP_BUDGETS_MISMATCH',
        'procedures.2.code SCHEMA_INVALID',
        'procedures.3.versions.0 VERSION_IMMUTABLE',
        'procedures.4.versions.0.content.competentAgencyCode UNIT_NOT_FOUND',
        'procedures.5.versions.0.content.competentAgencyCode COMPETENT_AGENCY_NOT_ALLOWED',
        'procedures.6.versions.0.content.processingTime SCHEMA_INVALID',
        'procedures.7.code DUPLICATE_PROCEDURE',
        'procedures.8 MULTIPLE_DRAFTS',
      ]),
    );
    expect(problems.every((p) => !p.path.startsWith('procedures.0'))).toBe(true);
    expect(res.json.error?.details?.['problemCount']).toBe(problems.length);
    const after = await catalogCounts(t);
    expect(after).toEqual(before);
    expect((await call(t, 'GET', '/api/procedures/1.006001')).status).toBe(404);
  });

  it('refuses a new published version in the past for a procedure in force, and out-of-order versions', async () => {
    const before = await catalogCounts(t);
    const file = await exportFile();
    const p2 = file.procedures.find((p) => p.code === P2);
    if (!p2) throw new Error('fixture');
    p2.versions.push({
      versionNo: 2,
      status: 'published',
      effectiveFrom: '2026-01-15',
      content: communeContent({ name: 'Đăng ký khai sinh (hồi tố)' }),
    });
    file.procedures.push({
      code: '1.006010',
      versions: [
        { versionNo: 1, status: 'published', effectiveFrom: '2026-01-01', content: sampleContent() },
        { versionNo: 2, status: 'published', effectiveFrom: '2025-12-01', content: sampleContent() },
        { versionNo: 3, status: 'draft', effectiveFrom: '2026-12-01', content: sampleContent() },
        { versionNo: 3, status: 'draft', effectiveFrom: '2026-12-01', content: sampleContent() },
      ],
    });
    file.procedures.push({
      code: '1.006011',
      versions: [
        { versionNo: 1, status: 'draft', effectiveFrom: '2026-01-01', content: sampleContent() },
        { versionNo: 2, status: 'published', effectiveFrom: '2026-02-01', content: sampleContent() },
      ],
    });
    const res = await importFile(file);
    expect(res.json.error?.code).toBe('CATALOG_IMPORT_INVALID');
    const codes = (res.json.error?.details?.['problems'] as Problem[]).map((p) => p.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'EFFECTIVE_FROM_IN_PAST',
        'EFFECTIVE_FROM_NOT_AFTER_PREVIOUS',
        'DUPLICATE_VERSION',
        'DRAFT_NOT_LATEST',
      ]),
    );
    expect(await catalogCounts(t)).toEqual(before);
  });

  it('checks the envelope and the body size', async () => {
    const before = await catalogCounts(t);
    for (const body of [
      { format: 'other/v1', procedures: [] },
      { format: 'motcua.catalog/v1' },
      { format: 'motcua.catalog/v1', procedures: [], extra: 1 },
      [],
    ]) {
      const res = await importFile(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error?.code).toBe('VALIDATION_FAILED');
    }
    await expect(
      importCatalog(t.ctx, SYSTEM_ACTOR, { format: 'other/v1', procedures: [] }),
    ).rejects.toMatchObject({ code: 'CATALOG_IMPORT_INVALID' });
    await expect(importCatalog(t.ctx, SYSTEM_ACTOR, 'not a file')).rejects.toMatchObject({
      code: 'CATALOG_IMPORT_INVALID',
    });
    // Bodies above the default 2 MB limit reach the import (here: one invalid entry of ~3 MB).
    const big = await importFile({
      format: 'motcua.catalog/v1',
      procedures: [{ code: '1.006020', versions: [], note: 'x'.repeat(3 * 1024 * 1024) }],
    });
    expect(big.status).toBe(400);
    expect(big.json.error?.code).toBe('CATALOG_IMPORT_INVALID');
    // Beyond 20 MB the body is refused.
    const huge = await importFile({
      format: 'motcua.catalog/v1',
      procedures: [{ note: 'x'.repeat(21 * 1024 * 1024) }],
    });
    expect(huge.status).toBe(413);
    expect(await catalogCounts(t)).toEqual(before);
  });

  it('an empty catalog file imports nothing', async () => {
    const res = await importFile({ format: 'motcua.catalog/v1', procedures: [] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      procedures: { created: 0, updated: 0, unchanged: 0 },
      versions: { created: 0, replaced: 0, unchanged: 0 },
    });
  });
});
