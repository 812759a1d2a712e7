import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { useTestContext } from '../../../test/test-context.ts';

const t = useTestContext();
let cast: Cast;
let procedureCode: string;

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
});

/** A counter dossier taken all the way to the returned result. */
async function returnedDossier() {
  const received = await receiveAtCounter(t, cast, procedureCode);
  const code = received.code;
  let d = await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 });
  d = await mustAct(t, cast.divisionHead.token, code, {
    action: 'complete_step',
    expectedVersion: d.version,
    assigneeId: cast.specialist.id,
  });
  d = await mustAct(t, cast.specialist.token, code, { action: 'complete_step', expectedVersion: d.version });
  d = await mustAct(t, cast.leader.token, code, { action: 'approve', expectedVersion: d.version });
  d = await mustAct(t, cast.clerk.token, code, {
    action: 'issue_result',
    expectedVersion: d.version,
    resultNumber: '7/GPXD',
    summary: 'Giấy phép xây dựng',
  });
  d = await mustAct(t, cast.receiving.token, code, {
    action: 'return_result',
    expectedVersion: d.version,
    method: 'counter',
    receiverName: 'Trần Thị Bình',
  });
  expect(d.status).toBe('returned');
  return { code, secret: received.lookupSecret };
}

async function get(url: string) {
  const app = await t.app();
  return app.inject({ method: 'GET', url });
}

async function postForm(fields: Record<string, string>) {
  const app = await t.app();
  return app.inject({
    method: 'POST',
    url: '/tra-cuu/danh-gia',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}

async function ratingOf(code: string) {
  return t.db
    .selectFrom('dossierRating as r')
    .innerJoin('dossier as d', 'd.id', 'r.dossierId')
    .select(['r.score', 'r.comment', 'r.channel', 'r.aspects'])
    .where('d.code', '=', code)
    .execute();
}

describe('rating form on the public lookup page', () => {
  it('shows an accessible form once the result is returned, and thanks the visitor after a plain POST', async () => {
    const { code, secret } = await returnedDossier();
    const page = await get(`/tra-cuu?ma=${code}&mk=${secret}`);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('<form method="post" action="/tra-cuu/danh-gia">');
    expect(html).toContain('<fieldset class="levels">');
    expect(html).toContain('<legend>Bạn hài lòng với việc giải quyết hồ sơ này ở mức nào?</legend>');
    // Five radio buttons, each with its own label in Vietnamese and English.
    expect(html.match(/type="radio"/g)).toHaveLength(5);
    for (let score = 1; score <= 5; score++) {
      expect(html).toContain(`<label for="diem-${score}"><input type="radio" id="diem-${score}" name="diem"`);
    }
    expect(html).toContain(
      '<span lang="vi">Rất hài lòng</span> <span class="en" lang="en">/ Very satisfied</span>',
    );
    expect(html).toContain('<span lang="vi">Rất không hài lòng</span>');
    expect(html).toContain('<label for="y-kien">Góp ý thêm (không bắt buộc)</label>');
    expect(html).toContain(`<input type="hidden" name="ma" value="${code}">`);

    const sent = await postForm({
      ma: code,
      mk: secret.toLowerCase(),
      lang: 'vi',
      diem: '5',
      'y-kien': 'Nhanh & gọn <3',
    });
    expect(sent.statusCode).toBe(303);
    const location = sent.headers['location'] as string;
    expect(location).toBe(`/tra-cuu?ma=${encodeURIComponent(code)}&mk=${secret}&lang=vi&dg=cam-on`);
    expect(await ratingOf(code)).toEqual([
      { score: 5, comment: 'Nhanh & gọn <3', channel: 'lookup', aspects: {} },
    ]);

    const thanked = await get(location);
    expect(thanked.statusCode).toBe(200);
    expect(thanked.body).toContain('<p class="thanks" role="status">Cảm ơn bạn đã đánh giá!');
    expect(thanked.body).not.toContain('action="/tra-cuu/danh-gia"');
    expect(thanked.body).toContain(
      '<h2 id="rated">Đánh giá của bạn</h2><p><strong>5/5</strong> — Rất hài lòng',
    );

    // Sending the form again (back button) says it was already rated, and changes nothing.
    const again = await postForm({ ma: code, mk: secret, lang: 'en', diem: '1' });
    expect(again.headers['location']).toBe(
      `/tra-cuu?ma=${encodeURIComponent(code)}&mk=${secret}&lang=en&dg=da-danh-gia`,
    );
    const already = await get(again.headers['location'] as string);
    expect(already.body).toContain('This dossier has already been rated.');
    expect(await ratingOf(code)).toHaveLength(1);
  });

  it('has no form while the dossier is open, and refuses a rating sent anyway', async () => {
    const d = await receiveAtCounter(t, cast, procedureCode);
    const page = await get(`/tra-cuu?ma=${d.code}&mk=${d.lookupSecret}&lang=en`);
    expect(page.body).not.toContain('/tra-cuu/danh-gia');
    const sent = await postForm({ ma: d.code, mk: d.lookupSecret, lang: 'en', diem: '4' });
    expect(sent.statusCode).toBe(303);
    const notOpen = await get(sent.headers['location'] as string);
    expect(notOpen.body).toContain(
      '<p class="error" role="alert">A dossier can be rated once it is settled.</p>',
    );
    expect(await ratingOf(d.code)).toEqual([]);
  });

  it('sends a missing or bad score back to the form, and a wrong secret to the not-found page', async () => {
    const { code, secret } = await returnedDossier();
    for (const diem of [undefined, '0', '6', 'năm', '2.5']) {
      const r = await postForm({ ma: code, mk: secret, ...(diem === undefined ? {} : { diem }) });
      expect({ diem, status: r.statusCode, location: r.headers['location'] }).toEqual({
        diem,
        status: 303,
        location: `/tra-cuu?ma=${encodeURIComponent(code)}&mk=${secret}&lang=vi&dg=khong-hop-le`,
      });
    }
    const invalid = await get(`/tra-cuu?ma=${code}&mk=${secret}&dg=khong-hop-le`);
    expect(invalid.body).toContain('Vui lòng chọn một mức đánh giá từ 1 đến 5.');
    expect(invalid.body).toContain('action="/tra-cuu/danh-gia"');

    const wrong = await postForm({ ma: code, mk: 'ZZZZZZ', diem: '1' });
    expect(wrong.headers['location']).toBe(`/tra-cuu?ma=${encodeURIComponent(code)}&mk=ZZZZZZ&lang=vi`);
    const notFound = await get(wrong.headers['location'] as string);
    expect(notFound.statusCode).toBe(404);
    // A notice in the URL means nothing without a dossier to show.
    const forged = await get(`/tra-cuu?ma=${code}&mk=ZZZZZZ&dg=cam-on`);
    expect(forged.body).not.toContain('Cảm ơn');
    expect(await ratingOf(code)).toEqual([]);
  });
});
