import { describe, expect, it } from 'vitest';
import { call, TEST_PASSWORD, useTestContext } from '../../../test/test-context.ts';

const t = useTestContext();

function citizenBody(idNumber: string, extra: Record<string, unknown> = {}) {
  return {
    kind: 'citizen',
    fullName: 'Lê Thị Hoa',
    idNumber,
    phone: '0912345678',
    email: 'hoa@example.vn',
    address: 'Số 3 Trần Phú, phường Hạc Thành',
    password: TEST_PASSWORD,
    ...extra,
  };
}

async function counts() {
  const [accounts, audit, sessions] = await Promise.all([
    t.db
      .selectFrom('applicantAccount')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    t.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('eventType', '=', 'applicant.registered')
      .executeTakeFirstOrThrow(),
    t.db
      .selectFrom('session')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { accounts: Number(accounts.n), audit: Number(audit.n), sessions: Number(sessions.n) };
}

describe('citizen registration (POST /api/auth/citizen/register)', () => {
  it('creates the account, opens a session (201) and audits the registration', async () => {
    const before = await counts();
    const res = await call(t, 'POST', '/api/auth/citizen/register', { body: citizenBody('038190000101') });
    expect(res.status).toBe(201);
    const me = res.json['me'] as Record<string, unknown>;
    expect(me).toEqual({
      type: 'citizen',
      id: expect.any(String),
      fullName: 'Lê Thị Hoa',
      kind: 'citizen',
      idNumber: '038190000101',
      taxCode: null,
      phone: '0912345678',
      email: 'hoa@example.vn',
      address: 'Số 3 Trần Phú, phường Hạc Thành',
      preferredLanguage: 'vi',
    });
    const token = res.json['token'] as string;
    const cookie = res.raw.cookies.find((c) => c.name === 'motcua_session');
    expect(cookie?.value).toBe(token);
    expect(cookie?.httpOnly).toBe(true);
    const after = await counts();
    expect(after).toEqual({
      accounts: before.accounts + 1,
      audit: before.audit + 1,
      sessions: before.sessions + 1,
    });
    const stored = await t.db
      .selectFrom('applicantAccount')
      .select(['passwordHash', 'kind'])
      .where('id', '=', me['id'] as string)
      .executeTakeFirstOrThrow();
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(TEST_PASSWORD);

    const profile = await call(t, 'GET', '/api/me', { token });
    expect(profile.status).toBe(200);
    expect(profile.json).toEqual(me);
  });

  it('refuses weak passwords with 400 WEAK_PASSWORD and writes nothing', async () => {
    const before = await counts();
    const weak = [
      'Ngan-1234', // 9 characters
      'khongcochuso', // no digit, shorter than 16
      '1234567890123', // no letter, shorter than 16
      'abc038190000202xyz', // contains the ID number (the login name)
    ];
    for (const password of weak) {
      const res = await call(t, 'POST', '/api/auth/citizen/register', {
        body: citizenBody('038190000202', { password }),
      });
      expect({ password, status: res.status, code: res.json.error?.code }).toEqual({
        password,
        status: 400,
        code: 'WEAK_PASSWORD',
      });
    }
    expect(await counts()).toEqual(before);
    // A long passphrase without digits is accepted.
    const passphrase = await call(t, 'POST', '/api/auth/citizen/register', {
      body: citizenBody('038190000202', { password: 'mot cua dien tu thanh hoa' }),
    });
    expect(passphrase.status).toBe(201);
  });

  it('refuses a second account for the same ID number (409) and keeps the first password', async () => {
    const first = await call(t, 'POST', '/api/auth/citizen/register', { body: citizenBody('038190000303') });
    expect(first.status).toBe(201);
    const before = await counts();
    const again = await call(t, 'POST', '/api/auth/citizen/register', {
      body: citizenBody('038190000303', { fullName: 'Người khác', password: 'Mat-khau-khac-2026' }),
    });
    expect(again.status).toBe(409);
    expect(again.json.error?.code).toBe('APPLICANT_ALREADY_REGISTERED');
    expect(await counts()).toEqual(before);
    const login = await call(t, 'POST', '/api/auth/citizen/login', {
      body: { identifier: '038190000303', password: 'Mat-khau-khac-2026' },
    });
    expect(login.status).toBe(401);
  });

  it('needs a tax code for an organisation and an ID number for a citizen (400)', async () => {
    const before = await counts();
    const cases: [string, Record<string, unknown>][] = [
      [
        'organisation without tax code',
        { kind: 'organisation', fullName: 'Công ty TNHH Xây dựng Hà Trung', password: TEST_PASSWORD },
      ],
      [
        'organisation with only an ID number',
        {
          kind: 'organisation',
          fullName: 'Công ty TNHH Xây dựng Hà Trung',
          idNumber: '038190000404',
          password: TEST_PASSWORD,
        },
      ],
      ['citizen without ID number', { kind: 'citizen', fullName: 'Lê Văn Minh', password: TEST_PASSWORD }],
      [
        'malformed tax code',
        { kind: 'organisation', fullName: 'Công ty A', taxCode: '28012', password: TEST_PASSWORD },
      ],
      ['malformed ID number', citizenBody('12345')],
      ['bad phone', citizenBody('038190000405', { phone: '12345' })],
      ['bad e-mail', citizenBody('038190000406', { email: 'not-an-email' })],
      ['unknown field', citizenBody('038190000407', { isAdmin: true })],
      ['unknown language', citizenBody('038190000408', { preferredLanguage: 'fr' })],
    ];
    for (const [label, body] of cases) {
      const res = await call(t, 'POST', '/api/auth/citizen/register', { body });
      expect({ label, status: res.status, code: res.json.error?.code }).toEqual({
        label,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect(await counts()).toEqual(before);
  });
});

describe('citizen and organisation login (POST /api/auth/citizen/login)', () => {
  it('logs a citizen in by ID number and an organisation by tax code', async () => {
    const citizen = await call(t, 'POST', '/api/auth/citizen/register', {
      body: citizenBody('038190000505', { preferredLanguage: 'en' }),
    });
    expect(citizen.status).toBe(201);
    const organisation = await call(t, 'POST', '/api/auth/citizen/register', {
      body: {
        kind: 'organisation',
        fullName: 'Công ty Cổ phần Tư vấn Thiết kế Hạc Thành',
        taxCode: '2801234567',
        email: 'info@hacthanh.vn',
        password: TEST_PASSWORD,
      },
    });
    expect(organisation.status).toBe(201);
    expect(organisation.json['me']).toMatchObject({
      type: 'citizen',
      kind: 'organisation',
      taxCode: '2801234567',
      idNumber: null,
    });

    const byId = await call(t, 'POST', '/api/auth/citizen/login', {
      body: { identifier: ' 038190000505 ', password: TEST_PASSWORD },
    });
    expect(byId.status).toBe(200);
    expect(byId.json['me']).toMatchObject({
      id: (citizen.json['me'] as { id: string }).id,
      kind: 'citizen',
      preferredLanguage: 'en',
    });
    expect(byId.raw.cookies.find((c) => c.name === 'motcua_session')?.httpOnly).toBe(true);

    const byTax = await call(t, 'POST', '/api/auth/citizen/login', {
      body: { identifier: '2801234567', password: TEST_PASSWORD },
    });
    expect(byTax.status).toBe(200);
    expect((byTax.json['me'] as { id: string }).id).toBe((organisation.json['me'] as { id: string }).id);

    const me = await call(t, 'GET', '/api/me', { token: byTax.json['token'] as string });
    expect(me.json).toMatchObject({
      type: 'citizen',
      kind: 'organisation',
      fullName: 'Công ty Cổ phần Tư vấn Thiết kế Hạc Thành',
      email: 'info@hacthanh.vn',
    });
  });

  it('answers a wrong password and an unknown identifier with the same 401 and audits both', async () => {
    await call(t, 'POST', '/api/auth/citizen/register', { body: citizenBody('038190000606') });
    const wrong = await call(t, 'POST', '/api/auth/citizen/login', {
      body: { identifier: '038190000606', password: 'Sai-mat-khau-123' },
    });
    const unknown = await call(t, 'POST', '/api/auth/citizen/login', {
      body: { identifier: '038190009999', password: TEST_PASSWORD },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json).toEqual(unknown.json);
    expect(wrong.json.error?.code).toBe('INVALID_CREDENTIALS');
    const audit = await t.db
      .selectFrom('auditLog')
      .select('summary')
      .where('eventType', '=', 'auth.login_failed')
      .execute();
    const summaries = audit.map((a) => a.summary);
    expect(summaries).toContainEqual({ identifier: '038190000606', reason: 'wrong_password' });
    expect(summaries).toContainEqual({ identifier: '038190009999', reason: 'unknown_user' });
  });

  it('does not let a citizen log in on the officer endpoint or an officer on the citizen one', async () => {
    await call(t, 'POST', '/api/auth/citizen/register', { body: citizenBody('038190000707') });
    const asOfficer = await call(t, 'POST', '/api/auth/login', {
      body: { username: '038190000707', password: TEST_PASSWORD },
    });
    expect(asOfficer.status).toBe(401);
    const tree = await t.standardTree();
    const officer = await t.newOfficer([{ role: 'specialist', unitId: tree.department.id }]);
    const asCitizen = await call(t, 'POST', '/api/auth/citizen/login', {
      body: { identifier: officer.username, password: TEST_PASSWORD },
    });
    expect(asCitizen.status).toBe(401);
  });
});
