import { OPEN_DOSSIER_STATUSES } from '@motcua/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext } from '../../../test/test-context.ts';

/**
 * GET /api/dossiers/counts: the queue's totals by deadline in one query. Each figure must equal
 * the `total` of the queue itself with the same scope and the matching filter.
 */
const t = useTestContext();
let cast: Cast;
let procedureCode: string;

beforeAll(async () => {
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code; // 5 working days
  // Received on different days: by 2026-03-12 the first is overdue, the second due within one
  // working day, the third on track; one more is refused (finished, so not open at all).
  for (const day of ['2026-03-02', '2026-03-05', '2026-03-11']) {
    t.setNow(`${day}T09:00:00+07:00`);
    const d = await receiveAtCounter(t, cast, procedureCode);
    await mustAct(t, cast.receiving.token, d.code, { action: 'transfer', expectedVersion: 1 });
  }
  t.setNow('2026-03-11T10:00:00+07:00');
  await receiveAtCounter(t, cast, procedureCode); // stays received at the counter
  t.setNow('2026-03-12T09:30:00+07:00');
});

async function total(token: string | undefined, query: string): Promise<number> {
  const res = await call(t, 'GET', `/api/dossiers?limit=1&${query}`, { token });
  expect(res.status).toBe(200);
  return (res.json as { total: number }).total;
}

const OPEN = OPEN_DOSSIER_STATUSES.map((s) => `status=${s}`).join('&');

describe('GET /api/dossiers/counts', () => {
  it('equals the totals of the queue for every officer and scope', async () => {
    let overdueSeen = 0;
    let onTrackSeen = 0;
    for (const who of [cast.receiving, cast.divisionHead, cast.specialist, cast.leader, cast.outsider]) {
      for (const scope of ['my_units', 'assigned_to_me', 'all_visible']) {
        const res = await call(t, 'GET', `/api/dossiers/counts?scope=${scope}`, { token: who.token });
        expect(res.status).toBe(200);
        const expected = {
          open: await total(who.token, `scope=${scope}&${OPEN}`),
          overdue: await total(who.token, `scope=${scope}&due=overdue`),
          dueSoon: await total(who.token, `scope=${scope}&due=due_soon`),
          onTrack: await total(who.token, `scope=${scope}&due=on_track`),
        };
        expect(res.json, `${who.username} ${scope}`).toEqual(expected);
        overdueSeen += expected.overdue;
        onTrackSeen += expected.onTrack;
      }
    }
    // The fixture really spreads over the buckets (otherwise the equality above proves little).
    expect(overdueSeen).toBeGreaterThan(0);
    expect(onTrackSeen).toBeGreaterThan(0);
    const centre = await call(t, 'GET', '/api/dossiers/counts?scope=all_visible', {
      token: cast.receiving.token,
    });
    expect((centre.json as { open: number }).open).toBeGreaterThanOrEqual(4);
  });

  it('shows a province-wide supervisor every dossier, and a narrower one only theirs', async () => {
    const all = await t.db
      .selectFrom('dossier')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const provinceWide = await t.newOfficer([{ role: 'supervisor', unitId: cast.tree.province.id }]);
    expect(await total(provinceWide.token, 'scope=all_visible')).toBe(Number(all.n));
    const department = await t.newOfficer([{ role: 'supervisor', unitId: cast.tree.otherDepartment.id }]);
    const departmentTotal = await total(department.token, 'scope=all_visible');
    expect(Number(all.n)).toBeGreaterThan(0);
    expect(departmentTotal).toBe(0); // Sở Tư pháp never touched these dossiers
  });

  it('refuses unknown parameters and anonymous callers, and changes nothing', async () => {
    const before = await t.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    const bad = await call(t, 'GET', '/api/dossiers/counts?scope=everything', {
      token: cast.receiving.token,
    });
    expect(bad.status).toBe(400);
    const extra = await call(t, 'GET', '/api/dossiers/counts?status=received', {
      token: cast.receiving.token,
    });
    expect(extra.status).toBe(400);
    const anonymous = await call(t, 'GET', '/api/dossiers/counts');
    expect(anonymous.status).toBe(401);
    const after = await t.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });
});
