import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/sandbox-server.ts';
import { PermanentDeliveryError } from '../shared/delivery-error.ts';
import { createZaloChatAdapter } from './chat.adapter.ts';
import { createSmtpMailAdapter } from './mail.adapter.ts';
import { createHttpSmsAdapter } from './sms.adapter.ts';

/** Each adapter against its loopback test server: success, timeout, 5xx, permanent refusal, repeats. */
let sandbox: Sandbox;

/** A loopback port nothing listens on (a receiver that is down). */
async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
const TIMEOUT = 400;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.clearAll();
});

function mail() {
  return createSmtpMailAdapter({
    url: sandbox.settings.SMTP_URL,
    from: 'Một cửa <motcua@thanhhoa.gov.vn>',
    timeoutMs: TIMEOUT,
  });
}
function sms(token: string | undefined = sandbox.settings.SMS_GATEWAY_TOKEN) {
  return createHttpSmsAdapter({
    url: sandbox.settings.SMS_GATEWAY_URL,
    token,
    brandname: 'MOTCUA',
    timeoutMs: TIMEOUT,
  });
}
function zalo(accessToken: string | undefined = sandbox.settings.ZALO_ACCESS_TOKEN) {
  return createZaloChatAdapter({
    url: sandbox.settings.ZALO_API_URL,
    accessToken,
    templateId: 'tpl-1',
    timeoutMs: TIMEOUT,
  });
}

