import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { useSandboxedApp } from '../../../test/sandbox-harness.ts';
import { useTestContext } from '../../../test/test-context.ts';
import { buildApp } from '../../http/build-app.ts';
import { signBody } from '../../integrations/webhook-signature.ts';
import { zaloMac } from '../../integrations/zalo-signature.ts';

/** Status lookup by chat (Zalo OA webhook) and SMS, with signature checks, answered through the outbox. */
const t = useTestContext();
let cast: Cast;
let procedureCode: string;
const SMS_SECRET = 'sms-inbound-secret-0123456789';
const h = useSandboxedApp(t, (s) => ({
  ...s.settings,
  SMS_INBOUND_SECRET: SMS_SECRET,
  INTEGRATION_TIMEOUT_MS: 400,
}));

beforeAll(async () => {
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
});
let msg = 0;
function zaloEvent(
  text: string,
  options: { userId?: string; msgId?: string; at?: Date; appId?: string } = {},
) {
  const timestamp = String((options.at ?? t.now()).getTime());
  return JSON.stringify({
    app_id: options.appId ?? h.sandbox.settings.ZALO_APP_ID,
    event_name: 'user_send_text',
    timestamp,
    sender: { id: options.userId ?? 'zl-user-1' },
    recipient: { id: 'oa' },
    message: { msg_id: options.msgId ?? `m-${++msg}`, text },
  });
}

async function postZalo(body: string, signature?: string | null) {
  const { app_id, timestamp } = JSON.parse(body) as { app_id: string; timestamp: string };
  const mac =
    signature === undefined
      ? `mac=${zaloMac(app_id, body, timestamp, h.sandbox.settings.ZALO_OA_SECRET)}`
      : signature;
  return h.app.inject({
    method: 'POST',
    url: '/api/integrations/chat/zalo',
    headers: { 'content-type': 'application/json', ...(mac ? { 'x-zevent-signature': mac } : {}) },
    payload: body,
  });
}

async function replies() {
  return t.db
    .selectFrom('notification')
    .selectAll()
    .where('event', '=', 'chat_reply')
    .orderBy('createdAt')
    .execute();
}

