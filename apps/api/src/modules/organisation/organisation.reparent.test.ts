import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext, type TestOfficer } from '../../../test/test-context.ts';

const t = useTestContext();
let cast: Cast;

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  cast = await makeCast(t);
});

async function closureOf(unitId: string) {
  return t.db
    .selectFrom('unitClosure')
    .select(['ancestorId', 'depth'])
    .where('descendantId', '=', unitId)
    .orderBy('depth')
    .execute();
}

/** The closure table must equal the transitive closure of the parent links, for every unit. */
async function expectClosureMatchesParents(): Promise<void> {
  const units = await t.db.selectFrom('unit').select(['id', 'parentId']).execute();
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  const expected: string[] = [];
  for (const u of units) {
    let depth = 0;
    for (let a: string | null | undefined = u.id; a; a = parent.get(a)) {
      expected.push(`${a}>${u.id}@${depth}`);
      depth += 1;
    }
  }
  const rows = await sql<{
    ancestorId: string;
    descendantId: string;
    depth: number;
  }>`SELECT ancestor_id, descendant_id, depth FROM unit_closure`.execute(t.db);
  const actual = rows.rows.map((r) => `${r.ancestorId}>${r.descendantId}@${r.depth}`);
  expect(actual.sort()).toEqual(expected.sort());
}

async function status(token: string, code: string) {
  return (await call(t, 'GET', `/api/dossiers/${code}`, { token })).status;
}

