import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext, type TestCitizen } from '../../../test/test-context.ts';

const t = useTestContext();
let cast: Cast;
let citizen: TestCitizen;

interface Unit {
  id: string;
  agencyCode: string;
  name: string;
  kind: string;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  successorId: string | null;
  officeHours: { periods: { start: string; end: string }[] } | null;
}

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  cast = await makeCast(t);
  citizen = await t.newCitizen();
});

async function createUnit(body: Record<string, unknown>, token = cast.admin.token) {
  return call(t, 'POST', '/api/units', { token, body });
}

async function units(query = '') {
  const r = await call(t, 'GET', `/api/units${query}`);
  expect(r.status).toBe(200);
  return r.json as unknown as Unit[];
}

describe('GET /api/units (public)', () => {
  it('returns the whole tree with parent links, without a session', async () => {
    const all = await units();
    const byCode = new Map(all.map((u) => [u.agencyCode, u]));
    expect(byCode.get('T.UBND')).toMatchObject({ kind: 'province', parentId: null, validTo: null });
    expect(byCode.get('T.SXD')?.parentId).toBe(cast.tree.province.id);
    expect(byCode.get('T.SXD.QLXD')).toMatchObject({
      kind: 'division',
      parentId: cast.tree.department.id,
      name: 'Phòng Quản lý xây dựng',
    });
    expect(byCode.get('T.XA1.MC')?.parentId).toBe(cast.tree.commune.id);
    expect(byCode.get('T.THUE')).toMatchObject({ kind: 'external', parentId: null });
    // Every parent link points at a unit of the list.
    const ids = new Set(all.map((u) => u.id));
    expect(all.filter((u) => u.parentId !== null && !ids.has(u.parentId))).toEqual([]);
    const departments = await units('?kind=department');
    expect(departments.map((u) => u.agencyCode).sort()).toEqual(['T.STP', 'T.SXD']);
    expect((await call(t, 'GET', '/api/units?kind=ministry')).status).toBe(400);
    expect((await call(t, 'GET', '/api/units?asOf=01-07-2026')).status).toBe(400);
  });

  it('GET /api/units/:id answers one unit, 404 for an unknown one', async () => {
    const one = await call(t, 'GET', `/api/units/${cast.tree.division.id}`);
    expect(one.status).toBe(200);
    expect(one.json['agencyCode']).toBe('T.SXD.QLXD');
    const unknown = await call(t, 'GET', `/api/units/${UNKNOWN}`);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error?.code).toBe('UNIT_NOT_FOUND');
  });
});

