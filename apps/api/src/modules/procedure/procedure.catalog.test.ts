import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  sampleContent,
  useTestContext,
  type StandardTree,
  type TestOfficer,
} from '../../../test/test-context.ts';
import { getVersionById, getVersionForIntake } from './procedure.service.ts';
import {
  addDraft,
  catalogCounts,
  communeContent,
  createDraft,
  createPublished,
  publish,
  type VersionBody,
} from './procedure.test-helpers.ts';

const t = useTestContext();
let tree: StandardTree;
let admin: TestOfficer;

interface SearchBody {
  items: {
    code: string;
    name: string;
    field: { code: string; name: string };
    level: string;
    competentAgency: { code: string; name: string | null } | null;
    processingTime: { amount: number; unit: string };
    onlineServiceLevel: string;
    channels: string[];
    feeTotal: { counter: number | null; online: number | null };
    versionNo: number;
    effectiveFrom: string;
  }[];
  total: number;
}

async function search(query: string): Promise<SearchBody> {
  const res = await call(t, 'GET', `/api/procedures${query}`);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as unknown as SearchBody;
}

const codesOf = (body: SearchBody): string[] => body.items.map((i) => i.code).sort();

beforeAll(async () => {
  tree = await t.standardTree();
  admin = await t.newOfficer([{ role: 'admin', unitId: tree.province.id }]);
});

