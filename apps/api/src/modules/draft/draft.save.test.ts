import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext, type TestCitizen } from '../../../test/test-context.ts';

const t = useTestContext();
let cast: Cast;
let owner: TestCitizen;
let stranger: TestCitizen;
let procedureCode: string;
let otherProcedureCode: string;

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  cast = await makeCast(t);
  owner = await t.newCitizen();
  stranger = await t.newCitizen();
  procedureCode = (await t.newProcedure()).code;
  otherProcedureCode = (
    await t.newProcedure({ content: { name: 'Cấp giấy phép sửa chữa, cải tạo công trình' } })
  ).code;
});

const formState = {
  step: 2,
  applicant: { fullName: 'Nguyễn Văn An', address: 'Số 12 Trần Phú, phường Hạc Thành' },
  formData: { dienTich: 120.5, soTang: 3, ghiChu: 'Nhà ở riêng lẻ' },
  components: [{ code: 'don', fileIds: [] }],
};

function onlineBody(code: string) {
  return {
    procedureCode: code,
    applicant: { kind: 'citizen', fullName: 'Nguyễn Văn An', idNumber: owner.idNumber },
    components: [
      { code: 'don', isProvided: true, isReused: true },
      { code: 'ban-ve', isProvided: true, isReused: true },
      { code: 'giay-to-dat', isProvided: true, isReused: true },
    ],
  };
}

