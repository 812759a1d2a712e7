import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { useTestContext } from '../../../test/test-context.ts';
import { lookupUrl } from '../dossier/dossier-forms.service.ts';
import { escapeHtml } from './lookup-page.html.ts';

const t = useTestContext();
let cast: Cast;
let code: string;
let secret: string;

beforeAll(async () => {
  cast = await makeCast(t);
  const { code: procedureCode } = await t.newProcedure();
  t.setNow('2026-03-02T09:00:00+07:00');
  const d = await receiveAtCounter(t, cast, procedureCode);
  code = d.code;
  secret = d.lookupSecret;
  await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 });
});

async function get(url: string) {
  const app = await t.app();
  return app.inject({ method: 'GET', url });
}

describe('public lookup page (the QR code on the receipt)', () => {
  it('opens from the URL printed in the QR code and shows the status, due date and steps', async () => {
    const url = new URL(lookupUrl(t.ctx, code, secret));
    expect(url.origin).toBe('https://motcua.test');
    const res = await get(`${url.pathname}${url.search}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="vi">');
    expect(res.body).toContain(code);
    expect(res.body).toContain('Đang xử lý');
    expect(res.body).toContain('09:00 09/03/2026'); // due date
    expect(res.body).toContain('Chuyển xử lý');
    expect(res.body).not.toContain('Trần Thị Bình');
  });

  it('speaks English on request', async () => {
    const res = await get(`/tra-cuu?ma=${code}&mk=${secret}&lang=en`);
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('Result due');
    expect(res.body).toContain('Processing');
  });

  it('answers a wrong secret with 404 and a plain explanation, and an empty form with 200', async () => {
    const wrong = await get(`/tra-cuu?ma=${code}&mk=ABCDEF`);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('Không tìm thấy hồ sơ');
    const empty = await get('/tra-cuu');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('<form');
    const half = await get(`/tra-cuu?ma=${code}`);
    expect(half.body).toContain('Vui lòng nhập đủ');
  });

  it('escapes what the visitor typed', async () => {
    const res = await get(`/tra-cuu?ma=${encodeURIComponent('<script>x</script>')}&mk=AAAAAA`);
    expect(res.body).not.toContain('<script>x</script>');
    expect(escapeHtml('<a href="x">&\'')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  });
});