describe('search of the published catalog', () => {
  const BUILDING = '1.001612';
  const BIRTH = '1.001193';
  const EXTRACT = '2.000635';
  const DRAFT_ONLY = '1.009994';
  const FUTURE_ONLY = '1.009995';

  beforeAll(async () => {
    await createPublished(t, admin.token, BUILDING, sampleContent());
    await createPublished(t, admin.token, BIRTH, communeContent());
    await createPublished(
      t,
      admin.token,
      EXTRACT,
      sampleContent({
        name: 'Cấp bản sao trích lục hộ tịch',
        field: { code: 'ho-tich', name: 'Hộ tịch' },
        competentAgencyCode: 'T.STP',
        channels: [
          { channel: 'counter', fees: [{ kind: 'fee', name: 'Phí cấp bản sao', amount: 8000 }] },
          { channel: 'online', fees: [{ kind: 'fee', name: 'Phí cấp bản sao', amount: 4000 }] },
        ],
        onlineServiceLevel: 'partial',
      }),
    );
    await createDraft(
      t,
      admin.token,
      DRAFT_ONLY,
      sampleContent({ name: 'Cấp giấy phép xây dựng có thời hạn (dự thảo)' }),
    );
    await createDraft(
      t,
      admin.token,
      FUTURE_ONLY,
      sampleContent({ name: 'Cấp giấy phép xây dựng tạm (sắp áp dụng)' }),
      '2026-06-01',
    );
    await publish(t, admin.token, FUTURE_ONLY, 1);
  });

  it('finds a procedure with or without Vietnamese diacritics, in any case', async () => {
    for (const q of [
      'giay phep xay dung',
      'Giấy phép xây dựng',
      'GIẤY PHÉP XÂY DỰNG',
      'xay dung giay phep',
      '  giấy   phép ',
    ]) {
      const body = await search(`?q=${encodeURIComponent(q)}`);
      expect(codesOf(body), q).toEqual([BUILDING]);
    }
    expect(codesOf(await search(`?q=${encodeURIComponent('đăng ký')}`))).toEqual([BIRTH]);
    expect(codesOf(await search('?q=dang%20ky%20khai%20sinh'))).toEqual([BIRTH]);
  });

  it('finds procedures by the field name and by code', async () => {
    expect(codesOf(await search(`?q=${encodeURIComponent('hộ tịch')}`))).toEqual([BIRTH, EXTRACT].sort());
    const byCode = await search(`?q=${BUILDING}`);
    expect(codesOf(byCode)).toEqual([BUILDING]);
    expect(codesOf(await search('?q=001612'))).toEqual([BUILDING]);
    expect((await search('?q=khong%20ton%20tai')).total).toBe(0);
    // LIKE wildcards in the query are literal characters.
    expect((await search('?q=%25')).total).toBe(0);
    expect((await search('?q=_')).total).toBe(0);
  });

  it('returns summaries with the competent agency, fees per channel and the version', async () => {
    const body = await search(`?q=${BUILDING}`);
    expect(body.items[0]).toEqual({
      code: BUILDING,
      name: 'Cấp giấy phép xây dựng mới đối với công trình cấp III',
      field: { code: 'xay-dung', name: 'Hoạt động xây dựng' },
      level: 'province',
      competentAgency: { code: 'T.SXD', name: 'Sở Xây dựng' },
      processingTime: { amount: 5, unit: 'working-days' },
      onlineServiceLevel: 'full',
      channels: ['counter', 'online', 'postal'],
      feeTotal: { counter: 150000, online: 150000 },
      versionNo: 1,
      effectiveFrom: '2025-07-01',
    });
    const birth = (await search(`?q=${BIRTH}`)).items[0];
    expect(birth?.competentAgency).toBeNull();
    expect(birth?.feeTotal).toEqual({ counter: 8000, online: null });
    const extract = (await search(`?q=${EXTRACT}`)).items[0];
    expect(extract?.feeTotal).toEqual({ counter: 8000, online: 4000 });
  });

  it('shows only published versions in force today: no drafts, no future versions', async () => {
    const all = await search('');
    expect(codesOf(all)).toEqual([BIRTH, BUILDING, EXTRACT].sort());
    expect(all.total).toBe(3);
  });

  it('filters by field, level, competent agency, channel and online service level', async () => {
    expect(codesOf(await search('?field=ho-tich'))).toEqual([BIRTH, EXTRACT].sort());
    expect(codesOf(await search('?level=commune'))).toEqual([BIRTH]);
    expect(codesOf(await search('?level=province&field=ho-tich'))).toEqual([EXTRACT]);
    expect(codesOf(await search('?agencyCode=T.SXD'))).toEqual([BUILDING]);
    expect(codesOf(await search('?channel=online'))).toEqual([BUILDING, EXTRACT].sort());
    expect(codesOf(await search('?channel=postal'))).toEqual([BUILDING]);
    expect(codesOf(await search('?onlineServiceLevel=full'))).toEqual([BUILDING]);
    expect(codesOf(await search('?channel=online&q=ho%20tich'))).toEqual([EXTRACT]);
  });

  it('pages through the results with a total', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 4; offset++) {
      const page = await search(`?limit=1&offset=${offset}`);
      expect(page.total).toBe(3);
      expect(page.items.length).toBe(offset < 3 ? 1 : 0);
      seen.push(...page.items.map((i) => i.code));
    }
    expect(seen.sort()).toEqual([BIRTH, BUILDING, EXTRACT].sort());
    const two = await search('?limit=2&offset=1');
    expect(two.items.length).toBe(2);
  });

  it('rejects bad search parameters', async () => {
    for (const query of [
      '?limit=101',
      '?limit=0',
      '?offset=-1',
      '?level=district',
      '?channel=fax',
      '?unknown=1',
      '?limit=abc',
    ]) {
      const res = await call(t, 'GET', `/api/procedures${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json.error?.code).toBe('VALIDATION_FAILED');
    }
  });

  it('lists fields with counts', async () => {
    const res = await call(t, 'GET', '/api/procedures/fields');
    expect(res.status).toBe(200);
    const fields = res.json as unknown as { code: string; name: string; count: number }[];
    expect(fields.find((f) => f.code === 'ho-tich')).toEqual({ code: 'ho-tich', name: 'Hộ tịch', count: 2 });
    expect(fields.find((f) => f.code === 'xay-dung')).toEqual({
      code: 'xay-dung',
      name: 'Hoạt động xây dựng',
      count: 1,
    });
    const commune = (await call(t, 'GET', '/api/procedures/fields?level=commune')).json as unknown as {
      code: string;
      count: number;
    }[];
    expect(commune).toEqual([{ code: 'ho-tich', name: 'Hộ tịch', count: 1 }]);
  });

  it('shows a procedure with its versions; drafts only to administrators', async () => {
    const res = await call(t, 'GET', `/api/procedures/${BUILDING}`);
    expect(res.status).toBe(200);
    const body = res.json as unknown as VersionBody;
    expect(body).toMatchObject({
      procedureCode: BUILDING,
      versionNo: 1,
      status: 'published',
      isInForce: true,
      effectiveTo: null,
    });
    expect(body.competentAgency).toEqual({ code: 'T.SXD', name: 'Sở Xây dựng' });
    expect(body.versions).toEqual([
      {
        versionNo: 1,
        status: 'published',
        effectiveFrom: '2025-07-01',
        effectiveTo: null,
        publishedAt: expect.any(String),
      },
    ]);

    expect((await call(t, 'GET', `/api/procedures/${DRAFT_ONLY}`)).json.error?.code).toBe(
      'PROCEDURE_NOT_FOUND',
    );
    const asAdmin = await call(t, 'GET', `/api/procedures/${DRAFT_ONLY}`, { token: admin.token });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.json).toMatchObject({ status: 'draft', isInForce: false });

    // A version that takes effect later is shown (not in force yet) rather than nothing.
    const future = await call(t, 'GET', `/api/procedures/${FUTURE_ONLY}`);
    expect(future.status).toBe(200);
    expect(future.json).toMatchObject({ versionNo: 1, isInForce: false, effectiveFrom: '2026-06-01' });

    expect((await call(t, 'GET', '/api/procedures/1.999999')).status).toBe(404);
    expect((await call(t, 'GET', '/api/procedures/not-a-code')).json.error?.code).toBe('VALIDATION_FAILED');
    expect((await call(t, 'GET', `/api/procedures/${BUILDING}?version=7`)).json.error?.code).toBe(
      'VERSION_NOT_FOUND',
    );
  });
});

describe('the life of a version: draft, validation, publication, immutability, succession', () => {
  const CODE = '1.004321';

  it('walks through the whole life cycle', async () => {
    // A draft with problems: budgets that do not add up and no leader approval step.
    const base = sampleContent();
    const steps = (base.steps ?? []).map((s) =>
      s.code === 'tham-dinh'
        ? { ...s, budget: { amount: 1, unit: 'working-days' as const } }
        : s.code === 'phe-duyet'
          ? { ...s, role: 'division_head' as const }
          : s,
    );
    const draft = await createDraft(t, admin.token, CODE, sampleContent({ steps }));
    expect(draft).toMatchObject({
      procedureCode: CODE,
      versionNo: 1,
      status: 'draft',
      effectiveFrom: '2025-07-01',
      isInForce: false,
    });

    const validation = await call(t, 'GET', `/api/procedures/${CODE}/versions/1/validation`, {
      token: admin.token,
    });
    expect(validation.status).toBe(200);
    const report = validation.json as unknown as {
      isPublishable: boolean;
      problems: { path: string; code: string; message: string }[];
    };
    expect(report.isPublishable).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        {
          path: 'content.steps',
          code: 'STEP_BUDGETS_MISMATCH',
          message: 'Step budgets add up to 32 h but the legal limit is 40 h',
        },
        expect.objectContaining({ path: 'content.steps', code: 'APPROVAL_STEP_MISSING' }),
      ]),
    );

    const refused = await call(t, 'POST', `/api/procedures/${CODE}/versions/1/publish`, {
      token: admin.token,
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error?.code).toBe('VERSION_INVALID');
    const refusedCodes = (refused.json.error?.details?.['problems'] as { code: string }[]).map((p) => p.code);
    expect(refusedCodes).toEqual(expect.arrayContaining(['STEP_BUDGETS_MISMATCH', 'APPROVAL_STEP_MISSING']));

    // Unknown units are problems too (competent agency and a fixed step unit).
    const unknownUnits = sampleContent({
      competentAgencyCode: 'T.KHONGCO',
      steps: (base.steps ?? []).map((s) =>
        s.code === 'ban-hanh' ? { ...s, unit: { kind: 'fixed' as const, agencyCode: 'T.VANTHU' } } : s,
      ),
    });
    const saved = await call(t, 'PUT', `/api/procedures/${CODE}/versions/1`, {
      token: admin.token,
      body: { effectiveFrom: '2025-07-01', content: unknownUnits },
    });
    expect(saved.status).toBe(200);
    const unitProblems = (
      await call(t, 'GET', `/api/procedures/${CODE}/versions/1/validation`, { token: admin.token })
    ).json as unknown as {
      problems: { path: string; code: string }[];
    };
    expect(unitProblems.problems).toEqual([
      expect.objectContaining({ path: 'content.competentAgencyCode', code: 'UNIT_NOT_FOUND' }),
      expect.objectContaining({ path: 'content.steps.4.unit.agencyCode', code: 'UNIT_NOT_FOUND' }),
    ]);

    // Fixed: the draft validates and is published (the first version may take effect in the past).
    const fixed = await call(t, 'PUT', `/api/procedures/${CODE}/versions/1`, {
      token: admin.token,
      body: { effectiveFrom: '2025-07-01', content: sampleContent() },
    });
    expect(fixed.status).toBe(200);
    const clean = (
      await call(t, 'GET', `/api/procedures/${CODE}/versions/1/validation`, { token: admin.token })
    ).json;
    expect(clean).toMatchObject({ isPublishable: true, problems: [] });
    const v1 = await publish(t, admin.token, CODE, 1);
    expect(v1).toMatchObject({
      status: 'published',
      isInForce: true,
      effectiveFrom: '2025-07-01',
      effectiveTo: null,
    });
    const row = await t.db
      .selectFrom('procedureVersion')
      .selectAll()
      .where('id', '=', v1.versionId)
      .executeTakeFirstOrThrow();
    expect(row.publishedAt).toBeInstanceOf(Date);
    expect(row.publishedBy).toBe(admin.id);
    expect(row.searchText).toBe(
      `${CODE} cap giay phep xay dung moi doi voi cong trinh cap iii hoat dong xay dung`,
    );

    // Published is immutable: through the API, and in the database itself.
    const put = await call(t, 'PUT', `/api/procedures/${CODE}/versions/1`, {
      token: admin.token,
      body: { effectiveFrom: '2025-07-01', content: sampleContent({ name: 'Đổi tên' }) },
    });
    expect(put.status).toBe(409);
    expect(put.json.error?.code).toBe('VERSION_IMMUTABLE');
    const again = await call(t, 'POST', `/api/procedures/${CODE}/versions/1/publish`, { token: admin.token });
    expect(again.json.error?.code).toBe('VERSION_IMMUTABLE');
    await expect(
      t.db
        .updateTable('procedureVersion')
        .set({ content: JSON.stringify(sampleContent({ name: 'Sửa trực tiếp' })) })
        .where('id', '=', v1.versionId)
        .execute(),
    ).rejects.toMatchObject({ code: 'P0001' });
    await expect(
      sql`DELETE FROM procedure_version WHERE id = ${v1.versionId}::uuid`.execute(t.db),
    ).rejects.toMatchObject({ code: 'P0001' });
    const unchanged = await t.db
      .selectFrom('procedureVersion')
      .select('name')
      .where('id', '=', v1.versionId)
      .executeTakeFirstOrThrow();
    expect(unchanged.name).toBe(sampleContent().name);

    // A new draft is a copy of the latest version; one draft at a time.
    const v2 = await addDraft(t, admin.token, CODE);
    expect(v2).toMatchObject({ versionNo: 2, status: 'draft', effectiveFrom: '2026-03-02' });
    expect(v2.content).toEqual(v1.content);
    const second = await call(t, 'POST', `/api/procedures/${CODE}/versions`, {
      token: admin.token,
      body: {},
    });
    expect(second.status).toBe(409);
    expect(second.json.error).toMatchObject({ code: 'CONFLICT', details: { draftVersionNo: 2 } });

    // A later version may not take effect in the past, nor before the version it follows.
    const newName = 'Cấp giấy phép xây dựng mới đối với công trình cấp III (sửa đổi 2026)';
    await call(t, 'PUT', `/api/procedures/${CODE}/versions/2`, {
      token: admin.token,
      body: { effectiveFrom: '2026-02-01', content: sampleContent({ name: newName }) },
    });
    const past = await call(t, 'POST', `/api/procedures/${CODE}/versions/2/publish`, { token: admin.token });
    expect(past.status).toBe(422);
    expect((past.json.error?.details?.['problems'] as { code: string }[]).map((p) => p.code)).toContain(
      'EFFECTIVE_FROM_IN_PAST',
    );

    const put2 = await call(t, 'PUT', `/api/procedures/${CODE}/versions/2`, {
      token: admin.token,
      body: { effectiveFrom: '2026-04-01', content: sampleContent({ name: newName }) },
    });
    expect(put2.status).toBe(200);
    const published2 = await publish(t, admin.token, CODE, 2);
    expect(published2).toMatchObject({
      versionNo: 2,
      status: 'published',
      isInForce: false,
      effectiveFrom: '2026-04-01',
      effectiveTo: null,
    });

    // The previous version now ends the day before.
    const v1After = await call(t, 'GET', `/api/procedures/${CODE}/versions/1`);
    expect(v1After.json).toMatchObject({ versionNo: 1, effectiveTo: '2026-03-31', isInForce: true });
    const detail = (await call(t, 'GET', `/api/procedures/${CODE}`)).json as unknown as VersionBody;
    expect(detail.versionNo).toBe(1);
    expect(detail.versions?.map((v) => [v.versionNo, v.status, v.effectiveFrom, v.effectiveTo])).toEqual([
      [1, 'published', '2025-07-01', '2026-03-31'],
      [2, 'published', '2026-04-01', null],
    ]);
    expect(
      ((await call(t, 'GET', `/api/procedures/${CODE}?version=2`)).json as unknown as VersionBody).content
        .name,
    ).toBe(newName);

    // Intake picks the version in force on the day; pinned ids keep resolving to their own version.
    expect((await getVersionForIntake(t.ctx, CODE, new Date('2026-03-15T10:00:00+07:00'))).versionNo).toBe(1);
    expect((await getVersionForIntake(t.ctx, CODE, new Date('2026-03-31T23:59:00+07:00'))).versionNo).toBe(1);
    expect((await getVersionForIntake(t.ctx, CODE, new Date('2026-04-01T00:00:00+07:00'))).versionNo).toBe(2);
    // 2026-03-31T17:30Z is already 1 April in Vietnam.
    expect((await getVersionForIntake(t.ctx, CODE, new Date('2026-03-31T17:30:00Z'))).versionNo).toBe(2);
    const pinned = await getVersionForIntake(t.ctx, CODE, new Date('2026-03-15T10:00:00+07:00'));
    expect((await getVersionById(t.ctx, pinned.versionId)).content.name).toBe(sampleContent().name);

    // After the switch, the public page shows version 2.
    const saved_ = t.now();
    t.setNow('2026-04-02T09:00:00+07:00');
    try {
      const later = (await call(t, 'GET', `/api/procedures/${CODE}`)).json as unknown as VersionBody;
      expect(later).toMatchObject({ versionNo: 2, isInForce: true });
      const found = (await call(t, 'GET', `/api/procedures?q=${CODE}`)).json as unknown as SearchBody;
      expect(found.items.map((i) => [i.code, i.versionNo, i.name])).toEqual([[CODE, 2, newName]]);
    } finally {
      t.setNow(saved_);
    }

    // Every change is in the audit log.
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['eventType', 'actorId', 'summary'])
      .where('eventType', 'in', [
        'procedure.created',
        'procedure_version.saved',
        'procedure_version.published',
      ])
      .where(sql<boolean>`summary ->> 'code' = ${CODE}`)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.eventType)).toEqual([
      'procedure.created',
      'procedure_version.saved', // v1 created
      'procedure_version.saved', // unknown units
      'procedure_version.saved', // fixed
      'procedure_version.published',
      'procedure_version.saved', // v2 created
      'procedure_version.saved', // past date
      'procedure_version.saved', // 1 April
      'procedure_version.published',
    ]);
    expect(audit.every((a) => a.actorId === admin.id)).toBe(true);
    expect(audit.at(-1)?.summary).toEqual({ code: CODE, versionNo: 2, effectiveFrom: '2026-04-01' });
  });

  it('creates a draft from given content and refuses unknown procedures and versions', async () => {
    const code = '1.004322';
    await createPublished(t, admin.token, code, communeContent());
    const v2 = await addDraft(t, admin.token, code, {
      effectiveFrom: '2026-05-01',
      content: communeContent({ name: 'Đăng ký khai sinh (mới)' }),
    });
    expect(v2).toMatchObject({ versionNo: 2, effectiveFrom: '2026-05-01', competentAgency: null });
    expect(v2.content.name).toBe('Đăng ký khai sinh (mới)');
    expect(
      (await call(t, 'POST', '/api/procedures/1.888888/versions', { token: admin.token, body: {} })).json
        .error?.code,
    ).toBe('PROCEDURE_NOT_FOUND');
    expect(
      (
        await call(t, 'PUT', `/api/procedures/${code}/versions/9`, {
          token: admin.token,
          body: { effectiveFrom: '2026-05-01', content: communeContent() },
        })
      ).json.error?.code,
    ).toBe('VERSION_NOT_FOUND');
    expect(
      (await call(t, 'POST', `/api/procedures/${code}/versions/9/publish`, { token: admin.token })).status,
    ).toBe(404);
    const dup = await call(t, 'POST', '/api/procedures', {
      token: admin.token,
      body: { code, effectiveFrom: '2025-07-01', content: communeContent() },
    });
    expect(dup.status).toBe(409);
    expect(dup.json.error?.code).toBe('PROCEDURE_CODE_TAKEN');
  });

  it('creates a draft copy when the request has no body', async () => {
    const code = '1.004326';
    await createPublished(t, admin.token, code);
    const res = await call(t, 'POST', `/api/procedures/${code}/versions`, { token: admin.token });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json).toMatchObject({ versionNo: 2, status: 'draft', effectiveFrom: '2026-03-02' });
  });

  it('refuses a commune procedure with a competent agency code, and a version before the previous one', async () => {
    const code = '1.004323';
    await createDraft(t, admin.token, code, communeContent({ competentAgencyCode: 'T.XA1' }));
    const res = await call(t, 'POST', `/api/procedures/${code}/versions/1/publish`, { token: admin.token });
    expect(res.status).toBe(422);
    expect(res.json.error?.details?.['problems']).toEqual([
      expect.objectContaining({ code: 'COMPETENT_AGENCY_NOT_ALLOWED', path: 'content.competentAgencyCode' }),
    ]);

    const other = '1.004324';
    await createPublished(t, admin.token, other, sampleContent(), '2026-06-01');
    await addDraft(t, admin.token, other, { effectiveFrom: '2026-05-01' });
    const early = await call(t, 'POST', `/api/procedures/${other}/versions/2/publish`, {
      token: admin.token,
    });
    expect(early.status).toBe(422);
    expect(early.json.error?.details?.['problems']).toEqual([
      expect.objectContaining({ code: 'EFFECTIVE_FROM_NOT_AFTER_PREVIOUS', path: 'effectiveFrom' }),
    ]);
  });

  it('has no version for intake while a procedure is only a draft', async () => {
    const code = '1.004325';
    await createDraft(t, admin.token, code);
    await expect(getVersionForIntake(t.ctx, code, t.now())).rejects.toMatchObject({
      code: 'NO_PUBLISHED_VERSION',
    });
    await expect(getVersionForIntake(t.ctx, '1.777777', t.now())).rejects.toMatchObject({
      code: 'PROCEDURE_NOT_FOUND',
    });
  });
});

describe('bad input', () => {
  it('answers 400 VALIDATION_FAILED and writes nothing', async () => {
    const before = await catalogCounts(t);
    const good = { code: '1.005001', effectiveFrom: '2025-07-01', content: sampleContent() };
    const bodies: [string, unknown][] = [
      ['bad code format', { ...good, code: '1001612' }],
      ['lower-case suffix', { ...good, code: '1.001612.h38' }],
      ['unknown top-level field', { ...good, extra: true }],
      ['unknown content field', { ...good, content: { ...sampleContent(), colour: 'blue' } }],
      [
        'wrong type',
        {
          ...good,
          content: { ...sampleContent(), processingTime: { amount: 'five', unit: 'working-days' } },
        },
      ],
      ['bad enum', { ...good, content: { ...sampleContent(), level: 'district' } }],
      ['bad date', { ...good, effectiveFrom: '2026-02-30' }],
      ['missing content', { code: good.code, effectiveFrom: good.effectiveFrom }],
      ['no steps', { ...good, content: { ...sampleContent(), steps: [] } }],
      ['bad agency code', { ...good, content: { ...sampleContent(), competentAgencyCode: 't.sxd' } }],
      [
        'negative fee',
        {
          ...good,
          content: {
            ...sampleContent(),
            channels: [{ channel: 'counter', fees: [{ kind: 'fee', name: 'x', amount: -1 }] }],
          },
        },
      ],
    ];
    for (const [label, body] of bodies) {
      const res = await call(t, 'POST', '/api/procedures', { token: admin.token, body });
      expect(res.status, label).toBe(400);
      expect(res.json.error?.code, label).toBe('VALIDATION_FAILED');
      expect(res.json.error?.details?.['issues'], label).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: expect.any(String) })]),
      );
    }
    const code = '1.005002';
    await createDraft(t, admin.token, code);
    const afterCreate = await catalogCounts(t);
    const puts: [string, unknown][] = [
      ['unknown field', { effectiveFrom: '2025-07-01', content: sampleContent(), note: 'x' }],
      ['wrong type', { effectiveFrom: 20250701, content: sampleContent() }],
      ['missing date', { content: sampleContent() }],
    ];
    for (const [label, body] of puts) {
      const res = await call(t, 'PUT', `/api/procedures/${code}/versions/1`, { token: admin.token, body });
      expect(res.status, label).toBe(400);
      expect(res.json.error?.code, label).toBe('VALIDATION_FAILED');
    }
    expect(
      (
        await call(t, 'PUT', `/api/procedures/${code}/versions/abc`, {
          token: admin.token,
          body: { effectiveFrom: '2025-07-01', content: sampleContent() },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(t, 'POST', `/api/procedures/${code}/versions`, {
          token: admin.token,
          body: { unknown: 1 },
        })
      ).status,
    ).toBe(400);
    expect(await catalogCounts(t)).toEqual(afterCreate);
    expect(afterCreate.procedures).toBe(before.procedures + 1);
    expect(afterCreate.versions).toBe(before.versions + 1);
  });
});

describe('OpenAPI', () => {
  it('documents the catalog routes with named schemas', async () => {
    const res = await call(t, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.json as unknown as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    for (const path of [
      '/api/procedures',
      '/api/procedures/fields',
      '/api/procedures/{code}',
      '/api/procedures/{code}/versions',
      '/api/procedures/{code}/versions/{versionNo}',
      '/api/procedures/{code}/versions/{versionNo}/publish',
      '/api/procedures/{code}/versions/{versionNo}/validation',
      '/api/catalog/export',
      '/api/catalog/import',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    for (const id of [
      'ProcedureSummary',
      'ProcedureSearchResult',
      'ProcedureVersion',
      'ProcedureDetail',
      'VersionValidation',
      'CatalogImportReport',
      'CatalogFile',
    ]) {
      expect(doc.components.schemas[id], id).toBeDefined();
    }
  });
});
