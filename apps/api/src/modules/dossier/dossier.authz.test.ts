import { beforeAll, describe, expect, it } from 'vitest';
import { act, makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext, type TestCitizen } from '../../../test/test-context.ts';

const t = useTestContext();
let cast: Cast;
let owner: TestCitizen;
let stranger: TestCitizen;
let onlineCode: string;
let counterCode: string;
let secret: string;

beforeAll(async () => {
  cast = await makeCast(t);
  const { code: procedureCode } = await t.newProcedure();
  owner = await t.newCitizen();
  stranger = await t.newCitizen();
  t.setNow('2026-03-02T09:00:00+07:00');
  const online = await call(t, 'POST', '/api/dossiers', {
    token: owner.token,
    body: {
      procedureCode,
      applicant: {
        kind: 'citizen',
        fullName: 'Phạm Thị Dung',
        idNumber: owner.idNumber,
        phone: '0901234567',
      },
      components: ['don', 'ban-ve', 'giay-to-dat'].map((code) => ({
        code,
        isProvided: true,
        isReused: true,
      })),
    },
  });
  onlineCode = online.json['code'] as string;
  const counter = await receiveAtCounter(t, cast, procedureCode);
  counterCode = counter.code;
  secret = counter.lookupSecret;
  await mustAct(t, cast.receiving.token, counterCode, { action: 'transfer', expectedVersion: 1 });
});

describe('who can read a dossier (authorisation in SQL)', () => {
  it('matches the expected matrix', async () => {
    const expectations: [string, string | undefined, string, number][] = [
      ['anonymous', undefined, counterCode, 401],
      ['owner', owner.token, onlineCode, 200],
      ['other citizen', stranger.token, onlineCode, 404],
      ['citizen on a counter dossier', owner.token, counterCode, 404],
      ['receiving officer of the receiving section', cast.receiving.token, counterCode, 200],
      ['division head of the competent agency', cast.divisionHead.token, counterCode, 200],
      ['specialist of the competent agency', cast.specialist.token, counterCode, 200],
      ['receiving officer of another commune', cast.outsider.token, counterCode, 404],
      ['specialist of another department', cast.otherSpecialist.token, counterCode, 404],
      ['admin of the province', cast.admin.token, counterCode, 200],
    ];
    for (const [who, token, code, status] of expectations) {
      const r = await call(t, 'GET', `/api/dossiers/${code}`, token ? { token } : {});
      expect({ who, status: r.status }).toEqual({ who, status });
    }
  });

  it('answers an unknown code exactly like an invisible one', async () => {
    const unknown = await call(t, 'GET', '/api/dossiers/T.SXD-990101-9999', { token: cast.outsider.token });
    const invisible = await call(t, 'GET', `/api/dossiers/${counterCode}`, { token: cast.outsider.token });
    expect(unknown.status).toBe(404);
    expect(invisible.status).toBe(404);
    expect(unknown.json.error?.code).toBe(invisible.json.error?.code);
  });

  it('does not let an officer of another unit act, and keeps the dossier out of their queue', async () => {
    const r = await act(t, cast.outsider.token, counterCode, {
      action: 'request_withdrawal',
      expectedVersion: 2,
      reason: 'Thử',
    });
    expect(r.status).toBe(404);
    const queue = await call(t, 'GET', '/api/dossiers?scope=all_visible&limit=100', {
      token: cast.outsider.token,
    });
    expect(queue.status).toBe(200);
    expect((queue.json['items'] as { code: string }[]).map((i) => i.code)).not.toContain(counterCode);
    const own = await call(t, 'GET', '/api/dossiers?scope=my_units&limit=100', {
      token: cast.divisionHead.token,
    });
    expect((own.json['items'] as { code: string }[]).map((i) => i.code)).toContain(counterCode);
  });

  it('shows a citizen only their own dossiers', async () => {
    const mine = await call(t, 'GET', '/api/dossiers', { token: owner.token });
    expect((mine.json['items'] as { code: string }[]).map((i) => i.code)).toEqual([onlineCode]);
    const theirs = await call(t, 'GET', '/api/dossiers', { token: stranger.token });
    expect(theirs.json['items']).toEqual([]);
  });
});

describe('public lookup by code and secret', () => {
  it('shows the status without personal data', async () => {
    const r = await call(t, 'GET', `/api/public/lookup?code=${counterCode}&secret=${secret}`);
    expect(r.status).toBe(200);
    expect(r.json['status']).toBe('processing');
    expect(r.json['applicantInitials']).toBe('T. T. B.');
    const text = JSON.stringify(r.json);
    expect(text).not.toContain('Trần Thị Bình');
    expect(text).not.toContain('038190001234');
    expect(text).not.toContain('0987654321');
  });

  it('gives the same 404 for a wrong secret and an unknown code', async () => {
    const wrong = await call(t, 'GET', `/api/public/lookup?code=${counterCode}&secret=ZZZZZZ`);
    const unknown = await call(t, 'GET', '/api/public/lookup?code=T.SXD-990101-0001&secret=ZZZZZZ');
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.json).toEqual({
      error: { code: 'DOSSIER_NOT_FOUND', message: `Dossier ${counterCode} not found` },
    });
    expect(unknown.json.error?.code).toBe('DOSSIER_NOT_FOUND');
    expect((await call(t, 'GET', '/api/public/lookup?code=x')).status).toBe(400);
  });
});
