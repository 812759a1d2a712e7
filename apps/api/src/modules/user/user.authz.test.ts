import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  TEST_PASSWORD,
  useTestContext,
  type StandardTree,
  type TestCitizen,
  type TestOfficer,
} from '../../../test/test-context.ts';
import { loginCitizen, loginOfficer } from './user.service.ts';

const t = useTestContext();
let tree: StandardTree;
let citizen: TestCitizen;
let specialist: TestOfficer; // an officer without the admin role
let admin: TestOfficer; // admin of the province
let target: TestOfficer; // the officer the calls are about

type Who = 'anonymous' | 'citizen' | 'officer' | 'admin';
const WHO: Who[] = ['anonymous', 'citizen', 'officer', 'admin'];

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  tree = await t.standardTree();
  citizen = await t.newCitizen('038190001111');
  specialist = await t.newOfficer([{ role: 'specialist', unitId: tree.department.id }]);
  admin = await t.newOfficer([{ role: 'admin', unitId: tree.province.id }]);
  target = await t.newOfficer([{ role: 'clerk', unitId: tree.department.id }]);
});

function tokenOf(who: Who): string | undefined {
  switch (who) {
    case 'anonymous':
      return undefined;
    case 'citizen':
      return citizen.token;
    case 'officer':
      return specialist.token;
    case 'admin':
      return admin.token;
  }
}

/** A fresh session for `who`, for calls that end it. */
async function freshToken(who: Who): Promise<string | undefined> {
  switch (who) {
    case 'anonymous':
      return undefined;
    case 'citizen':
      return (await loginCitizen(t.ctx, { identifier: citizen.idNumber, password: TEST_PASSWORD })).token;
    case 'officer':
      return (await loginOfficer(t.ctx, { username: specialist.username, password: TEST_PASSWORD })).token;
    case 'admin':
      return (await loginOfficer(t.ctx, { username: admin.username, password: TEST_PASSWORD })).token;
  }
}

let serial = 0;
async function grantToRevoke(): Promise<string> {
  t.advance(1000);
  const r = await call(t, 'POST', `/api/officers/${target.id}/roles`, {
    token: admin.token,
    body: { role: 'specialist', unitId: tree.division.id },
  });
  const role = (r.json['roles'] as { id: string; unitId: string }[]).find(
    (x) => x.unitId === tree.division.id,
  );
  t.advance(1000);
  return role?.id ?? '';
}

interface Row {
  route: string;
  expected: Record<Who, number>;
  request: (
    who: Who,
  ) => Promise<{ method: 'GET' | 'POST' | 'DELETE'; url: string; body?: unknown; token?: string }>;
}

const ROWS: Row[] = [
  {
    route: 'GET /api/me',
    expected: { anonymous: 401, citizen: 200, officer: 200, admin: 200 },
    request: async (who) => ({ method: 'GET', url: '/api/me', token: tokenOf(who) }),
  },
  {
    route: 'POST /api/auth/logout',
    expected: { anonymous: 401, citizen: 204, officer: 204, admin: 204 },
    request: async (who) => ({ method: 'POST', url: '/api/auth/logout', token: await freshToken(who) }),
  },
  {
    route: 'GET /api/officers',
    expected: { anonymous: 401, citizen: 403, officer: 403, admin: 200 },
    request: async (who) => ({ method: 'GET', url: '/api/officers', token: tokenOf(who) }),
  },
  {
    route: 'POST /api/officers',
    expected: { anonymous: 401, citizen: 403, officer: 403, admin: 201 },
    request: async (who) => {
      serial += 1;
      return {
        method: 'POST',
        url: '/api/officers',
        token: tokenOf(who),
        body: {
          username: `ma.tran.${serial}`,
          fullName: 'Cán bộ Ma Trận',
          password: TEST_PASSWORD,
          roles: [{ role: 'specialist', unitId: tree.department.id }],
        },
      };
    },
  },
  {
    route: 'GET /api/officers/:officerId',
    expected: { anonymous: 401, citizen: 403, officer: 403, admin: 200 },
    request: async (who) => ({ method: 'GET', url: `/api/officers/${target.id}`, token: tokenOf(who) }),
  },
  {
    route: 'POST /api/officers/:officerId/roles',
    expected: { anonymous: 401, citizen: 403, officer: 403, admin: 200 },
    request: async (who) => ({
      method: 'POST',
      url: `/api/officers/${target.id}/roles`,
      token: tokenOf(who),
      body: { role: 'clerk', unitId: tree.division.id },
    }),
  },
  {
    route: 'DELETE /api/officers/:officerId/roles/:roleId',
    expected: { anonymous: 401, citizen: 403, officer: 403, admin: 200 },
    request: async (who) => ({
      method: 'DELETE',
      url: `/api/officers/${target.id}/roles/${await grantToRevoke()}`,
      token: tokenOf(who),
    }),
  },
];