describe('POST /api/units', () => {
  it('lets an admin add a unit under a unit they administer (201), audited', async () => {
    const res = await createUnit({
      agencyCode: 'T.SXD.HT',
      name: 'Phòng Hạ tầng kỹ thuật',
      shortName: 'P. HTKT',
      kind: 'division',
      parentId: cast.tree.department.id,
      validFrom: '2026-01-01',
      phone: '02373851234',
      email: 'htkt@sxd.thanhhoa.gov.vn',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      agencyCode: 'T.SXD.HT',
      name: 'Phòng Hạ tầng kỹ thuật',
      shortName: 'P. HTKT',
      kind: 'division',
      parentId: cast.tree.department.id,
      validFrom: '2026-01-01',
      validTo: null,
      successorId: null,
      officeHours: null,
    });
    const id = res.json['id'] as string;
    expect((await units()).map((u) => u.id)).toContain(id);
    const closure = await t.db
      .selectFrom('unitClosure')
      .select(['ancestorId', 'depth'])
      .where('descendantId', '=', id)
      .orderBy('depth')
      .execute();
    expect(closure).toEqual([
      { ancestorId: id, depth: 0 },
      { ancestorId: cast.tree.department.id, depth: 1 },
      { ancestorId: cast.tree.province.id, depth: 2 },
    ]);
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['actorId', 'summary'])
      .where('eventType', '=', 'unit.created')
      .where('entityId', '=', id)
      .execute();
    expect(audit).toEqual([
      { actorId: cast.admin.id, summary: { agencyCode: 'T.SXD.HT', name: 'Phòng Hạ tầng kỹ thuật' } },
    ]);
  });

  it('is for admins only (401 anonymous, 403 citizen and officers without admin)', async () => {
    const body = {
      agencyCode: 'T.SXD.X1',
      name: 'Phòng Thử',
      kind: 'division',
      parentId: cast.tree.department.id,
    };
    expect((await call(t, 'POST', '/api/units', { body })).status).toBe(401);
    for (const token of [citizen.token, cast.specialist.token, cast.leader.token, cast.receiving.token]) {
      const r = await createUnit(body, token);
      expect(r.status).toBe(403);
      expect(r.json.error?.code).toBe('FORBIDDEN');
    }
    // An admin of a commune cannot add a unit under a department.
    const communeAdmin = await t.newOfficer([{ role: 'admin', unitId: cast.tree.commune.id }]);
    expect((await createUnit(body, communeAdmin.token)).status).toBe(403);
    // Nor a second root.
    expect(
      (await createUnit({ agencyCode: 'T2.UBND', name: 'Tỉnh khác', kind: 'province', parentId: null }))
        .status,
    ).toBe(403);
    expect((await units()).map((u) => u.agencyCode)).not.toContain('T.SXD.X1');
  });

  it('checks the agency code format (400) and its uniqueness (409 AGENCY_CODE_TAKEN)', async () => {
    const base = { name: 'Phòng Thử nghiệm', kind: 'division', parentId: cast.tree.department.id };
    for (const agencyCode of ['t.sxd.tn', 'T..SXD', 'T.SXD.', 'T SXD', 'T-SXD', '', 'A'.repeat(36)]) {
      const r = await createUnit({ ...base, agencyCode });
      expect({ agencyCode, status: r.status, code: r.json.error?.code }).toEqual({
        agencyCode,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    const taken = await createUnit({ ...base, agencyCode: 'T.SXD' });
    expect(taken.status).toBe(409);
    expect(taken.json.error?.code).toBe('AGENCY_CODE_TAKEN');
    expect((await units()).filter((u) => u.agencyCode === 'T.SXD')).toHaveLength(1);
  });

  it('needs an existing parent (404 UNIT_NOT_FOUND) and valid fields (400)', async () => {
    const missing = await createUnit({
      agencyCode: 'T.MO.COI',
      name: 'Đơn vị mồ côi',
      kind: 'division',
      parentId: UNKNOWN,
    });
    expect(missing.status).toBe(404);
    expect(missing.json.error?.code).toBe('UNIT_NOT_FOUND');
    const base = {
      agencyCode: 'T.SXD.V1',
      name: 'Phòng Thử',
      kind: 'division',
      parentId: cast.tree.department.id,
    };
    const cases: [string, Record<string, unknown>][] = [
      ['unknown kind', { ...base, kind: 'ministry' }],
      ['short name', { ...base, name: 'P' }],
      ['missing parentId', { agencyCode: 'T.SXD.V1', name: 'Phòng Thử', kind: 'division' }],
      ['bad date', { ...base, validFrom: '2026-02-30' }],
      ['bad e-mail', { ...base, email: 'khong-hop-le' }],
      ['unknown field', { ...base, budget: 1 }],
      [
        'overlapping office hours',
        {
          ...base,
          officeHours: {
            periods: [
              { start: '07:00', end: '12:00' },
              { start: '11:00', end: '17:00' },
            ],
          },
        },
      ],
      ['reversed office hours', { ...base, officeHours: { periods: [{ start: '17:00', end: '07:30' }] } }],
      ['bad time', { ...base, officeHours: { periods: [{ start: '7h', end: '11h' }] } }],
    ];
    for (const [label, body] of cases) {
      const r = await createUnit(body);
      expect({ label, status: r.status, code: r.json.error?.code }).toEqual({
        label,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect((await units()).map((u) => u.agencyCode)).not.toContain('T.SXD.V1');
  });
});

describe('PATCH /api/units/:id', () => {
  it('renames a unit, audited with the changed fields', async () => {
    const created = await createUnit({
      agencyCode: 'T.SXD.KT',
      name: 'Phòng Kinh tế',
      kind: 'division',
      parentId: cast.tree.department.id,
    });
    const id = created.json['id'] as string;
    const res = await call(t, 'PATCH', `/api/units/${id}`, {
      token: cast.admin.token,
      body: { name: 'Phòng Kinh tế xây dựng', phone: '02373999888' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      name: 'Phòng Kinh tế xây dựng',
      phone: '02373999888',
      agencyCode: 'T.SXD.KT',
    });
    expect((await call(t, 'GET', `/api/units/${id}`)).json['name']).toBe('Phòng Kinh tế xây dựng');
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['actorId', 'summary'])
      .where('eventType', '=', 'unit.updated')
      .where('entityId', '=', id)
      .execute();
    expect(audit).toEqual([{ actorId: cast.admin.id, summary: { changed: ['name', 'phone'] } }]);
    // Not an admin: 403, and nothing changes.
    const denied = await call(t, 'PATCH', `/api/units/${id}`, {
      token: cast.leader.token,
      body: { name: 'Đổi tên trái phép' },
    });
    expect(denied.status).toBe(403);
    const communeAdmin = await t.newOfficer([{ role: 'admin', unitId: cast.tree.commune.id }]);
    expect(
      (await call(t, 'PATCH', `/api/units/${id}`, { token: communeAdmin.token, body: { name: 'Đổi tên' } }))
        .status,
    ).toBe(403);
    expect((await call(t, 'GET', `/api/units/${id}`)).json['name']).toBe('Phòng Kinh tế xây dựng');
    const unknown = await call(t, 'PATCH', `/api/units/${UNKNOWN}`, {
      token: cast.admin.token,
      body: { name: 'Ai đó' },
    });
    expect(unknown.status).toBe(404);
  });

  it('closes a unit with an end date and a successor; asOf then leaves it out', async () => {
    const old = await createUnit({
      agencyCode: 'T.XA3',
      name: 'Ủy ban nhân dân xã Ba',
      kind: 'commune',
      parentId: cast.tree.province.id,
      validFrom: '2025-07-01',
    });
    const successor = await createUnit({
      agencyCode: 'T.XA4',
      name: 'Ủy ban nhân dân xã Bốn (sáp nhập)',
      kind: 'commune',
      parentId: cast.tree.province.id,
      validFrom: '2026-07-01',
    });
    const oldId = old.json['id'] as string;
    const newId = successor.json['id'] as string;

    const beforeValidFrom = await call(t, 'PATCH', `/api/units/${oldId}`, {
      token: cast.admin.token,
      body: { validTo: '2025-06-30' },
    });
    expect(beforeValidFrom.status).toBe(400);
    const unknownSuccessor = await call(t, 'PATCH', `/api/units/${oldId}`, {
      token: cast.admin.token,
      body: { validTo: '2026-06-30', successorId: UNKNOWN },
    });
    expect(unknownSuccessor.status).toBe(404);

    const closed = await call(t, 'PATCH', `/api/units/${oldId}`, {
      token: cast.admin.token,
      body: { validTo: '2026-06-30', successorId: newId },
    });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ validTo: '2026-06-30', successorId: newId });

    const codes = async (asOf: string) => (await units(`?asOf=${asOf}`)).map((u) => u.agencyCode);
    expect(await codes('2026-06-30')).toContain('T.XA3');
    expect(await codes('2026-06-30')).not.toContain('T.XA4');
    expect(await codes('2026-07-01')).not.toContain('T.XA3');
    expect(await codes('2026-07-01')).toContain('T.XA4');
    expect(await codes('2025-06-30')).not.toContain('T.XA3');
    // Without asOf the history is kept.
    expect((await units()).map((u) => u.agencyCode)).toEqual(expect.arrayContaining(['T.XA3', 'T.XA4']));
  });

  it('sets office hours and refuses overlapping or reversed periods (400)', async () => {
    const created = await createUnit({
      agencyCode: 'T.SXD.GD',
      name: 'Phòng Giám định',
      kind: 'division',
      parentId: cast.tree.department.id,
    });
    const id = created.json['id'] as string;
    const hours = {
      periods: [
        { start: '07:30', end: '12:00' },
        { start: '13:00', end: '16:30' },
      ],
    };
    const ok = await call(t, 'PATCH', `/api/units/${id}`, {
      token: cast.admin.token,
      body: { officeHours: hours },
    });
    expect(ok.status).toBe(200);
    expect(ok.json['officeHours']).toEqual(hours);

    const bad: [string, unknown][] = [
      [
        'overlapping',
        {
          periods: [
            { start: '07:00', end: '11:30' },
            { start: '11:00', end: '17:00' },
          ],
        },
      ],
      [
        'out of order',
        {
          periods: [
            { start: '13:30', end: '17:00' },
            { start: '07:00', end: '11:30' },
          ],
        },
      ],
      ['reversed', { periods: [{ start: '11:30', end: '07:00' }] }],
      ['empty period', { periods: [{ start: '08:00', end: '08:00' }] }],
      ['no period', { periods: [] }],
      ['not a time', { periods: [{ start: '25:00', end: '26:00' }] }],
    ];
    for (const [label, officeHours] of bad) {
      const r = await call(t, 'PATCH', `/api/units/${id}`, {
        token: cast.admin.token,
        body: { officeHours },
      });
      expect({ label, status: r.status, code: r.json.error?.code }).toEqual({
        label,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect((await call(t, 'GET', `/api/units/${id}`)).json['officeHours']).toEqual(hours);
    // null restores the default hours.
    const reset = await call(t, 'PATCH', `/api/units/${id}`, {
      token: cast.admin.token,
      body: { officeHours: null },
    });
    expect(reset.json['officeHours']).toBeNull();
  });
});

describe('GET /api/units/:id/officers?role=', () => {
  it('lists the officers who can be assigned: role in force over the unit, active accounts', async () => {
    const inDivision = await t.newOfficer([{ role: 'specialist', unitId: cast.tree.division.id }]);
    const otherDivision = await createUnit({
      agencyCode: 'T.SXD.QH',
      name: 'Phòng Quy hoạch',
      kind: 'division',
      parentId: cast.tree.department.id,
    });
    const elsewhere = await t.newOfficer([
      { role: 'specialist', unitId: otherDivision.json['id'] as string },
    ]);
    const disabled = await t.newOfficer([{ role: 'specialist', unitId: cast.tree.division.id }]);
    await t.db.updateTable('officer').set({ isActive: false }).where('id', '=', disabled.id).execute();
    const ended = await t.newOfficer([{ role: 'specialist', unitId: cast.tree.division.id }]);
    await t.db
      .updateTable('officerRole')
      .set({ validFrom: new Date('2026-01-01T00:00:00Z'), validTo: new Date('2026-02-01T00:00:00Z') })
      .where('officerId', '=', ended.id)
      .execute();

    const res = await call(t, 'GET', `/api/units/${cast.tree.division.id}/officers?role=specialist`, {
      token: cast.divisionHead.token,
    });
    expect(res.status).toBe(200);
    const list = res.json as unknown as {
      id: string;
      username: string;
      fullName: string;
      title: string | null;
    }[];
    const ids = list.map((o) => o.id);
    // The department's specialist covers the division through the tree.
    expect(ids).toEqual(expect.arrayContaining([inDivision.id, cast.specialist.id]));
    expect(ids).not.toContain(elsewhere.id);
    expect(ids).not.toContain(disabled.id);
    expect(ids).not.toContain(ended.id);
    expect(ids).not.toContain(cast.divisionHead.id);
    expect(ids).not.toContain(cast.otherSpecialist.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(list.find((o) => o.id === inDivision.id)).toEqual({
      id: inDivision.id,
      username: inDivision.username,
      fullName: `Cán bộ ${inDivision.username}`,
      title: null,
    });

    const leaders = await call(t, 'GET', `/api/units/${cast.tree.division.id}/officers?role=leader`, {
      token: cast.divisionHead.token,
    });
    expect((leaders.json as unknown as { id: string }[]).map((o) => o.id)).toEqual([cast.leader.id]);

    expect(
      (
        await call(t, 'GET', `/api/units/${cast.tree.division.id}/officers`, {
          token: cast.divisionHead.token,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(t, 'GET', `/api/units/${cast.tree.division.id}/officers?role=boss`, {
          token: cast.divisionHead.token,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(t, 'GET', `/api/units/${UNKNOWN}/officers?role=specialist`, {
          token: cast.divisionHead.token,
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(t, 'GET', `/api/units/${cast.tree.division.id}/officers?role=specialist`)).status,
    ).toBe(401);
    expect(
      (
        await call(t, 'GET', `/api/units/${cast.tree.division.id}/officers?role=specialist`, {
          token: citizen.token,
        })
      ).status,
    ).toBe(403);
  });
});