describe('e-mail over SMTP', () => {
  it('delivers the message with its attachment and Message-ID', async () => {
    const result = await mail().send({
      to: ['an@example.vn'],
      subject: 'Giấy tiếp nhận hồ sơ T.SXD-260302-0001',
      text: 'Kính gửi Ông/Bà Nguyễn Văn An,',
      attachments: [
        { filename: 'mau-01.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 test') },
      ],
      reference: 'n-1',
    });
    expect(result.providerMessageId).toBe('<n-1@thanhhoa.gov.vn>');
    const [m] = await sandbox.mail.waitFor(1);
    expect(m).toMatchObject({
      to: ['an@example.vn'],
      from: 'motcua@thanhhoa.gov.vn',
      subject: 'Giấy tiếp nhận hồ sơ T.SXD-260302-0001',
      messageId: '<n-1@thanhhoa.gov.vn>',
    });
    expect(m?.text.trim()).toBe('Kính gửi Ông/Bà Nguyễn Văn An,');
    expect(m?.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
      ['mau-01.pdf', 'application/pdf', '%PDF-1.4 test'],
    ]);
  });

  it('treats a 4xx SMTP reply as transient and a 5xx reply as permanent', async () => {
    sandbox.mail.faults.failNext({ kind: 'status', status: 451, body: 'Try again later' });
    const transient = await mail()
      .send({ to: ['a@example.vn'], subject: 's', text: 't', reference: 'n-2' })
      .catch((e: unknown) => e);
    expect(transient).toBeInstanceOf(Error);
    expect(transient).not.toBeInstanceOf(PermanentDeliveryError);
    sandbox.mail.faults.failNext({ kind: 'status', status: 550, body: 'Mailbox unavailable' });
    const permanent = await mail()
      .send({ to: ['a@example.vn'], subject: 's', text: 't', reference: 'n-3' })
      .catch((e: unknown) => e);
    expect(permanent).toBeInstanceOf(PermanentDeliveryError);
    expect(sandbox.mail.messages).toEqual([]);
  });

  it('gives up on a silent server after the timeout (transient)', async () => {
    sandbox.mail.faults.failNext({ kind: 'delay', ms: TIMEOUT * 4 });
    const error = await mail()
      .send({ to: ['a@example.vn'], subject: 's', text: 't', reference: 'n-4' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toMatch(/timeout/i);
  });

  it('is transient when nothing listens', async () => {
    const closed = createSmtpMailAdapter({
      url: `smtp://127.0.0.1:${await freePort()}`,
      from: 'x@localhost',
      timeoutMs: TIMEOUT,
    });
    const error = await closed
      .send({ to: ['a@example.vn'], subject: 's', text: 't', reference: 'n-5' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
  });
});

describe('SMS gateway over HTTP', () => {
  it('sends in international form with the bearer token, and a repeat is not sent twice', async () => {
    const first = await sms().send({
      to: '0912345678',
      text: 'Ho so T.SXD-260302-0001 da duoc tiep nhan.',
      reference: 'n-10',
    });
    const again = await sms().send({
      to: '0912345678',
      text: 'Ho so T.SXD-260302-0001 da duoc tiep nhan.',
      reference: 'n-10',
    });
    expect(again.providerMessageId).toBe(first.providerMessageId);
    expect(sandbox.sms.received).toMatchObject([
      { to: '84912345678', from: 'MOTCUA', reference: 'n-10', authorization: 'Bearer sandbox-sms-token' },
    ]);
  });

  it('retries 5xx and 429, refuses for good on 4xx, and times out', async () => {
    for (const status of [500, 503, 429]) {
      sandbox.sms.faults.failNext({ kind: 'status', status });
      const e = await sms()
        .send({ to: '0912345678', text: 'x', reference: `n-${status}` })
        .catch((x: unknown) => x);
      expect({ status, permanent: e instanceof PermanentDeliveryError, error: e instanceof Error }).toEqual({
        status,
        permanent: false,
        error: true,
      });
    }
    const badNumber = await sms()
      .send({ to: '12345', text: 'x', reference: 'n-11' })
      .catch((x: unknown) => x);
    expect(badNumber).toBeInstanceOf(PermanentDeliveryError);
    expect((badNumber as Error).message).toContain('HTTP 422');
    const badToken = await sms('wrong')
      .send({ to: '0912345678', text: 'x', reference: 'n-12' })
      .catch((x: unknown) => x);
    expect(badToken).toBeInstanceOf(PermanentDeliveryError);
    sandbox.sms.faults.failNext({ kind: 'delay', ms: TIMEOUT * 3 });
    const slow = await sms()
      .send({ to: '0912345678', text: 'x', reference: 'n-13' })
      .catch((x: unknown) => x);
    expect(slow).not.toBeInstanceOf(PermanentDeliveryError);
    expect((slow as Error).message).toBe(`SMS gateway: no answer within ${TIMEOUT} ms`);
    const closed = createHttpSmsAdapter({
      url: `http://127.0.0.1:${await freePort()}/sms`,
      token: 't',
      brandname: 'X',
      timeoutMs: TIMEOUT,
    });
    const down = await closed
      .send({ to: '0912345678', text: 'x', reference: 'n-14' })
      .catch((x: unknown) => x);
    expect(down).not.toBeInstanceOf(PermanentDeliveryError);
    expect((down as Error).message).toBe('SMS gateway: ECONNREFUSED');
  });
});

describe('Zalo OA style chat API', () => {
  it('sends a template notice by phone and a text reply by user id; a repeat is not sent twice', async () => {
    const notice = {
      phone: '0912345678',
      templateData: { ma_ho_so: 'T.SXD-260302-0001' },
      reference: 'n-20',
    };
    const first = await zalo().sendNotice(notice);
    expect((await zalo().sendNotice(notice)).providerMessageId).toBe(first.providerMessageId);
    await zalo().sendText({ userId: 'zl-123', text: 'Hồ sơ đang được giải quyết' });
    expect(sandbox.zalo.received).toMatchObject([
      {
        kind: 'template',
        phone: '84912345678',
        templateId: 'tpl-1',
        data: { ma_ho_so: 'T.SXD-260302-0001' },
      },
      { kind: 'text', userId: 'zl-123', text: 'Hồ sơ đang được giải quyết' },
    ]);
  });

  it('reads the error code of a 200 answer: platform trouble is retried, a refusal is permanent', async () => {
    sandbox.zalo.faults.failNext({ kind: 'provider-error', code: -32, message: 'Server busy' });
    const busy = await zalo()
      .sendNotice({ phone: '0912345678', templateData: {}, reference: 'n-21' })
      .catch((x: unknown) => x);
    expect(busy).not.toBeInstanceOf(PermanentDeliveryError);
    expect((busy as Error).message).toBe('Zalo OA error -32: Server busy');
    sandbox.zalo.faults.failNext({ kind: 'provider-error', code: 1114, message: 'User has blocked the OA' });
    const blocked = await zalo()
      .sendNotice({ phone: '0912345678', templateData: {}, reference: 'n-22' })
      .catch((x: unknown) => x);
    expect(blocked).toBeInstanceOf(PermanentDeliveryError);
    sandbox.zalo.faults.failNext({ kind: 'status', status: 502 });
    const gateway = await zalo()
      .sendNotice({ phone: '0912345678', templateData: {}, reference: 'n-23' })
      .catch((x: unknown) => x);
    expect(gateway).not.toBeInstanceOf(PermanentDeliveryError);
    const badToken = await zalo('nope')
      .sendNotice({ phone: '0912345678', templateData: {}, reference: 'n-24' })
      .catch((x: unknown) => x);
    expect(badToken).toBeInstanceOf(PermanentDeliveryError);
    expect(sandbox.zalo.received).toEqual([]);
  });
});