describe('status lookup by Zalo chat', () => {
  it('answers "TRA CUU <code> <secret>" with the status, due date and lookup link, once per message', async () => {
    t.setNow('2026-03-02T09:00:00+07:00');
    const d = await receiveAtCounter(t, cast, procedureCode);
    await h.worker().drain();
    h.sandbox.clearAll();
    const event = zaloEvent(`Tra cứu ${d.code} ${d.lookupSecret}`, { msgId: 'zl-msg-1' });
    const res = await postZalo(event);
    expect([res.statusCode, res.json()]).toEqual([200, { ok: true, isReplyQueued: true }]);
    // The same event delivered twice by the platform is answered once.
    expect((await postZalo(event)).json()).toEqual({ ok: true, isReplyQueued: false });
    await h.worker().drain();
    expect(h.sandbox.zalo.received).toHaveLength(1);
    const [reply] = h.sandbox.zalo.received;
    expect(reply).toMatchObject({ kind: 'text', userId: 'zl-user-1' });
    expect(reply?.text).toContain(`Hồ sơ ${d.code}`);
    expect(reply?.text).toContain('Hẹn trả: ');
    expect(reply?.text).toContain(`https://motcua.test/tra-cuu?ma=${d.code}&mk=${d.lookupSecret}`);
    expect((await replies()).at(-1)).toMatchObject({
      channel: 'zalo',
      recipient: 'zl-user-1',
      status: 'sent',
    });
  });

  it('gives the same answer for a wrong secret as for an unknown code, and help for anything else', async () => {
    t.setNow('2026-03-02T10:00:00+07:00');
    const d = await receiveAtCounter(t, cast, procedureCode);
    await postZalo(zaloEvent(`TT ${d.code} ZZZZZZ`));
    await postZalo(zaloEvent('TT T.SXD-260302-9999 ZZZZZZ'));
    await postZalo(zaloEvent('xin chào'));
    await postZalo(zaloEvent('NOP 1.001612'));
    await h.worker().drain();
    const texts = h.sandbox.zalo.received.map((m) => m.text ?? '');
    expect(texts[0]).toBe(
      `Không tìm thấy hồ sơ ${d.code} với mã tra cứu này. Vui lòng kiểm tra mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận.`,
    );
    expect(texts[1]).toBe(
      'Không tìm thấy hồ sơ T.SXD-260302-9999 với mã tra cứu này. Vui lòng kiểm tra mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận.',
    );
    expect(texts[2]).toContain('TRA CUU <mã hồ sơ> <mã tra cứu>');
    expect(texts[3]).toBe(
      'Nộp hồ sơ thủ tục 1.001612 trực tuyến tại: https://motcua.test/nop-ho-so/1.001612',
    );
  });

  it('rejects unsigned, forged, stale and foreign events, and answers nothing', async () => {
    t.setNow('2026-03-03T09:00:00+07:00');
    const before = (await replies()).length;
    const body = zaloEvent('TT T.SXD-260302-0001 ABC234');
    const stale = zaloEvent('TT T.SXD-260302-0001 ABC234', { at: new Date(t.now().getTime() - 10 * 60_000) });
    const foreign = zaloEvent('TT T.SXD-260302-0001 ABC234', { appId: 'another-app' });
    const cases: [string, string, string | null | undefined][] = [
      ['missing', body, null],
      ['malformed', body, 'mac=xyz'],
      [
        'mismatch',
        body,
        `mac=${zaloMac(h.sandbox.settings.ZALO_APP_ID, body, '1', h.sandbox.settings.ZALO_OA_SECRET)}`,
      ],
      [
        'mismatch',
        body.replace('ABC234', 'ABC235'),
        `mac=${zaloMac(h.sandbox.settings.ZALO_APP_ID, body, String(t.now().getTime()), h.sandbox.settings.ZALO_OA_SECRET)}`,
      ],
      ['expired', stale, undefined],
      ['mismatch', foreign, undefined],
    ];
    for (const [reason, payload, signature] of cases) {
      const res = await postZalo(payload, signature);
      expect({
        reason,
        status: res.statusCode,
        code: res.json<{ error: { code: string; details: { reason: string } } }>().error,
      }).toMatchObject({
        reason,
        status: 401,
        code: { code: 'SIGNATURE_INVALID', details: { reason } },
      });
    }
    expect(await replies()).toHaveLength(before);
    const closed = await buildApp({ ...h.ctx, config: { ...h.ctx.config, ZALO_OA_SECRET: undefined } });
    try {
      const res = await closed.inject({
        method: 'POST',
        url: '/api/integrations/chat/zalo',
        headers: { 'content-type': 'application/json' },
        payload: body,
      });
      expect(res.statusCode).toBe(503);
    } finally {
      await closed.close();
    }
  });

  it('stops answering a sender after 30 answers in an hour (secret guessing)', async () => {
    t.setNow('2026-03-04T09:00:00+07:00');
    for (let i = 0; i < 30; i++)
      expect(
        (await postZalo(zaloEvent(`TT T.SXD-260302-0001 G${i}XX`, { userId: 'zl-guesser' }))).json(),
      ).toEqual({ ok: true, isReplyQueued: true });
    expect(
      (await postZalo(zaloEvent('TT T.SXD-260302-0001 LAST1', { userId: 'zl-guesser' }))).json(),
    ).toEqual({ ok: true, isReplyQueued: false });
    expect((await postZalo(zaloEvent('xin chào', { userId: 'zl-other' }))).json()).toEqual({
      ok: true,
      isReplyQueued: true,
    });
    t.setNow('2026-03-04T10:00:01+07:00');
    expect((await postZalo(zaloEvent('xin chào', { userId: 'zl-guesser' }))).json()).toEqual({
      ok: true,
      isReplyQueued: true,
    });
  });

  it('works through the sandbox chat simulator against a listening server (the demo path)', async () => {
    t.setNow(new Date());
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    h.sandbox.setMotcuaUrl(`http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`);
    expect(await h.sandbox.simulateChat({ userId: 'zl-demo', text: 'help' })).toBe(200);
    await h.worker().drain();
    expect(h.sandbox.zalo.received.map((m) => m.userId)).toEqual(['zl-demo']);
  });
});

describe('status lookup by SMS', () => {
  it('answers a signed MO message by SMS in unaccented Vietnamese, and rejects a bad signature', async () => {
    t.setNow('2026-03-05T09:00:00+07:00');
    const d = await receiveAtCounter(t, cast, procedureCode);
    await h.worker().drain();
    h.sandbox.clearAll();
    const body = JSON.stringify({ id: 'mo-1', from: '84912000111', text: `TT ${d.code} ${d.lookupSecret}` });
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/integrations/sms/inbound',
      headers: {
        'content-type': 'application/json',
        'motcua-signature': signBody('wrong-secret-0123456789', body, t.now()),
      },
      payload: body,
    });
    expect([bad.statusCode, bad.json<{ error: { code: string } }>().error.code]).toEqual([
      401,
      'SIGNATURE_INVALID',
    ]);
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/integrations/sms/inbound',
      headers: {
        'content-type': 'application/json',
        'motcua-signature': signBody(SMS_SECRET, body, t.now()),
      },
      payload: body,
    });
    expect(ok.json()).toEqual({ ok: true, isReplyQueued: true });
    await h.worker().drain();
    expect(h.sandbox.sms.received).toHaveLength(1);
    expect(h.sandbox.sms.received[0]?.to).toBe('84912000111');
    expect(h.sandbox.sms.received[0]?.text).toMatch(new RegExp(`^Ho so ${d.code.replace(/\./g, '\\.')} \\(`));
    expect(/^[\x20-\x7e\n]*$/.test(h.sandbox.sms.received[0]?.text ?? '')).toBe(true);
    const invalid = JSON.stringify({ id: 'mo-2', from: 'abc', text: 'x' });
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/integrations/sms/inbound',
      headers: {
        'content-type': 'application/json',
        'motcua-signature': signBody(SMS_SECRET, invalid, t.now()),
      },
      payload: invalid,
    });
    expect(res.statusCode).toBe(400);
  });
});
