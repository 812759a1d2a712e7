import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { call, TEST_PASSWORD, useTestContext } from '../../../test/test-context.ts';

const t = useTestContext();
let cast: Cast;
let procedureCode: string;

interface RoleView {
  id: string;
  role: string;
  unitId: string;
  unitName: string;
  validFrom: string;
  validTo: string | null;
  delegatedById: string | null;
}

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
});

async function auditOf(eventType: string, entityId: string) {
  return t.db
    .selectFrom('auditLog')
    .select(['actorId', 'summary', 'occurredAt'])
    .where('eventType', '=', eventType)
    .where('entityId', '=', entityId)
    .orderBy('id')
    .execute();
}

/** A dossier of Sở Xây dựng waiting at the leader step (phê duyệt). */
async function dossierAtLeaderStep() {
  const { code } = await receiveAtCounter(t, cast, procedureCode);
  let d = await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 });
  d = await mustAct(t, cast.divisionHead.token, code, {
    action: 'complete_step',
    expectedVersion: d.version,
    assigneeId: cast.specialist.id,
  });
  d = await mustAct(t, cast.specialist.token, code, { action: 'complete_step', expectedVersion: d.version });
  expect((d['currentStep'] as { role: string }).role).toBe('leader');
  return d;
}

describe('roles in force only', () => {
  it('gives nothing for a role that ended or has not started', async () => {
    t.setNow('2026-03-02T09:00:00+07:00');
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    const officer = await t.newOfficer([{ role: 'specialist', unitId: cast.tree.department.id }]);
    expect((await call(t, 'GET', `/api/dossiers/${code}`, { token: officer.token })).status).toBe(200);

    // The role ran from 1/2 to yesterday.
    await sql`UPDATE officer_role
                 SET valid_from = ${new Date('2026-02-01T08:00:00+07:00')},
                     valid_to = ${new Date('2026-03-01T09:00:00+07:00')}
               WHERE officer_id = ${officer.id}::uuid`.execute(t.db);
    const ended = await call(t, 'GET', `/api/dossiers/${code}`, { token: officer.token });
    expect(ended.status).toBe(404);
    expect(ended.json.error?.code).toBe('DOSSIER_NOT_FOUND');
    const me = await call(t, 'GET', '/api/me', { token: officer.token });
    expect(me.status).toBe(200);
    expect(me.json['roles']).toEqual([]);
    const queue = await call(t, 'GET', '/api/dossiers?scope=all_visible&limit=100', { token: officer.token });
    expect(queue.json['items']).toEqual([]);

    // An admin grants the same role for a period in the past and one in the future: still nothing.
    for (const [validFrom, validTo] of [
      ['2026-01-01T00:00:00+07:00', '2026-02-01T00:00:00+07:00'],
      ['2026-04-01T00:00:00+07:00', '2026-05-01T00:00:00+07:00'],
    ] as const) {
      const g = await call(t, 'POST', `/api/officers/${officer.id}/roles`, {
        token: cast.admin.token,
        body: { role: 'specialist', unitId: cast.tree.department.id, validFrom, validTo },
      });
      expect(g.status).toBe(200);
      expect(g.json['roles']).toEqual([]);
    }
    expect((await call(t, 'GET', `/api/dossiers/${code}`, { token: officer.token })).status).toBe(404);

    // On 1/4 the future role starts.
    t.setNow('2026-04-01T08:00:00+07:00');
    try {
      expect((await call(t, 'GET', `/api/dossiers/${code}`, { token: officer.token })).status).toBe(200);
      const inForce = await call(t, 'GET', '/api/me', { token: officer.token });
      expect((inForce.json['roles'] as RoleView[]).map((r) => r.validTo)).toEqual([
        new Date('2026-05-01T00:00:00+07:00').toISOString(),
      ]);
    } finally {
      t.setNow('2026-03-02T09:00:00+07:00');
    }
  });
});

