import type { DossierActionInput } from '@motcua/domain';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../src/db/database.ts';
import { call, type StandardTree, type TestContext, type TestOfficer } from './test-context.ts';

/** The cast of a dossier journey: one officer per role, in the standard test tree. */
export interface Cast {
  tree: StandardTree;
  receiving: TestOfficer; // at the province centre
  divisionHead: TestOfficer; // Sở Xây dựng
  specialist: TestOfficer;
  leader: TestOfficer;
  clerk: TestOfficer;
  outsider: TestOfficer; // receiving officer of another commune
  otherSpecialist: TestOfficer; // specialist of Sở Tư pháp
  admin: TestOfficer;
}

export async function makeCast(t: TestContext): Promise<Cast> {
  const tree = await t.standardTree();
  return {
    tree,
    receiving: await t.newOfficer([{ role: 'receiving_officer', unitId: tree.provinceCentre.id }]),
    divisionHead: await t.newOfficer([{ role: 'division_head', unitId: tree.department.id }]),
    specialist: await t.newOfficer([{ role: 'specialist', unitId: tree.department.id }]),
    leader: await t.newOfficer([{ role: 'leader', unitId: tree.department.id }]),
    clerk: await t.newOfficer([{ role: 'clerk', unitId: tree.department.id }]),
    outsider: await t.newOfficer([{ role: 'receiving_officer', unitId: tree.otherCommuneSection.id }]),
    otherSpecialist: await t.newOfficer([{ role: 'specialist', unitId: tree.otherDepartment.id }]),
    admin: await t.newOfficer([{ role: 'admin', unitId: tree.province.id }]),
  };
}

export function counterBody(
  procedureCode: string,
  receivingUnitId: string,
  extra: Record<string, unknown> = {},
) {
  return {
    procedureCode,
    receivingUnitId,
    applicant: {
      kind: 'citizen',
      fullName: 'Trần Thị Bình',
      idNumber: '038190001234',
      phone: '0987654321',
      address: 'Số 5 Lê Lợi, phường Hạc Thành',
    },
    components: [
      { code: 'don', isProvided: true, originalCount: 1 },
      { code: 'ban-ve', isProvided: true, originalCount: 2 },
      { code: 'giay-to-dat', isProvided: true, copyCount: 1 },
    ],
    ...extra,
  };
}

export async function act(
  t: TestContext,
  token: string,
  code: string,
  body: DossierActionInput | Record<string, unknown>,
) {
  return call(t, 'POST', `/api/dossiers/${code}/actions`, { token, body });
}

/** Takes an action that must succeed; returns the new dossier body. */
export async function mustAct(t: TestContext, token: string, code: string, body: Record<string, unknown>) {
  const res = await act(t, token, code, body);
  if (res.status !== 200)
    throw new Error(`${String(body['action'])} failed: ${res.status} ${JSON.stringify(res.json)}`);
  expect(res.status).toBe(200);
  return res.json as unknown as {
    code: string;
    version: number;
    status: string;
    dueAt: string | null;
    availableActions: string[];
  } & Record<string, unknown>;
}

export async function receiveAtCounter(
  t: TestContext,
  cast: Cast,
  procedureCode: string,
  extra: Record<string, unknown> = {},
) {
  const res = await call(t, 'POST', '/api/dossiers/counter', {
    token: cast.receiving.token,
    body: counterBody(procedureCode, cast.tree.provinceCentre.id, extra),
  });
  if (res.status !== 201) throw new Error(`counter intake failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as unknown as {
    code: string;
    version: number;
    status: string;
    dueAt: string;
    lookupSecret: string;
  } & Record<string, unknown>;
}

/**
 * Codes of the dossiers whose public timeline (ADR 0017) is not exactly their history rows'
 * actions and times in order: what every writer of history rows must keep empty.
 */
export async function dossiersWithStaleTimeline(db: Database): Promise<string[]> {
  const r = await sql<{ code: string }>`
    SELECT d.code FROM dossier d
     WHERE d.public_timeline IS DISTINCT FROM (
             SELECT jsonb_agg(jsonb_build_object('action', t.action, 'at',
                      to_char(t.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                      ORDER BY t.seq)
               FROM dossier_transition t WHERE t.dossier_id = d.id)
     ORDER BY d.code`.execute(db);
  return r.rows.map((x) => x.code);
}