async function draftCount(accountId: string): Promise<number> {
  const r = await t.db
    .selectFrom('dossierDraft')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('applicantAccountId', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('drafts of online submissions', () => {
  it('saves, reads, lists, replaces and deletes my draft', async () => {
    t.setNow('2026-03-02T09:10:00+07:00');
    const empty = await call(t, 'GET', '/api/drafts', { token: owner.token });
    expect(empty.status).toBe(200);
    expect(empty.json).toEqual({ items: [] });

    const missing = await call(t, 'GET', `/api/drafts/${procedureCode}`, { token: owner.token });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({
      error: { code: 'DRAFT_NOT_FOUND', message: `You have no draft for procedure ${procedureCode}` },
    });

    const saved = await call(t, 'PUT', `/api/drafts/${procedureCode}`, {
      token: owner.token,
      body: { data: formState },
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({
      procedureCode,
      data: formState,
      updatedAt: '2026-03-02T02:10:00.000Z',
    });
    const read = await call(t, 'GET', `/api/drafts/${procedureCode}`, { token: owner.token });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(saved.json);

    t.setNow('2026-03-02T10:00:00+07:00');
    await call(t, 'PUT', `/api/drafts/${otherProcedureCode}`, {
      token: owner.token,
      body: { data: { step: 1 } },
    });
    t.setNow('2026-03-02T11:30:00+07:00');
    const replaced = await call(t, 'PUT', `/api/drafts/${procedureCode}`, {
      token: owner.token,
      body: { data: { step: 3 } },
    });
    expect(replaced.json).toEqual({
      procedureCode,
      data: { step: 3 },
      updatedAt: '2026-03-02T04:30:00.000Z',
    });

    const list = await call(t, 'GET', '/api/drafts', { token: owner.token });
    expect(list.json).toEqual({
      items: [
        {
          procedureCode,
          procedureName: 'Cấp giấy phép xây dựng mới đối với công trình cấp III',
          updatedAt: '2026-03-02T04:30:00.000Z',
        },
        {
          procedureCode: otherProcedureCode,
          procedureName: 'Cấp giấy phép sửa chữa, cải tạo công trình',
          updatedAt: '2026-03-02T03:00:00.000Z',
        },
      ],
    });

    const deleted = await call(t, 'DELETE', `/api/drafts/${otherProcedureCode}`, { token: owner.token });
    expect(deleted.status).toBe(204);
    expect(deleted.raw.body).toBe('');
    expect((await call(t, 'GET', `/api/drafts/${otherProcedureCode}`, { token: owner.token })).status).toBe(
      404,
    );
    // Deleting again is not an error.
    expect(
      (await call(t, 'DELETE', `/api/drafts/${otherProcedureCode}`, { token: owner.token })).status,
    ).toBe(204);
    expect(await draftCount(owner.id)).toBe(1);
  });

  it('keeps drafts private to their account and to citizens', async () => {
    await call(t, 'PUT', `/api/drafts/${procedureCode}`, { token: owner.token, body: { data: { a: 1 } } });
    const theirs = await call(t, 'GET', '/api/drafts', { token: stranger.token });
    expect(theirs.json).toEqual({ items: [] });
    const notMine = await call(t, 'GET', `/api/drafts/${procedureCode}`, { token: stranger.token });
    expect(notMine.status).toBe(404);
    expect(notMine.json.error?.code).toBe('DRAFT_NOT_FOUND');
    // Deleting "my" draft as someone else removes nothing of the owner's.
    await call(t, 'DELETE', `/api/drafts/${procedureCode}`, { token: stranger.token });
    expect((await call(t, 'GET', `/api/drafts/${procedureCode}`, { token: owner.token })).status).toBe(200);

    for (const [method, url] of [
      ['GET', '/api/drafts'],
      ['GET', `/api/drafts/${procedureCode}`],
      ['PUT', `/api/drafts/${procedureCode}`],
      ['DELETE', `/api/drafts/${procedureCode}`],
    ] as const) {
      const body = method === 'PUT' ? { data: {} } : undefined;
      const officer = await call(t, method, url, { token: cast.receiving.token, body });
      expect({ method, url, status: officer.status }).toEqual({ method, url, status: 403 });
      const anonymous = await call(t, method, url, { body });
      expect({ method, url, status: anonymous.status }).toEqual({ method, url, status: 401 });
    }
  });

  it('answers an unknown procedure with 404 and a malformed code or body with 400', async () => {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const r = await call(t, method, '/api/drafts/9.999999', {
        token: owner.token,
        body: method === 'PUT' ? { data: {} } : undefined,
      });
      expect({ method, status: r.status, code: r.json?.error?.code }).toEqual({
        method,
        status: 404,
        code: 'PROCEDURE_NOT_FOUND',
      });
    }
    const malformed = await call(t, 'GET', '/api/drafts/khong-phai-ma', { token: owner.token });
    expect(malformed.status).toBe(400);
    for (const body of [{ data: [1, 2] }, { data: 'text' }, {}, { data: {}, extra: true }]) {
      const r = await call(t, 'PUT', `/api/drafts/${procedureCode}`, { token: owner.token, body });
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
    }
  });

  it('accepts 256 KB of JSON and refuses more with 413, keeping the previous draft', async () => {
    await call(t, 'PUT', `/api/drafts/${procedureCode}`, { token: owner.token, body: { data: { v: 1 } } });
    const overhead = JSON.stringify({ note: '' }).length;
    const atLimit = { note: 'x'.repeat(256 * 1024 - overhead) };
    expect(Buffer.byteLength(JSON.stringify(atLimit))).toBe(256 * 1024);
    const ok = await call(t, 'PUT', `/api/drafts/${procedureCode}`, {
      token: owner.token,
      body: { data: atLimit },
    });
    expect(ok.status).toBe(200);
    // Vietnamese text counts in UTF-8 bytes: one more byte is too many.
    const over = { note: `${'x'.repeat(256 * 1024 - overhead - 1)}ạ` };
    const refused = await call(t, 'PUT', `/api/drafts/${procedureCode}`, {
      token: owner.token,
      body: { data: over },
    });
    expect(refused.status).toBe(413);
    expect(refused.json.error?.code).toBe('PAYLOAD_TOO_LARGE');
    const huge = await call(t, 'PUT', `/api/drafts/${procedureCode}`, {
      token: owner.token,
      body: { data: { note: 'x'.repeat(3 * 1024 * 1024) } },
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error?.code).toBe('PAYLOAD_TOO_LARGE');
    const kept = await call(t, 'GET', `/api/drafts/${procedureCode}`, { token: owner.token });
    expect(kept.json['data']).toEqual(atLimit);
  });

  it('is deleted with the online submission of its procedure, and only then', async () => {
    t.setNow('2026-03-03T09:00:00+07:00');
    await call(t, 'PUT', `/api/drafts/${procedureCode}`, { token: owner.token, body: { data: formState } });
    await call(t, 'PUT', `/api/drafts/${otherProcedureCode}`, { token: owner.token, body: { data: {} } });

    // A refused submission (a required component missing) keeps the draft.
    const incomplete = await call(t, 'POST', '/api/dossiers', {
      token: owner.token,
      body: { ...onlineBody(procedureCode), components: [] },
    });
    expect(incomplete.status).toBe(400);
    expect((await call(t, 'GET', `/api/drafts/${procedureCode}`, { token: owner.token })).status).toBe(200);

    const submitted = await call(t, 'POST', '/api/dossiers', {
      token: owner.token,
      body: onlineBody(procedureCode),
    });
    expect(submitted.status).toBe(201);
    expect((await call(t, 'GET', `/api/drafts/${procedureCode}`, { token: owner.token })).status).toBe(404);
    // The draft of the other procedure stays.
    const list = await call(t, 'GET', '/api/drafts', { token: owner.token });
    expect((list.json['items'] as { procedureCode: string }[]).map((i) => i.procedureCode)).toEqual([
      otherProcedureCode,
    ]);
  });
});
