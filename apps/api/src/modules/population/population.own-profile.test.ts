import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useSandboxedApp } from '../../../test/sandbox-harness.ts';
import { call, TEST_PASSWORD, useTestContext, type TestCitizen } from '../../../test/test-context.ts';
import { registerCitizen } from '../user/user.service.ts';

/** GET /api/me/population-profile: a citizen's own record from the population registry sandbox. */
const t = useTestContext();
const h = useSandboxedApp(t, (sandbox) => ({
  POPULATION_REGISTRY_URL: sandbox.settings.POPULATION_REGISTRY_URL,
  POPULATION_REGISTRY_TOKEN: sandbox.settings.POPULATION_REGISTRY_TOKEN,
  INTEGRATION_TIMEOUT_MS: 1_000,
}));

// Nguyễn Văn An is a demo person of the sandbox registry; the other number is unknown there.
const KNOWN = '038090001234';
const UNKNOWN = '038099000777';
let known: TestCitizen;
let unknown: TestCitizen;

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  known = await t.newCitizen(KNOWN);
  unknown = await t.newCitizen(UNKNOWN);
});

async function lookups(idNumber: string) {
  return t.db
    .selectFrom('auditLog')
    .select(['actorId', 'actorType', 'summary'])
    .where('eventType', '=', 'population.looked_up')
    .where('entityId', '=', idNumber)
    .execute();
}

describe('GET /api/me/population-profile', () => {
  it("answers the citizen's own record, asked by the account's ID number with the registry token, audited", async () => {
    const before = (await lookups(KNOWN)).length;
    const res = await h.api('GET', '/api/me/population-profile', known.token);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toEqual({
      idNumber: KNOWN,
      fullName: 'Nguyễn Văn An',
      birthDate: '1990-04-12',
      sex: 'male',
      permanentAddress: 'Số 12 Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa',
      nationality: 'Việt Nam',
      source: 'population_registry',
    });
    expect(h.sandbox.population.received.map((r) => r.idNumber)).toEqual([KNOWN]);
    expect(h.sandbox.population.received[0]?.authorization).toBe(
      `Bearer ${h.sandbox.settings.POPULATION_REGISTRY_TOKEN}`,
    );
    const audits = await lookups(KNOWN);
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)).toMatchObject({
      actorId: known.id,
      actorType: 'citizen',
      summary: { purpose: 'own_profile', dossierCode: null, outcome: 'found' },
    });
  });

  it('never takes an ID number from the request: a query parameter is refused and nothing is asked', async () => {
    const before = (await lookups('038185002345')).length;
    const res = await h.api('GET', '/api/me/population-profile?idNumber=038185002345', unknown.token);
    expect(res.status).toBe(400);
    expect(h.sandbox.population.received).toEqual([]);
    expect(await lookups('038185002345')).toHaveLength(before);
  });

  it('answers 404 POPULATION_NOT_FOUND when the registry does not know the number (audited)', async () => {
    const res = await h.api('GET', '/api/me/population-profile', unknown.token);
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { code: 'POPULATION_NOT_FOUND' } });
    expect(h.sandbox.population.received.map((r) => r.idNumber)).toEqual([UNKNOWN]);
    expect((await lookups(UNKNOWN)).at(-1)).toMatchObject({
      actorId: unknown.id,
      summary: { purpose: 'own_profile', outcome: 'not_found' },
    });
  });

  it('answers 503 POPULATION_REGISTRY_UNAVAILABLE when the registry fails or is too slow (audited)', async () => {
    const before = (await lookups(KNOWN)).length;
    h.sandbox.population.faults.failNext({ kind: 'status', status: 500 });
    const failed = await h.api('GET', '/api/me/population-profile', known.token);
    expect(failed.status).toBe(503);
    expect(failed.json).toMatchObject({ error: { code: 'POPULATION_REGISTRY_UNAVAILABLE' } });

    h.sandbox.population.faults.failNext({ kind: 'delay', ms: 1_500 });
    const slow = await h.api('GET', '/api/me/population-profile', known.token);
    expect(slow.status).toBe(503);
    // The sandbox records the slow request once its delay is over (after the client gave up).
    await vi.waitFor(() => expect(h.sandbox.population.received).toHaveLength(1), { timeout: 3_000 });

    const audits = await lookups(KNOWN);
    expect(audits).toHaveLength(before + 2);
    expect(audits.at(-1)).toMatchObject({ summary: { purpose: 'own_profile', outcome: 'unavailable' } });

    // The registry is back: the same citizen gets the record.
    expect((await h.api('GET', '/api/me/population-profile', known.token)).status).toBe(200);
  });

  it('is for citizens: anonymous 401, an officer 403', async () => {
    expect((await h.api('GET', '/api/me/population-profile')).status).toBe(401);
    const tree = await t.standardTree();
    const officer = await t.newOfficer([{ role: 'receiving_officer', unitId: tree.provinceCentre.id }]);
    expect((await h.api('GET', '/api/me/population-profile', officer.token)).status).toBe(403);
    expect(h.sandbox.population.received).toEqual([]);
  });

  it('an organisation account has no ID number: 404 POPULATION_NOT_FOUND, nothing asked', async () => {
    const organisation = await registerCitizen(h.ctx, {
      kind: 'organisation',
      fullName: 'Công ty TNHH Minh Phát',
      taxCode: '0101234567',
      password: TEST_PASSWORD,
      preferredLanguage: 'vi',
    });
    const res = await h.api('GET', '/api/me/population-profile', organisation.token);
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { code: 'POPULATION_NOT_FOUND' } });
    expect(h.sandbox.population.received).toEqual([]);
  });

  it('answers 503 INTEGRATION_NOT_CONFIGURED without a registry URL', async () => {
    const res = await call(t, 'GET', '/api/me/population-profile', { token: known.token });
    expect(res.status).toBe(503);
    expect(res.json).toMatchObject({ error: { code: 'INTEGRATION_NOT_CONFIGURED' } });
  });
});
