import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, TEST_PASSWORD, useTestContext, type StandardTree } from '../../../test/test-context.ts';

const t = useTestContext();
let tree: StandardTree;

const DAY_MS = 24 * 3_600_000;

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  tree = await t.standardTree();
});

async function failedLogins(identifier: string) {
  const rows = await t.db
    .selectFrom('auditLog')
    .select(['actorType', 'actorId', 'summary', 'occurredAt'])
    .where('eventType', '=', 'auth.login_failed')
    .orderBy('id')
    .execute();
  return rows.filter((r) => (r.summary as { identifier?: string }).identifier === identifier);
}

async function login(username: string, password: string) {
  return call(t, 'POST', '/api/auth/login', { body: { username, password } });
}

describe('officer login (POST /api/auth/login)', () => {
  it('returns a token, the profile and an HttpOnly session cookie', async () => {
    const officer = await t.newOfficer([{ role: 'receiving_officer', unitId: tree.provinceCentre.id }]);
    const res = await login(officer.username, TEST_PASSWORD);
    expect(res.status).toBe(200);
    const token = res.json['token'] as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token).not.toBe(officer.token);
    expect(new Date(res.json['expiresAt'] as string).getTime()).toBe(
      new Date('2026-03-02T09:00:00+07:00').getTime() + 366 * DAY_MS,
    );
    const me = res.json['me'] as { type: string; id: string; username: string; roles: { role: string }[] };
    expect(me).toMatchObject({ type: 'officer', id: officer.id, username: officer.username });
    expect(me.roles.map((r) => r.role)).toEqual(['receiving_officer']);

    const cookie = res.raw.cookies.find((c) => c.name === 'motcua_session');
    expect(cookie).toBeDefined();
    expect(cookie?.value).toBe(token);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.path).toBe('/');
    expect(String(cookie?.sameSite).toLowerCase()).toBe('lax');
    // PUBLIC_BASE_URL is https in tests, so the cookie is Secure.
    expect(cookie?.secure).toBe(true);

    // Only the SHA-256 of the token is stored.
    const stored = await t.db
      .selectFrom('session')
      .select(['tokenHash', 'actorType', 'actorId'])
      .where('actorId', '=', officer.id)
      .execute();
    expect(stored.some((s) => s.tokenHash === token)).toBe(false);
    expect(stored.every((s) => s.actorType === 'officer' && /^[0-9a-f]{64}$/.test(s.tokenHash))).toBe(true);
  });

  it('accepts the username in any case and with spaces around it', async () => {
    const officer = await t.newOfficer([{ role: 'specialist', unitId: tree.department.id }]);
    const res = await login(`  ${officer.username.toUpperCase()} `, TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect((res.json['me'] as { id: string }).id).toBe(officer.id);
  });

  it('answers a wrong password and an unknown user with the same 401, and audits both', async () => {
    const officer = await t.newOfficer([{ role: 'specialist', unitId: tree.department.id }]);
    const wrong = await login(officer.username, 'Sai-mat-khau-123');
    const unknown = await login('khong.ton.tai', TEST_PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.error?.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.json.error?.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.json.error?.message).toBe(unknown.json.error?.message);
    expect(wrong.json).toEqual(unknown.json);
    expect(wrong.raw.cookies.find((c) => c.name === 'motcua_session')).toBeUndefined();

    const a = await failedLogins(officer.username);
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({
      actorType: 'anonymous',
      actorId: null,
      summary: { identifier: officer.username, reason: 'wrong_password' },
    });
    expect(a[0]?.occurredAt.getTime()).toBe(t.now().getTime());
    const b = await failedLogins('khong.ton.tai');
    expect(b).toHaveLength(1);
    expect(b[0]?.summary).toEqual({ identifier: 'khong.ton.tai', reason: 'unknown_user' });
    // The password is never written to the audit log.
    const all = await t.db.selectFrom('auditLog').select('summary').execute();
    expect(JSON.stringify(all)).not.toContain('Sai-mat-khau-123');

    // Each failure writes its own entry.
    await login(officer.username, 'Sai-mat-khau-456');
    expect(await failedLogins(officer.username)).toHaveLength(2);
  });

  it('rejects malformed bodies with 400 VALIDATION_FAILED', async () => {
    const cases: unknown[] = [
      {},
      { username: 'a' },
      { password: 'x' },
      { username: '', password: TEST_PASSWORD },
      { username: 'abc', password: '' },
      { username: 'abc', password: TEST_PASSWORD, remember: true },
      { username: 'x'.repeat(65), password: TEST_PASSWORD },
      { username: 12, password: TEST_PASSWORD },
    ];
    for (const body of cases) {
      const r = await call(t, 'POST', '/api/auth/login', { body });
      expect({ body, status: r.status, code: r.json.error?.code }).toEqual({
        body,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
  });
});

describe('using the session', () => {
  it('works as a Bearer token and as the motcua_session cookie', async () => {
    const officer = await t.newOfficer([{ role: 'leader', unitId: tree.department.id }]);
    const res = await login(officer.username, TEST_PASSWORD);
    const token = res.json['token'] as string;
    const bearer = await call(t, 'GET', '/api/me', { token });
    expect(bearer.status).toBe(200);
    expect(bearer.json['id']).toBe(officer.id);
    const cookie = await call(t, 'GET', '/api/me', { headers: { cookie: `motcua_session=${token}` } });
    expect(cookie.status).toBe(200);
    expect(cookie.json['id']).toBe(officer.id);
    const none = await call(t, 'GET', '/api/me');
    expect(none.status).toBe(401);
    expect(none.json.error?.code).toBe('UNAUTHENTICATED');
    const forged = await call(t, 'GET', '/api/me', { token: `${token.slice(0, -2)}xx` });
    expect(forged.status).toBe(401);
  });

  it('logs out: the token and the cookie stop working, and the logout is audited', async () => {
    const officer = await t.newOfficer([{ role: 'clerk', unitId: tree.department.id }]);
    const res = await login(officer.username, TEST_PASSWORD);
    const token = res.json['token'] as string;
    expect((await call(t, 'GET', '/api/me', { token })).status).toBe(200);

    const out = await call(t, 'POST', '/api/auth/logout', { token });
    expect(out.status).toBe(204);
    const cleared = out.raw.cookies.find((c) => c.name === 'motcua_session');
    expect(cleared?.value).toBe('');

    expect((await call(t, 'GET', '/api/me', { token })).status).toBe(401);
    expect((await call(t, 'GET', '/api/me', { headers: { cookie: `motcua_session=${token}` } })).status).toBe(
      401,
    );
    // A second logout with the dead token is refused like any anonymous call.
    expect((await call(t, 'POST', '/api/auth/logout', { token })).status).toBe(401);

    const session = await t.db
      .selectFrom('session')
      .select(['id', 'revokedAt'])
      .where('actorId', '=', officer.id)
      .where('revokedAt', 'is not', null)
      .execute();
    expect(session).toHaveLength(1);
    expect(session[0]?.revokedAt?.getTime()).toBe(t.now().getTime());
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['actorId', 'entityId'])
      .where('eventType', '=', 'auth.logout')
      .where('actorId', '=', officer.id)
      .execute();
    expect(audit).toEqual([{ actorId: officer.id, entityId: session[0]?.id }]);
    // Other sessions of the same officer stay valid.
    expect((await call(t, 'GET', '/api/me', { token: officer.token })).status).toBe(200);
  });

  it('expires after SESSION_TTL_HOURS (366 days in tests)', async () => {
    t.setNow('2026-03-02T09:00:00+07:00');
    const officer = await t.newOfficer([{ role: 'specialist', unitId: tree.department.id }]);
    const res = await login(officer.username, TEST_PASSWORD);
    const token = res.json['token'] as string;
    const expiresAt = new Date(res.json['expiresAt'] as string);
    try {
      t.setNow(new Date(expiresAt.getTime() - 60_000));
      expect((await call(t, 'GET', '/api/me', { token })).status).toBe(200);
      t.setNow(expiresAt);
      const expired = await call(t, 'GET', '/api/me', { token });
      expect(expired.status).toBe(401);
      expect(expired.json.error?.code).toBe('UNAUTHENTICATED');
      t.advance(DAY_MS);
      expect((await call(t, 'GET', '/api/me', { token })).status).toBe(401);
    } finally {
      t.setNow('2026-03-02T09:00:00+07:00');
    }
  });

  it('refuses a disabled officer (403 ACCOUNT_DISABLED) and ends their open sessions', async () => {
    const officer = await t.newOfficer([{ role: 'specialist', unitId: tree.department.id }]);
    expect((await call(t, 'GET', '/api/me', { token: officer.token })).status).toBe(200);
    await sql`UPDATE officer SET is_active = false WHERE id = ${officer.id}::uuid`.execute(t.db);

    const res = await login(officer.username, TEST_PASSWORD);
    expect(res.status).toBe(403);
    expect(res.json.error?.code).toBe('ACCOUNT_DISABLED');
    expect(res.raw.cookies.find((c) => c.name === 'motcua_session')).toBeUndefined();
    // A wrong password still answers 401, so the account state does not leak without the password.
    expect((await login(officer.username, 'Sai-mat-khau-123')).status).toBe(401);
    // The token issued before the account was disabled no longer works.
    expect((await call(t, 'GET', '/api/me', { token: officer.token })).status).toBe(401);

    await sql`UPDATE officer SET is_active = true WHERE id = ${officer.id}::uuid`.execute(t.db);
    expect((await login(officer.username, TEST_PASSWORD)).status).toBe(200);
  });
});

describe('GET /api/me for an officer', () => {
  it('lists the roles in force with their unit names', async () => {
    const officer = await t.newOfficer([
      { role: 'division_head', unitId: tree.division.id },
      { role: 'specialist', unitId: tree.department.id },
    ]);
    const me = await call(t, 'GET', '/api/me', { token: officer.token });
    expect(me.status).toBe(200);
    expect(me.json['type']).toBe('officer');
    expect(me.json['fullName']).toBe(`Cán bộ ${officer.username}`);
    const roles = me.json['roles'] as {
      role: string;
      unitId: string;
      unitName: string;
      validTo: string | null;
      delegatedById: string | null;
    }[];
    expect(
      roles
        .map((r) => ({ role: r.role, unitId: r.unitId, unitName: r.unitName, validTo: r.validTo }))
        .sort((a, b) => a.role.localeCompare(b.role)),
    ).toEqual([
      { role: 'division_head', unitId: tree.division.id, unitName: 'Phòng Quản lý xây dựng', validTo: null },
      { role: 'specialist', unitId: tree.department.id, unitName: 'Sở Xây dựng', validTo: null },
    ]);
    expect(roles.every((r) => r.delegatedById === null)).toBe(true);
    expect(JSON.stringify(me.json)).not.toContain('password');
  });
});
