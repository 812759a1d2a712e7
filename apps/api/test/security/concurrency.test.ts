import { findIllegalTransition, type DossierAction, type DossierStatus } from '@motcua/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, makeCast, receiveAtCounter, type Cast } from '../dossier-helpers.ts';
import { useTestContext, type TestOfficer } from '../test-context.ts';

/**
 * Many officers acting on the same dossiers at once (issue 7): for every version exactly one action
 * wins, the others get 409; afterwards every dossier's history replays through the transition table.
 * Runs on both projects: on PostgreSQL the requests really overlap (a connection pool and row
 * locks); on PGlite (one connection) they are serialised by the database, which must give the
 * same answers.
 */
const t = useTestContext();
const DOSSIERS = 20;
const OFFICERS = 8;
let cast: Cast;
let officers: TestOfficer[];
const codes: string[] = [];

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  cast = await makeCast(t);
  const { code: procedureCode } = await t.newProcedure();
  officers = [cast.receiving];
  for (let i = 1; i < OFFICERS; i++)
    officers.push(await t.newOfficer([{ role: 'receiving_officer', unitId: cast.tree.provinceCentre.id }]));
  for (let i = 0; i < DOSSIERS; i++) codes.push((await receiveAtCounter(t, cast, procedureCode)).code);
});

/** One round: every officer fires the action chosen for them at the same version of every dossier. */
async function round(pick: (officer: number) => Record<string, unknown>, versions: Map<string, number>) {
  const results = await Promise.all(
    codes.flatMap((code) =>
      officers.map(async (o, i) => ({
        code,
        res: await act(t, o.token, code, { ...pick(i), expectedVersion: versions.get(code) ?? 1 }),
      })),
    ),
  );
  let conflicts = 0;
  for (const code of codes) {
    const mine = results.filter((r) => r.code === code);
    const wins = mine.filter((r) => r.res.status === 200);
    const losers = mine.filter((r) => r.res.status !== 200);
    expect(wins.length, `${code}: ${JSON.stringify(mine.map((m) => m.res.status))}`).toBe(1);
    for (const l of losers) {
      expect(l.res.status, JSON.stringify(l.res.json)).toBe(409);
      expect(['VERSION_CONFLICT', 'TRANSITION_NOT_ALLOWED']).toContain(l.res.json.error?.code);
    }
    conflicts += losers.length;
    versions.set(code, wins[0]?.res.json['version'] as number);
  }
  return { races: codes.length, conflicts };
}

describe('concurrent officers on the same dossiers', () => {
  it('lets exactly one action win per version, and every history replays', async () => {
    const versions = new Map<string, number>();
    for (const code of codes) {
      const d = await t.db
        .selectFrom('dossier')
        .select('version')
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      versions.set(code, d.version);
    }
    let races = 0;
    let conflicts = 0;
    // The same action by everybody, then conflicting actions (half one way, half the other).
    const rounds: ((i: number) => Record<string, unknown>)[] = [
      () => ({ action: 'transfer' }),
      () => ({ action: 'request_withdrawal', reason: 'Công dân xin rút hồ sơ' }),
      (i) =>
        i % 2 === 0
          ? { action: 'confirm_withdrawal', note: 'Đồng ý rút' }
          : { action: 'decline_withdrawal', reason: 'Không đồng ý' },
    ];
    for (const pick of rounds) {
      const r = await round(pick, versions);
      races += r.races;
      conflicts += r.conflicts;
    }

    // Replay every history through the transition table.
    let replayed = 0;
    for (const code of codes) {
      const d = await t.db
        .selectFrom('dossier')
        .select(['id', 'status', 'version'])
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      const rows = await t.db
        .selectFrom('dossierTransition')
        .select(['seq', 'action', 'fromStatus', 'toStatus'])
        .where('dossierId', '=', d.id)
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
      const illegal = findIllegalTransition(
        rows.map((r) => ({
          action: r.action as DossierAction | 'submit' | 'receive',
          from: r.fromStatus as DossierStatus | null,
          to: r.toStatus as DossierStatus,
        })),
      );
      expect(illegal, `${code}: ${JSON.stringify(rows)}`).toBeNull();
      expect(rows.at(-1)?.toStatus).toBe(d.status);
      expect(['stopped', 'processing']).toContain(d.status);
      expect(d.version).toBe(versions.get(code));
      replayed += 1;
    }
    console.log(`[concurrency] ${races} races, ${conflicts} 409s, ${replayed} histories replayed`);
    expect(conflicts).toBe(races * (OFFICERS - 1));
  }, 60_000);
});