describe('moving a unit to another parent (PATCH parentId)', () => {
  let division: string;
  let team: string;
  let code: string;
  let teamCode: string;
  let deptSpecialist: TestOfficer;
  let otherSpecialist: TestOfficer;

  beforeAll(async () => {
    const d = await call(t, 'POST', '/api/units', {
      token: cast.admin.token,
      body: {
        agencyCode: 'T.SXD.PC',
        name: 'Phòng Pháp chế',
        kind: 'division',
        parentId: cast.tree.department.id,
      },
    });
    division = d.json['id'] as string;
    const sub = await call(t, 'POST', '/api/units', {
      token: cast.admin.token,
      body: { agencyCode: 'T.SXD.PC.T1', name: 'Tổ Thẩm định', kind: 'division', parentId: division },
    });
    team = sub.json['id'] as string;
    const p = await t.newProcedure({ content: { competentAgencyCode: 'T.SXD.PC' } });
    code = (await receiveAtCounter(t, cast, p.code)).code;
    const pt = await t.newProcedure({ content: { competentAgencyCode: 'T.SXD.PC.T1' } });
    teamCode = (await receiveAtCounter(t, cast, pt.code)).code;
    deptSpecialist = cast.specialist; // specialist over Sở Xây dựng
    otherSpecialist = cast.otherSpecialist; // specialist over Sở Tư pháp
  });

  it('rewrites the closure rows of the moved subtree and changes who sees its dossiers', async () => {
    expect(code.startsWith('T.SXD.PC-')).toBe(true);
    expect(await status(deptSpecialist.token, code)).toBe(200);
    expect(await status(deptSpecialist.token, teamCode)).toBe(200);
    expect(await status(otherSpecialist.token, code)).toBe(404);
    expect(await status(otherSpecialist.token, teamCode)).toBe(404);
    expect(await closureOf(team)).toEqual([
      { ancestorId: team, depth: 0 },
      { ancestorId: division, depth: 1 },
      { ancestorId: cast.tree.department.id, depth: 2 },
      { ancestorId: cast.tree.province.id, depth: 3 },
    ]);

    const moved = await call(t, 'PATCH', `/api/units/${division}`, {
      token: cast.admin.token,
      body: { parentId: cast.tree.otherDepartment.id },
    });
    expect(moved.status).toBe(200);
    expect(moved.json['parentId']).toBe(cast.tree.otherDepartment.id);

    expect(await closureOf(division)).toEqual([
      { ancestorId: division, depth: 0 },
      { ancestorId: cast.tree.otherDepartment.id, depth: 1 },
      { ancestorId: cast.tree.province.id, depth: 2 },
    ]);
    expect(await closureOf(team)).toEqual([
      { ancestorId: team, depth: 0 },
      { ancestorId: division, depth: 1 },
      { ancestorId: cast.tree.otherDepartment.id, depth: 2 },
      { ancestorId: cast.tree.province.id, depth: 3 },
    ]);
    // The old department no longer reaches the subtree.
    const stale = await t.db
      .selectFrom('unitClosure')
      .select('descendantId')
      .where('ancestorId', '=', cast.tree.department.id)
      .where('descendantId', 'in', [division, team])
      .execute();
    expect(stale).toEqual([]);
    await expectClosureMatchesParents();

    expect(await status(deptSpecialist.token, code)).toBe(404);
    expect(await status(deptSpecialist.token, teamCode)).toBe(404);
    expect(await status(otherSpecialist.token, code)).toBe(200);
    expect(await status(otherSpecialist.token, teamCode)).toBe(200);
    // The province admin and the receiving section see it throughout.
    expect(await status(cast.admin.token, code)).toBe(200);
    expect(await status(cast.receiving.token, code)).toBe(200);

    const audit = await t.db
      .selectFrom('auditLog')
      .select('summary')
      .where('eventType', '=', 'unit.updated')
      .where('entityId', '=', division)
      .execute();
    expect(audit.map((a) => a.summary)).toEqual([{ changed: ['parentId'] }]);

    // And back again.
    const back = await call(t, 'PATCH', `/api/units/${division}`, {
      token: cast.admin.token,
      body: { parentId: cast.tree.department.id },
    });
    expect(back.status).toBe(200);
    await expectClosureMatchesParents();
    expect(await status(deptSpecialist.token, teamCode)).toBe(200);
    expect(await status(otherSpecialist.token, teamCode)).toBe(404);
  });

  it('refuses to move a unit under itself or its own descendant (400 UNIT_CYCLE)', async () => {
    const before = await t.db
      .selectFrom('unitClosure')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const cases: [string, string, string][] = [
      ['department under its division', cast.tree.department.id, cast.tree.division.id],
      ['division under its own sub-team', division, team],
      ['province under a commune section', cast.tree.province.id, cast.tree.communeSection.id],
      ['unit under itself', team, team],
    ];
    for (const [label, unitId, parentId] of cases) {
      const r = await call(t, 'PATCH', `/api/units/${unitId}`, {
        token: cast.admin.token,
        body: { parentId },
      });
      expect({ label, status: r.status, code: r.json.error?.code }).toEqual({
        label,
        status: 400,
        code: 'UNIT_CYCLE',
      });
    }
    const after = await t.db
      .selectFrom('unitClosure')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await call(t, 'GET', `/api/units/${cast.tree.department.id}`)).json['parentId']).toBe(
      cast.tree.province.id,
    );
    await expectClosureMatchesParents();
  });

  it('needs admin rights over the new parent too (403) and an existing parent (404)', async () => {
    const deptAdmin = await t.newOfficer([{ role: 'admin', unitId: cast.tree.department.id }]);
    const r = await call(t, 'PATCH', `/api/units/${team}`, {
      token: deptAdmin.token,
      body: { parentId: cast.tree.otherDepartment.id },
    });
    expect(r.status).toBe(403);
    const unknown = await call(t, 'PATCH', `/api/units/${team}`, {
      token: cast.admin.token,
      body: { parentId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error?.code).toBe('UNIT_NOT_FOUND');
    // Inside their own department the move is allowed.
    const inside = await call(t, 'PATCH', `/api/units/${team}`, {
      token: deptAdmin.token,
      body: { parentId: cast.tree.department.id },
    });
    expect(inside.status).toBe(200);
    expect(await closureOf(team)).toEqual([
      { ancestorId: team, depth: 0 },
      { ancestorId: cast.tree.department.id, depth: 1 },
      { ancestorId: cast.tree.province.id, depth: 2 },
    ]);
    await expectClosureMatchesParents();
  });
});