describe('creating officers (POST /api/officers)', () => {
  it('lets a province admin create an officer with roles (201), audited', async () => {
    const res = await call(t, 'POST', '/api/officers', {
      token: cast.admin.token,
      body: {
        username: 'ChuyenVien.Moi',
        fullName: 'Hoàng Văn Nam',
        title: 'Chuyên viên',
        email: 'nam.hv@sxd.thanhhoa.gov.vn',
        phone: '0912000111',
        password: TEST_PASSWORD,
        roles: [{ role: 'specialist', unitId: cast.tree.division.id }],
      },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      username: 'chuyenvien.moi',
      fullName: 'Hoàng Văn Nam',
      title: 'Chuyên viên',
      isActive: true,
    });
    const roles = res.json['roles'] as RoleView[];
    expect(roles).toHaveLength(1);
    expect(roles[0]).toMatchObject({
      role: 'specialist',
      unitId: cast.tree.division.id,
      unitName: 'Phòng Quản lý xây dựng',
      validFrom: t.now().toISOString(),
      validTo: null,
      delegatedById: null,
    });
    expect(JSON.stringify(res.json)).not.toContain('password');
    const id = res.json['id'] as string;
    expect((await auditOf('officer.created', id)).map((a) => a.actorId)).toEqual([cast.admin.id]);
    expect((await auditOf('officer.role_granted', id)).map((a) => a.summary)).toEqual([
      { role: 'specialist', unitId: cast.tree.division.id, delegated: false },
    ]);
    // The new officer can log in.
    const login = await call(t, 'POST', '/api/auth/login', {
      body: { username: 'chuyenvien.moi', password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
  });

  it('refuses a taken login name (409 USERNAME_TAKEN) whatever its case', async () => {
    const body = {
      username: 'van.thu.so',
      fullName: 'Đỗ Thị Lan',
      password: TEST_PASSWORD,
      roles: [{ role: 'clerk', unitId: cast.tree.department.id }],
    };
    expect((await call(t, 'POST', '/api/officers', { token: cast.admin.token, body })).status).toBe(201);
    const again = await call(t, 'POST', '/api/officers', {
      token: cast.admin.token,
      body: { ...body, username: 'Van.Thu.So', fullName: 'Người khác' },
    });
    expect(again.status).toBe(409);
    expect(again.json.error?.code).toBe('USERNAME_TAKEN');
    const rows = await t.db.selectFrom('officer').select('id').where('username', '=', 'van.thu.so').execute();
    expect(rows).toHaveLength(1);
  });

  it('keeps an admin of a commune inside the commune (403 for a department)', async () => {
    const communeAdmin = await t.newOfficer([{ role: 'admin', unitId: cast.tree.commune.id }]);
    const before = await t.db
      .selectFrom('officer')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await call(t, 'POST', '/api/officers', {
      token: communeAdmin.token,
      body: {
        username: 'xa.mot.sang.so',
        fullName: 'Trịnh Văn Tú',
        password: TEST_PASSWORD,
        roles: [{ role: 'specialist', unitId: cast.tree.department.id }],
      },
    });
    expect(res.status).toBe(403);
    expect(res.json.error?.code).toBe('FORBIDDEN');
    const mixed = await call(t, 'POST', '/api/officers', {
      token: communeAdmin.token,
      body: {
        username: 'xa.mot.hon.hop',
        fullName: 'Trịnh Văn Tú',
        password: TEST_PASSWORD,
        roles: [
          { role: 'receiving_officer', unitId: cast.tree.communeSection.id },
          { role: 'specialist', unitId: cast.tree.otherCommune.id },
        ],
      },
    });
    expect(mixed.status).toBe(403);
    const after = await t.db
      .selectFrom('officer')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const own = await call(t, 'POST', '/api/officers', {
      token: communeAdmin.token,
      body: {
        username: 'mot.cua.xa.mot',
        fullName: 'Trịnh Thị Mai',
        password: TEST_PASSWORD,
        roles: [{ role: 'receiving_officer', unitId: cast.tree.communeSection.id }],
      },
    });
    expect(own.status).toBe(201);
  });

  it('rejects bad input (400 VALIDATION_FAILED / WEAK_PASSWORD, 404 for an unknown unit)', async () => {
    const base = {
      username: 'hop.le',
      fullName: 'Nguyễn Hợp Lệ',
      password: TEST_PASSWORD,
      roles: [{ role: 'specialist', unitId: cast.tree.department.id }],
    };
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['space in login name', { ...base, username: 'hop le' }, 400, 'VALIDATION_FAILED'],
      ['short login name', { ...base, username: 'ab' }, 400, 'VALIDATION_FAILED'],
      [
        'unknown role',
        { ...base, roles: [{ role: 'boss', unitId: cast.tree.department.id }] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'unit not a uuid',
        { ...base, roles: [{ role: 'specialist', unitId: 'T.SXD' }] },
        400,
        'VALIDATION_FAILED',
      ],
      ['bad phone', { ...base, phone: '123' }, 400, 'VALIDATION_FAILED'],
      ['extra field', { ...base, isActive: false }, 400, 'VALIDATION_FAILED'],
      ['short password', { ...base, password: 'Ngan-123' }, 400, 'WEAK_PASSWORD'],
      ['password with the login name', { ...base, password: 'hop.le-2026-abcdef' }, 400, 'WEAK_PASSWORD'],
      [
        'unknown unit',
        { ...base, roles: [{ role: 'specialist', unitId: '00000000-0000-4000-8000-000000000000' }] },
        404,
        'UNIT_NOT_FOUND',
      ],
    ];
    for (const [label, body, status, code] of cases) {
      const r = await call(t, 'POST', '/api/officers', { token: cast.admin.token, body });
      expect({ label, status: r.status, code: r.json.error?.code }).toEqual({ label, status, code });
    }
    const rows = await t.db.selectFrom('officer').select('id').where('username', '=', 'hop.le').execute();
    expect(rows).toEqual([]);
  });
});

describe('granting and revoking roles (admin)', () => {
  it('grants a role in force at once and revokes it, both audited', async () => {
    t.setNow('2026-03-02T09:00:00+07:00');
    const officer = await t.newOfficer([{ role: 'specialist', unitId: cast.tree.otherDepartment.id }]);
    const { code } = await receiveAtCounter(t, cast, procedureCode);
    expect((await call(t, 'GET', `/api/dossiers/${code}`, { token: officer.token })).status).toBe(404);

    const granted = await call(t, 'POST', `/api/officers/${officer.id}/roles`, {
      token: cast.admin.token,
      body: { role: 'specialist', unitId: cast.tree.department.id, note: 'Quyết định 12/QĐ-SXD' },
    });
    expect(granted.status).toBe(200);
    const roles = granted.json['roles'] as RoleView[];
    const grant = roles.find((r) => r.unitId === cast.tree.department.id);
    expect(grant).toMatchObject({
      role: 'specialist',
      unitName: 'Sở Xây dựng',
      validTo: null,
      delegatedById: null,
    });
    expect(
      (await auditOf('officer.role_granted', officer.id)).map((a) => [a.actorId, a.summary]),
    ).toContainEqual([
      cast.admin.id,
      { role: 'specialist', unitId: cast.tree.department.id, delegated: false },
    ]);
    // The same session sees the new role at once.
    expect((await call(t, 'GET', `/api/dossiers/${code}`, { token: officer.token })).status).toBe(200);

    t.advance(60_000);
    const revoked = await call(t, 'DELETE', `/api/officers/${officer.id}/roles/${grant?.id ?? ''}`, {
      token: cast.admin.token,
    });
    expect(revoked.status).toBe(200);
    expect((revoked.json['roles'] as RoleView[]).map((r) => r.unitId)).toEqual([
      cast.tree.otherDepartment.id,
    ]);
    const row = await t.db
      .selectFrom('officerRole')
      .select('validTo')
      .where('id', '=', grant?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(row.validTo?.getTime()).toBe(t.now().getTime());
    expect((await auditOf('officer.role_revoked', officer.id)).map((a) => [a.actorId, a.summary])).toEqual([
      [cast.admin.id, { roleId: grant?.id }],
    ]);
    expect((await call(t, 'GET', `/api/dossiers/${code}`, { token: officer.token })).status).toBe(404);

    // Revoking it again: no such role in force.
    const again = await call(t, 'DELETE', `/api/officers/${officer.id}/roles/${grant?.id ?? ''}`, {
      token: cast.admin.token,
    });
    expect(again.status).toBe(404);
  });

  it('keeps an admin of a commune from granting or revoking roles in a department (403)', async () => {
    const communeAdmin = await t.newOfficer([{ role: 'admin', unitId: cast.tree.commune.id }]);
    const officer = await t.newOfficer([{ role: 'specialist', unitId: cast.tree.department.id }]);
    const grant = await call(t, 'POST', `/api/officers/${officer.id}/roles`, {
      token: communeAdmin.token,
      body: { role: 'leader', unitId: cast.tree.department.id },
    });
    expect(grant.status).toBe(403);
    const me = await call(t, 'GET', '/api/me', { token: officer.token });
    const roleId = (me.json['roles'] as RoleView[])[0]?.id ?? '';
    t.advance(60_000);
    const revoke = await call(t, 'DELETE', `/api/officers/${officer.id}/roles/${roleId}`, {
      token: communeAdmin.token,
    });
    expect(revoke.status).toBe(403);
    expect((await call(t, 'GET', '/api/me', { token: officer.token })).json['roles']).toHaveLength(1);
  });

  it('answers 404 for an unknown officer or unit and 400 for a bad body', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const officer = await t.newOfficer([{ role: 'clerk', unitId: cast.tree.department.id }]);
    const cases: [string, string, Record<string, unknown>, number, string][] = [
      [
        'unknown officer',
        unknown,
        { role: 'clerk', unitId: cast.tree.department.id },
        404,
        'OFFICER_NOT_FOUND',
      ],
      ['unknown unit', officer.id, { role: 'clerk', unitId: unknown }, 404, 'UNIT_NOT_FOUND'],
      [
        'unknown role',
        officer.id,
        { role: 'chief', unitId: cast.tree.department.id },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'date without offset',
        officer.id,
        { role: 'clerk', unitId: cast.tree.department.id, validTo: '2026-05-01' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'end before start',
        officer.id,
        {
          role: 'clerk',
          unitId: cast.tree.department.id,
          validFrom: '2026-05-01T00:00:00+07:00',
          validTo: '2026-04-01T00:00:00+07:00',
        },
        400,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [label, id, body, status, code] of cases) {
      const r = await call(t, 'POST', `/api/officers/${id}/roles`, { token: cast.admin.token, body });
      expect({ label, status: r.status, code: r.json.error?.code }).toEqual({ label, status, code });
    }
    const notUuid = await call(t, 'POST', '/api/officers/not-a-uuid/roles', {
      token: cast.admin.token,
      body: { role: 'clerk', unitId: cast.tree.department.id },
    });
    expect(notUuid.status).toBe(400);
  });
});

describe('delegation by a leader (ủy quyền)', () => {
  it('delegates the leader role over their own unit for a period; the delegate approves until it ends', async () => {
    t.setNow('2026-03-02T09:00:00+07:00');
    const delegate = await t.newOfficer([{ role: 'specialist', unitId: cast.tree.department.id }]);
    const validTo = '2026-03-13T17:00:00+07:00';

    const noEnd = await call(t, 'POST', `/api/officers/${delegate.id}/roles`, {
      token: cast.leader.token,
      body: { role: 'leader', unitId: cast.tree.department.id },
    });
    expect(noEnd.status).toBe(400);
    expect(noEnd.json.error?.code).toBe('VALIDATION_FAILED');

    const elsewhere = await call(t, 'POST', `/api/officers/${delegate.id}/roles`, {
      token: cast.leader.token,
      body: { role: 'leader', unitId: cast.tree.otherDepartment.id, validTo },
    });
    expect(elsewhere.status).toBe(403);
    const notHeld = await call(t, 'POST', `/api/officers/${delegate.id}/roles`, {
      token: cast.leader.token,
      body: { role: 'admin', unitId: cast.tree.department.id, validTo },
    });
    expect(notHeld.status).toBe(403);
    const specialistCannot = await call(t, 'POST', `/api/officers/${delegate.id}/roles`, {
      token: cast.specialist.token,
      body: { role: 'specialist', unitId: cast.tree.department.id, validTo },
    });
    expect(specialistCannot.status).toBe(403);
    expect(
      await t.db.selectFrom('officerRole').select('id').where('officerId', '=', delegate.id).execute(),
    ).toHaveLength(1);

    const ok = await call(t, 'POST', `/api/officers/${delegate.id}/roles`, {
      token: cast.leader.token,
      body: {
        role: 'leader',
        unitId: cast.tree.department.id,
        validTo,
        note: 'Ủy quyền khi Giám đốc đi công tác',
      },
    });
    expect(ok.status).toBe(200);
    const delegated = (ok.json['roles'] as RoleView[]).find((r) => r.role === 'leader');
    expect(delegated).toMatchObject({
      unitId: cast.tree.department.id,
      validFrom: t.now().toISOString(),
      validTo: new Date(validTo).toISOString(),
      delegatedById: cast.leader.id,
    });
    expect(
      (await auditOf('officer.role_granted', delegate.id)).map((a) => [a.actorId, a.summary]),
    ).toContainEqual([cast.leader.id, { role: 'leader', unitId: cast.tree.department.id, delegated: true }]);

    // Two dossiers reach the leader step while the delegation is in force.
    const first = await dossierAtLeaderStep();
    const second = await dossierAtLeaderStep();

    t.setNow('2026-03-05T10:00:00+07:00');
    const seen = await call(t, 'GET', `/api/dossiers/${first.code}`, { token: delegate.token });
    expect(seen.json['availableActions']).toContain('approve');
    const approved = await mustAct(t, delegate.token, first.code, {
      action: 'approve',
      expectedVersion: first.version,
    });
    expect(approved['isApproved']).toBe(true);
    expect((approved['currentStep'] as { role: string }).role).toBe('clerk');

    // After the end of the delegation the delegate is a specialist again.
    t.setNow('2026-03-16T09:00:00+07:00');
    try {
      const late = await act(t, delegate.token, second.code, {
        action: 'approve',
        expectedVersion: second.version,
      });
      expect(late.status).toBe(403);
      expect(late.json.error?.code).toBe('FORBIDDEN');
      const me = await call(t, 'GET', '/api/me', { token: delegate.token });
      expect((me.json['roles'] as RoleView[]).map((r) => r.role)).toEqual(['specialist']);
      // The leader still can.
      const byLeader = await mustAct(t, cast.leader.token, second.code, {
        action: 'approve',
        expectedVersion: second.version,
      });
      expect(byLeader['isApproved']).toBe(true);
    } finally {
      t.setNow('2026-03-02T09:00:00+07:00');
    }
  });
});