describe('authorisation matrix of the user routes', () => {
  for (const row of ROWS) {
    it(row.route, async () => {
      const got: Record<string, number> = {};
      for (const who of WHO) {
        const r = await row.request(who);
        const res = await call(t, r.method, r.url, {
          ...(r.token ? { token: r.token } : {}),
          ...(r.body !== undefined ? { body: r.body } : {}),
        });
        got[who] = res.status;
        if (res.status === 401) expect(res.json.error?.code).toBe('UNAUTHENTICATED');
        if (res.status === 403) expect(res.json.error?.code).toBe('FORBIDDEN');
      }
      expect(got).toEqual(row.expected);
    });
  }

  it('lets the public routes be called without a session', async () => {
    const register = await call(t, 'POST', '/api/auth/citizen/register', {
      body: { kind: 'citizen', fullName: 'Mai Văn Công', idNumber: '038190002222', password: TEST_PASSWORD },
    });
    expect(register.status).toBe(201);
    const citizenLogin = await call(t, 'POST', '/api/auth/citizen/login', {
      body: { identifier: '038190002222', password: TEST_PASSWORD },
    });
    expect(citizenLogin.status).toBe(200);
    const officerLogin = await call(t, 'POST', '/api/auth/login', {
      body: { username: specialist.username, password: TEST_PASSWORD },
    });
    expect(officerLogin.status).toBe(200);
  });

  it('scopes the officer list to the units the caller administers', async () => {
    const communeAdmin = await t.newOfficer([{ role: 'admin', unitId: tree.commune.id }]);
    const communeOfficer = await t.newOfficer([
      { role: 'receiving_officer', unitId: tree.communeSection.id },
    ]);
    const ids = async (token: string, query = '') => {
      const r = await call(t, 'GET', `/api/officers?limit=200${query}`, { token });
      expect(r.status).toBe(200);
      return (r.json as unknown as { id: string }[]).map((o) => o.id);
    };
    const forCommune = await ids(communeAdmin.token);
    expect(forCommune).toContain(communeOfficer.id);
    expect(forCommune).toContain(communeAdmin.id);
    expect(forCommune).not.toContain(specialist.id);
    expect(forCommune).not.toContain(target.id);
    const forProvince = await ids(admin.token);
    expect(forProvince).toEqual(expect.arrayContaining([communeOfficer.id, specialist.id, target.id]));
    expect(await ids(admin.token, `&unitId=${tree.communeSection.id}`)).toEqual([communeOfficer.id]);
    // A leader sees the officers of their own department only.
    const leader = await t.newOfficer([{ role: 'leader', unitId: tree.department.id }]);
    const forLeader = await ids(leader.token);
    expect(forLeader).toContain(specialist.id);
    expect(forLeader).not.toContain(communeOfficer.id);
  });

  it('does not show one officer to an admin of a unit outside their scope', async () => {
    const communeAdmin = await t.newOfficer([{ role: 'admin', unitId: tree.commune.id }]);
    // The list hides the department's officers from the commune admin (see above); reading one by
    // id must not reveal them either (e-mail, phone, roles): same answer as an unknown officer.
    const res = await call(t, 'GET', `/api/officers/${target.id}`, { token: communeAdmin.token });
    const unknown = await call(t, 'GET', '/api/officers/00000000-0000-4000-8000-000000000000', {
      token: communeAdmin.token,
    });
    expect(unknown.status).toBe(404);
    expect(res.status).toBe(404);
  });

  it('checks the session before validating the request', async () => {
    const res = await call(t, 'POST', '/api/officers', { body: { username: 'x' } });
    expect(res.status).toBe(401);
  });
});
