import { ProcedureVersionContent } from '@motcua/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, sampleContent, useTestContext } from '../../../test/test-context.ts';
import { SYSTEM_ACTOR } from '../../shared/actor.ts';
import { createDraftVersion, createProcedure, publishVersion } from './procedure.service.ts';
import { catalogCounts } from './procedure.test-helpers.ts';

/**
 * Authorisation matrix of the catalog routes: reading the published catalog is public; drafts,
 * changes, publication and import need an officer with the admin role.
 */
const t = useTestContext();

type Who = 'anonymous' | 'citizen' | 'officer' | 'admin';
const WHO: readonly Who[] = ['anonymous', 'citizen', 'officer', 'admin'];
const tokens: Partial<Record<Who, string>> = {};

let seq = 0;
function nextCode(): string {
  seq += 1;
  return `1.${700000 + seq}`;
}

/** A procedure with version 1 published and, optionally, version 2 as a draft (made by the system actor). */
async function fixture(options: { draft?: boolean } = {}): Promise<string> {
  const code = nextCode();
  await createProcedure(t.ctx, SYSTEM_ACTOR, {
    code,
    effectiveFrom: '2025-07-01',
    content: ProcedureVersionContent.parse(sampleContent()),
  });
  await publishVersion(t.ctx, SYSTEM_ACTOR, code, 1);
  if (options.draft) await createDraftVersion(t.ctx, SYSTEM_ACTOR, code, { effectiveFrom: '2026-06-01' });
  return code;
}

interface Case {
  name: string;
  expected: Record<Who, number>;
  request: () => Promise<{ method: 'GET' | 'POST' | 'PUT'; url: string; body?: unknown }>;
}

const PUBLIC = { anonymous: 200, citizen: 200, officer: 200, admin: 200 };
const ADMIN_ONLY = (ok: number): Record<Who, number> => ({
  anonymous: 401,
  citizen: 403,
  officer: 403,
  admin: ok,
});

const cases: Case[] = [
  {
    name: 'GET /api/procedures',
    expected: PUBLIC,
    request: async () => ({ method: 'GET', url: '/api/procedures?q=xay%20dung' }),
  },
  {
    name: 'GET /api/procedures/fields',
    expected: PUBLIC,
    request: async () => ({ method: 'GET', url: '/api/procedures/fields' }),
  },
  {
    name: 'GET /api/procedures/:code',
    expected: PUBLIC,
    request: async () => ({ method: 'GET', url: `/api/procedures/${await fixture({ draft: true })}` }),
  },
  {
    name: 'GET /api/procedures/:code?version=<draft>',
    expected: ADMIN_ONLY(200),
    request: async () => ({
      method: 'GET',
      url: `/api/procedures/${await fixture({ draft: true })}?version=2`,
    }),
  },
  {
    name: 'GET /api/procedures/:code/versions/:versionNo (published)',
    expected: PUBLIC,
    request: async () => ({
      method: 'GET',
      url: `/api/procedures/${await fixture({ draft: true })}/versions/1`,
    }),
  },
  {
    name: 'GET /api/procedures/:code/versions/:versionNo (draft)',
    expected: ADMIN_ONLY(200),
    request: async () => ({
      method: 'GET',
      url: `/api/procedures/${await fixture({ draft: true })}/versions/2`,
    }),
  },
  {
    name: 'POST /api/procedures',
    expected: ADMIN_ONLY(201),
    request: async () => ({
      method: 'POST',
      url: '/api/procedures',
      body: { code: nextCode(), effectiveFrom: '2025-07-01', content: sampleContent() },
    }),
  },
  {
    name: 'POST /api/procedures/:code/versions',
    expected: ADMIN_ONLY(201),
    request: async () => ({ method: 'POST', url: `/api/procedures/${await fixture()}/versions`, body: {} }),
  },
  {
    name: 'PUT /api/procedures/:code/versions/:versionNo',
    expected: ADMIN_ONLY(200),
    request: async () => ({
      method: 'PUT',
      url: `/api/procedures/${await fixture({ draft: true })}/versions/2`,
      body: { effectiveFrom: '2026-07-01', content: sampleContent({ name: 'Tên mới' }) },
    }),
  },
  {
    name: 'GET /api/procedures/:code/versions/:versionNo/validation',
    expected: ADMIN_ONLY(200),
    request: async () => ({
      method: 'GET',
      url: `/api/procedures/${await fixture({ draft: true })}/versions/2/validation`,
    }),
  },
  {
    name: 'POST /api/procedures/:code/versions/:versionNo/publish',
    expected: ADMIN_ONLY(200),
    request: async () => ({
      method: 'POST',
      url: `/api/procedures/${await fixture({ draft: true })}/versions/2/publish`,
    }),
  },
  {
    name: 'GET /api/catalog/export',
    expected: PUBLIC,
    request: async () => ({ method: 'GET', url: '/api/catalog/export' }),
  },
  {
    name: 'GET /api/catalog/export?includeDrafts=true',
    expected: ADMIN_ONLY(200),
    request: async () => ({ method: 'GET', url: '/api/catalog/export?includeDrafts=true' }),
  },
  {
    name: 'POST /api/catalog/import',
    expected: ADMIN_ONLY(200),
    request: async () => ({
      method: 'POST',
      url: '/api/catalog/import',
      body: {
        format: 'motcua.catalog/v1',
        procedures: [
          {
            code: nextCode(),
            versions: [
              { versionNo: 1, status: 'draft', effectiveFrom: '2026-07-01', content: sampleContent() },
            ],
          },
        ],
      },
    }),
  },
];

beforeAll(async () => {
  const tree = await t.standardTree();
  tokens.citizen = (await t.newCitizen()).token;
  tokens.officer = (
    await t.newOfficer([
      { role: 'specialist', unitId: tree.department.id },
      { role: 'leader', unitId: tree.department.id },
      { role: 'supervisor', unitId: tree.province.id },
    ])
  ).token;
  tokens.admin = (await t.newOfficer([{ role: 'admin', unitId: tree.commune.id }])).token;
});

describe('catalog authorisation matrix', () => {
  for (const c of cases) {
    for (const who of WHO) {
      it(`${c.name} as ${who} → ${c.expected[who]}`, async () => {
        const req = await c.request();
        const before = await catalogCounts(t);
        const token = tokens[who];
        const res = await call(t, req.method, req.url, {
          ...(token ? { token } : {}),
          ...(req.body !== undefined ? { body: req.body } : {}),
        });
        expect(res.status, JSON.stringify(res.json)).toBe(c.expected[who]);
        if (res.status >= 400) {
          expect(res.json.error?.code).toBe(res.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN');
          expect(await catalogCounts(t)).toEqual(before);
        }
      });
    }
  }

  it('declares the expected auth on every catalog route', async () => {
    const app = await t.app();
    const table = app.routeTable
      .filter((r) => r.url.startsWith('/api/procedures') || r.url.startsWith('/api/catalog'))
      .map((r) => `${r.method} ${r.url} ${r.auth}`)
      .sort();
    expect(table).toEqual(
      [
        'GET /api/procedures public',
        'GET /api/procedures/fields public',
        'GET /api/procedures/:code public',
        'GET /api/procedures/:code/versions/:versionNo public',
        'POST /api/procedures officer',
        'POST /api/procedures/:code/versions officer',
        'PUT /api/procedures/:code/versions/:versionNo officer',
        'GET /api/procedures/:code/versions/:versionNo/validation officer',
        'POST /api/procedures/:code/versions/:versionNo/publish officer',
        'GET /api/catalog/export public',
        'POST /api/catalog/import officer',
      ].sort(),
    );
  });
});
