import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestCitizen } from '../../../test/test-context.ts';
import { buildApp } from '../../http/build-app.ts';
import type { AppInstance } from '../../http/types.ts';
import { clamdPing, clamdScan, ScannerUnavailableError } from '../../integrations/clamav.adapter.ts';
import { EICAR, EICAR_SIGNATURE, startClamdSandbox, type ClamdSandbox } from '../../sandbox/clamd-sandbox.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { scannerState } from './antivirus.service.ts';

const t = useTestContext();
let clamd: ClamdSandbox;
let owner: TestCitizen;
let scanned: AppInstance;
let downApp: AppInstance;
let failOpenApp: AppInstance;
let deadUrl: string;

/** A port nobody listens on (bound, read, released). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function withConfig(overrides: Record<string, unknown>): AppContext {
  return { ...t.ctx, config: Object.freeze({ ...t.ctx.config, ...overrides }) };
}

function pdf(extra = ''): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%${extra}\n%%EOF\n`, 'latin1');
}

beforeAll(async () => {
  clamd = await startClamdSandbox();
  deadUrl = `tcp://127.0.0.1:${await freePort()}`;
  owner = await t.newCitizen();
  scanned = await buildApp(withConfig({ CLAMAV_URL: clamd.url }));
  downApp = await buildApp(withConfig({ CLAMAV_URL: deadUrl, CLAMAV_TIMEOUT_MS: 2000 }));
  failOpenApp = await buildApp(withConfig({ CLAMAV_URL: deadUrl, CLAMAV_FAIL_OPEN: true }));
});

afterAll(async () => {
  await scanned.close();
  await downApp.close();
  await failOpenApp.close();
  await clamd.close();
});

async function upload(app: AppInstance, data: Buffer) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/files?name=don.pdf',
    headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/pdf' },
    payload: data,
  });
  return { status: res.statusCode, json: res.json<Record<string, unknown> & { error?: { code: string } }>() };
}

async function counts() {
  const files = await t.db
    .selectFrom('fileObject')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const sessions = await t.db
    .selectFrom('uploadSession')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { files: Number(files.n), sessions: Number(sessions.n), stored: storedFiles() };
}

function storedFiles(): number {
  const root = path.join(t.ctx.config.dataDir, 'files');
  if (!fs.existsSync(root)) return 0;
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

/** Resumable upload in one PUT of all bytes (assembled on disk, then scanned from the file). */
async function resumable(app: AppInstance, data: Buffer) {
  const start = await app.inject({
    method: 'POST',
    url: '/api/uploads',
    headers: { authorization: `Bearer ${owner.token}` },
    payload: { name: 'ban-ve.pdf', size: data.length, contentType: 'application/pdf' },
  });
  expect(start.statusCode, start.body).toBe(201);
  const id = start.json<{ id: string }>().id;
  const put = await app.inject({
    method: 'PUT',
    url: `/api/uploads/${id}?offset=0`,
    headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/octet-stream' },
    payload: data,
  });
  return {
    id,
    status: put.statusCode,
    json: put.json<Record<string, unknown> & { error?: { code: string } }>(),
  };
}

describe('clamd adapter against the loopback clamd', () => {
  it('answers PING and tells a clean stream from EICAR, also when the signature straddles chunks', async () => {
    expect(await clamdPing(clamd.url)).toBe(true);
    expect(await clamdPing(deadUrl)).toBe(false);
    expect(await clamdScan(clamd.url, pdf())).toEqual({ isClean: true });
    const infected = Buffer.concat([Buffer.alloc(100, 0x20), Buffer.from(EICAR, 'latin1')]);
    // 64-byte chunks: the 68-byte signature always crosses a chunk boundary.
    expect(await clamdScan(clamd.url, infected, { chunkBytes: 64 })).toEqual({
      isClean: false,
      signature: EICAR_SIGNATURE,
    });
    expect(clamd.scans.at(-1)).toMatchObject({ bytes: infected.length, chunks: 3 });
    await expect(clamdScan(deadUrl, pdf())).rejects.toBeInstanceOf(ScannerUnavailableError);
  });

  it('streams a large file in length-prefixed chunks (5 MB → 80 chunks of 64 KiB)', async () => {
    async function* big(): AsyncIterable<Buffer> {
      for (let i = 0; i < 5; i += 1) yield Buffer.alloc(1024 * 1024, 0x41 + i);
    }
    expect(await clamdScan(clamd.url, big())).toEqual({ isClean: true });
    expect(clamd.scans.at(-1)).toMatchObject({ bytes: 5 * 1024 * 1024, chunks: 80, verdict: 'stream: OK' });
  });

  it('reports scanner state for health: off, up, down', async () => {
    expect(await scannerState(t.ctx)).toBe('off');
    expect(await scannerState(withConfig({ CLAMAV_URL: clamd.url }))).toBe('up');
    expect(await scannerState(withConfig({ CLAMAV_URL: deadUrl }))).toBe('down');
  });
});

describe('uploads are scanned (CLAMAV_URL)', () => {
  it('accepts a clean PDF after clamd saw every byte', async () => {
    const data = pdf('sach');
    const before = clamd.scans.length;
    const res = await upload(scanned, data);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(clamd.scans.length).toBe(before + 1);
    expect(clamd.scans.at(-1)).toMatchObject({ bytes: data.length, verdict: 'stream: OK' });
  });

  it('refuses EICAR with 422 FILE_INFECTED and stores nothing (no row, no bytes)', async () => {
    const before = await counts();
    const res = await upload(scanned, pdf(EICAR));
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: 'FILE_INFECTED', details: { signature: EICAR_SIGNATURE } });
    expect((res.json.error as unknown as { message: string }).message).toMatch(/mã độc.*malware/);
    expect(await counts()).toEqual(before);
  });

  it('refuses uploads with 503 SCANNER_UNAVAILABLE when clamd is down (fail closed by default)', async () => {
    const before = await counts();
    const res = await upload(downApp, pdf('sach'));
    expect(res.status).toBe(503);
    expect(res.json.error?.code).toBe('SCANNER_UNAVAILABLE');
    expect(await counts()).toEqual(before);
  });

  it('accepts unscanned with CLAMAV_FAIL_OPEN=true when clamd is down', async () => {
    const res = await upload(failOpenApp, pdf('sach'));
    expect(res.status).toBe(201);
  });

  it('scans the assembled file of a resumable upload: EICAR refused, session and part discarded', async () => {
    const before = await counts();
    const bad = await resumable(scanned, pdf(`${'x'.repeat(200_000)}${EICAR}`));
    expect(bad.status).toBe(422);
    expect(bad.json.error?.code).toBe('FILE_INFECTED');
    expect(fs.existsSync(path.join(t.ctx.config.dataDir, 'uploads', `${bad.id}.part`))).toBe(false);
    expect(await counts()).toEqual(before);
    expect(clamd.scans.at(-1)?.chunks).toBeGreaterThan(1);

    const down = await resumable(downApp, pdf('sach'));
    expect(down.status).toBe(503);
    expect(down.json.error?.code).toBe('SCANNER_UNAVAILABLE');
    expect(await counts()).toEqual(before);

    const good = await resumable(scanned, pdf('y'.repeat(300_000)));
    expect(good.status, JSON.stringify(good.json)).toBe(200);
    expect((await counts()).files).toBe(before.files + 1);
  });
});
