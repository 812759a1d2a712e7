import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext, type TestCitizen } from '../../../test/test-context.ts';

const t = useTestContext();
let cast: Cast;
let owner: TestCitizen;
let stranger: TestCitizen;
let procedureCode: string;

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  cast = await makeCast(t);
  owner = await t.newCitizen();
  stranger = await t.newCitizen();
  procedureCode = (await t.newProcedure()).code;
});

async function submitOnline(citizen: TestCitizen) {
  const res = await call(t, 'POST', '/api/dossiers', {
    token: citizen.token,
    body: {
      procedureCode,
      applicant: { kind: 'citizen', fullName: 'Nguyễn Văn An', idNumber: citizen.idNumber },
      components: [
        { code: 'don', isProvided: true, isReused: true },
        { code: 'ban-ve', isProvided: true, isReused: true },
        { code: 'giay-to-dat', isProvided: true, isReused: true },
      ],
    },
  });
  if (res.status !== 201) throw new Error(`submit failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as unknown as { code: string; version: number; lookupSecret: string };
}

/** An online dossier of `owner`, refused at intake. */
async function refusedOnlineDossier() {
  const d = await submitOnline(owner);
  await mustAct(t, cast.receiving.token, d.code, {
    action: 'refuse',
    expectedVersion: d.version,
    reason: 'Thủ tục không thuộc thẩm quyền',
  });
  return d;
}

/** A counter dossier (no account), stopped by the leader of the department. */
async function stoppedCounterDossier() {
  const d = await receiveAtCounter(t, cast, procedureCode);
  const transferred = await mustAct(t, cast.receiving.token, d.code, {
    action: 'transfer',
    expectedVersion: 1,
  });
  await mustAct(t, cast.leader.token, d.code, {
    action: 'stop',
    expectedVersion: transferred.version,
    reason: 'Công trình không phù hợp quy hoạch',
  });
  return d;
}

async function ratingRows(code: string) {
  return t.db
    .selectFrom('dossierRating as r')
    .innerJoin('dossier as d', 'd.id', 'r.dossierId')
    .select(['r.score', 'r.aspects', 'r.comment', 'r.channel', 'r.ratedAt'])
    .where('d.code', '=', code)
    .execute();
}

async function sideEffects(code: string) {
  const d = await t.db.selectFrom('dossier').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  const audit = await t.db
    .selectFrom('auditLog')
    .select(['actorType', 'actorId', 'summary'])
    .where('eventType', '=', 'dossier.rated')
    .where('entityId', '=', d.id)
    .execute();
  const outbox = await t.db
    .selectFrom('outboxMessage')
    .select(['payload'])
    .where('topic', '=', 'dossier.rated')
    .where('aggregateId', '=', d.id)
    .execute();
  return { audit, outbox: outbox.map((o) => o.payload as Record<string, unknown>) };
}

describe('POST /api/dossiers/{code}/rating (the owner account)', () => {
  it('rates a refused dossier once, with audit, outbox and the rating in the detail', async () => {
    t.setNow('2026-03-02T10:00:00+07:00');
    const d = await refusedOnlineDossier();
    const before = await call(t, 'GET', `/api/dossiers/${d.code}`, { token: owner.token });
    expect(before.json['rating']).toBeNull();

    t.setNow('2026-03-02T15:00:00+07:00');
    const res = await call(t, 'POST', `/api/dossiers/${d.code}/rating`, {
      token: owner.token,
      body: {
        score: 4,
        comment: '  Cán bộ hướng dẫn tận tình  ',
        aspects: { timeliness: 5, attitude: 4 },
      },
    });
    expect(res.status).toBe(201);
    const rating = {
      score: 4,
      comment: 'Cán bộ hướng dẫn tận tình',
      aspects: { timeliness: 5, attitude: 4 },
      ratedAt: '2026-03-02T08:00:00.000Z',
      channel: 'account',
    };
    expect(res.json).toEqual(rating);
    expect(await ratingRows(d.code)).toEqual([
      {
        score: 4,
        aspects: { timeliness: 5, attitude: 4 },
        comment: 'Cán bộ hướng dẫn tận tình',
        channel: 'account',
        ratedAt: new Date('2026-03-02T15:00:00+07:00'),
      },
    ]);
    const effects = await sideEffects(d.code);
    expect(effects.audit).toEqual([
      { actorType: 'citizen', actorId: owner.id, summary: { code: d.code, score: 4, channel: 'account' } },
    ]);
    expect(effects.outbox).toEqual([
      expect.objectContaining({
        code: d.code,
        score: 4,
        aspects: { timeliness: 5, attitude: 4 },
        channel: 'account',
        hasComment: true,
        procedureCode,
        ratedAt: '2026-03-02T08:00:00.000Z',
      }),
    ]);

    // The owner and the officers see it in the detail.
    const mine = await call(t, 'GET', `/api/dossiers/${d.code}`, { token: owner.token });
    expect(mine.json['rating']).toEqual(rating);
    const officer = await call(t, 'GET', `/api/dossiers/${d.code}`, { token: cast.receiving.token });
    expect(officer.json['rating']).toEqual(rating);
    const lookup = await call(t, 'GET', `/api/public/lookup?code=${d.code}&secret=${d.lookupSecret}`);
    expect(lookup.json['canRate']).toBe(false);
    expect(lookup.json['rating']).toEqual({ score: 4, ratedAt: '2026-03-02T08:00:00.000Z' });

    // Only once, by either channel.
    const again = await call(t, 'POST', `/api/dossiers/${d.code}/rating`, {
      token: owner.token,
      body: { score: 1 },
    });
    expect(again.status).toBe(409);
    expect(again.json).toEqual({
      error: { code: 'ALREADY_RATED', message: 'This dossier has already been rated' },
    });
    const byLookup = await call(t, 'POST', '/api/public/rating', {
      body: { code: d.code, secret: d.lookupSecret, score: 1 },
    });
    expect(byLookup.status).toBe(409);
    expect(byLookup.json.error?.code).toBe('ALREADY_RATED');
    expect(await ratingRows(d.code)).toHaveLength(1);
    expect((await sideEffects(d.code)).audit).toHaveLength(1);
  });

  it('is open only once the dossier is returned, refused or stopped', async () => {
    const d = await submitOnline(owner);
    const early = await call(t, 'POST', `/api/dossiers/${d.code}/rating`, {
      token: owner.token,
      body: { score: 5 },
    });
    expect(early.status).toBe(409);
    expect(early.json).toEqual({
      error: {
        code: 'RATING_NOT_OPEN',
        message: 'A dossier can be rated once it is settled (returned, refused or stopped)',
        details: { currentStatus: 'submitted' },
      },
    });
    const lookup = await call(t, 'GET', `/api/public/lookup?code=${d.code}&secret=${d.lookupSecret}`);
    expect(lookup.json['canRate']).toBe(false);
    expect(lookup.json['rating']).toBeNull();
    expect(await ratingRows(d.code)).toEqual([]);
    expect((await sideEffects(d.code)).outbox).toEqual([]);
  });

  it('belongs to the owner account only', async () => {
    const d = await refusedOnlineDossier();
    const notFound = { error: { code: 'DOSSIER_NOT_FOUND', message: `Dossier ${d.code} not found` } };
    const theirs = await call(t, 'POST', `/api/dossiers/${d.code}/rating`, {
      token: stranger.token,
      body: { score: 1 },
    });
    expect(theirs.status).toBe(404);
    expect(theirs.json).toEqual(notFound);
    const officer = await call(t, 'POST', `/api/dossiers/${d.code}/rating`, {
      token: cast.receiving.token,
      body: { score: 5 },
    });
    expect(officer.status).toBe(403);
    const anonymous = await call(t, 'POST', `/api/dossiers/${d.code}/rating`, { body: { score: 5 } });
    expect(anonymous.status).toBe(401);
    // A counter dossier has no owner account: nobody rates it through an account.
    const counter = await stoppedCounterDossier();
    const viaAccount = await call(t, 'POST', `/api/dossiers/${counter.code}/rating`, {
      token: owner.token,
      body: { score: 5 },
    });
    expect(viaAccount.status).toBe(404);
    expect(await ratingRows(d.code)).toEqual([]);
  });

  it('validates the score, the aspects and the comment', async () => {
    const d = await refusedOnlineDossier();
    const bad: unknown[] = [
      {},
      { score: 0 },
      { score: 6 },
      { score: 3.5 },
      { score: '5' },
      { score: 5, aspects: { timeliness: 7 } },
      { score: 5, aspects: { speed: 5 } },
      { score: 5, comment: 'x'.repeat(1001) },
      { score: 5, channel: 'lookup' },
    ];
    for (const body of bad) {
      const r = await call(t, 'POST', `/api/dossiers/${d.code}/rating`, { token: owner.token, body });
      expect({ body, status: r.status, code: r.json.error?.code }).toEqual({
        body,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    const minimal = await call(t, 'POST', `/api/dossiers/${d.code}/rating`, {
      token: owner.token,
      body: { score: 5, comment: '   ', aspects: {} },
    });
    expect(minimal.status).toBe(201);
    expect(minimal.json).toMatchObject({ score: 5, comment: null, aspects: {}, channel: 'account' });
  });
});

describe('POST /api/public/rating (code and secret from the receipt)', () => {
  it('lets the holder of the receipt rate a stopped counter dossier', async () => {
    t.setNow('2026-03-03T09:00:00+07:00');
    const d = await stoppedCounterDossier();
    const before = await call(t, 'GET', `/api/public/lookup?code=${d.code}&secret=${d.lookupSecret}`);
    expect(before.json['status']).toBe('stopped');
    expect(before.json['canRate']).toBe(true);
    expect(before.json['rating']).toBeNull();

    t.setNow('2026-03-03T16:00:00+07:00');
    const res = await call(t, 'POST', '/api/public/rating', {
      body: {
        code: d.code,
        secret: d.lookupSecret.toLowerCase(),
        score: 2,
        aspects: { clarity: 1 },
        comment: 'Không được giải thích rõ lý do',
      },
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      score: 2,
      comment: 'Không được giải thích rõ lý do',
      aspects: { clarity: 1 },
      ratedAt: '2026-03-03T09:00:00.000Z',
      channel: 'lookup',
    });
    const effects = await sideEffects(d.code);
    expect(effects.audit).toEqual([
      { actorType: 'anonymous', actorId: null, summary: { code: d.code, score: 2, channel: 'lookup' } },
    ]);
    expect(effects.outbox).toHaveLength(1);
    const after = await call(t, 'GET', `/api/public/lookup?code=${d.code}&secret=${d.lookupSecret}`);
    expect(after.json['canRate']).toBe(false);
    expect(after.json['rating']).toEqual({ score: 2, ratedAt: '2026-03-03T09:00:00.000Z' });
    const officer = await call(t, 'GET', `/api/dossiers/${d.code}`, { token: cast.leader.token });
    expect(officer.json['rating']).toEqual(res.json);
  });

  it('gives the same 404 for a wrong secret and an unknown code, and follows the same rules', async () => {
    const d = await stoppedCounterDossier();
    const wrong = await call(t, 'POST', '/api/public/rating', {
      body: { code: d.code, secret: 'ZZZZZZ', score: 5 },
    });
    expect(wrong.status).toBe(404);
    expect(wrong.json).toEqual({
      error: { code: 'DOSSIER_NOT_FOUND', message: `Dossier ${d.code} not found` },
    });
    const unknown = await call(t, 'POST', '/api/public/rating', {
      body: { code: 'T.SXD-990101-0001', secret: d.lookupSecret, score: 5 },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error?.code).toBe('DOSSIER_NOT_FOUND');
    expect(await ratingRows(d.code)).toEqual([]);

    const open = await receiveAtCounter(t, cast, procedureCode);
    const early = await call(t, 'POST', '/api/public/rating', {
      body: { code: open.code, secret: open.lookupSecret, score: 5 },
    });
    expect(early.status).toBe(409);
    expect(early.json.error?.code).toBe('RATING_NOT_OPEN');
    const invalid = await call(t, 'POST', '/api/public/rating', {
      body: { code: d.code, secret: d.lookupSecret, score: 9 },
    });
    expect(invalid.status).toBe(400);
  });

  it('records one rating when two arrive at the same time', async () => {
    const d = await stoppedCounterDossier();
    const results = await Promise.all(
      [5, 1].map((score) =>
        call(t, 'POST', '/api/public/rating', { body: { code: d.code, secret: d.lookupSecret, score } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await ratingRows(d.code)).toHaveLength(1);
    expect((await sideEffects(d.code)).audit).toHaveLength(1);
    expect((await sideEffects(d.code)).outbox).toHaveLength(1);
  });
});
