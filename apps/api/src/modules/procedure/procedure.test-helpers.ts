import type { ProcedureVersionContentInput } from '@motcua/domain';
import { expect } from 'vitest';
import { call, sampleContent, type TestContext } from '../../../test/test-context.ts';

/** Shared helpers of the procedure module tests (not a test file itself). */

export interface VersionBody {
  procedureCode: string;
  versionId: string;
  versionNo: number;
  status: 'draft' | 'published';
  effectiveFrom: string;
  effectiveTo: string | null;
  isInForce: boolean;
  competentAgency: { code: string; name: string | null } | null;
  content: Record<string, unknown> & { name: string };
  versions?: { versionNo: number; status: string; effectiveFrom: string; effectiveTo: string | null }[];
}

/** A commune-level procedure: no competent agency code, counter only. */
export function communeContent(
  overrides: Partial<ProcedureVersionContentInput> = {},
): ProcedureVersionContentInput {
  const base = sampleContent({
    name: 'Đăng ký khai sinh',
    field: { code: 'ho-tich', name: 'Hộ tịch' },
    level: 'commune',
    channels: [
      { channel: 'counter', fees: [{ kind: 'charge', name: 'Lệ phí đăng ký hộ tịch', amount: 8000 }] },
    ],
    onlineServiceLevel: 'none',
    feeCollection: 'before',
    result: { name: 'Giấy khai sinh', type: 'certificate', isPaperRequired: true, mustBeSigned: true },
  });
  delete base.competentAgencyCode;
  return { ...base, ...overrides };
}

/** Creates a procedure through the API (first version as a draft) and returns the draft. */
export async function createDraft(
  t: TestContext,
  token: string,
  code: string,
  content: ProcedureVersionContentInput = sampleContent(),
  effectiveFrom = '2025-07-01',
): Promise<VersionBody> {
  const res = await call(t, 'POST', '/api/procedures', { token, body: { code, effectiveFrom, content } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as unknown as VersionBody;
}

export async function publish(
  t: TestContext,
  token: string,
  code: string,
  versionNo: number,
): Promise<VersionBody> {
  const res = await call(t, 'POST', `/api/procedures/${code}/versions/${versionNo}/publish`, { token });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as unknown as VersionBody;
}

/** Creates and publishes a procedure through the API. */
export async function createPublished(
  t: TestContext,
  token: string,
  code: string,
  content: ProcedureVersionContentInput = sampleContent(),
  effectiveFrom = '2025-07-01',
): Promise<VersionBody> {
  await createDraft(t, token, code, content, effectiveFrom);
  return publish(t, token, code, 1);
}

/** Adds a draft version (copy of the latest, or the given content) through the API. */
export async function addDraft(
  t: TestContext,
  token: string,
  code: string,
  body: { effectiveFrom?: string; content?: ProcedureVersionContentInput } = {},
): Promise<VersionBody> {
  const res = await call(t, 'POST', `/api/procedures/${code}/versions`, { token, body });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as unknown as VersionBody;
}

/** Row counts of the catalog tables and the audit log (to prove that nothing was written). */
export async function catalogCounts(
  t: TestContext,
): Promise<{ procedures: number; versions: number; audit: number; fingerprint: string }> {
  const count = async (table: 'procedure' | 'procedureVersion' | 'auditLog'): Promise<number> => {
    const row = await t.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const versions = await t.db
    .selectFrom('procedureVersion')
    .select(['id', 'status', 'effectiveFrom', 'effectiveTo', 'name', 'content'])
    .orderBy('id')
    .execute();
  return {
    procedures: await count('procedure'),
    versions: await count('procedureVersion'),
    audit: await count('auditLog'),
    fingerprint: JSON.stringify(versions),
  };
}
