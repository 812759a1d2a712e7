import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, useTestContext, type TestCitizen, type TestOfficer } from '../../../test/test-context.ts';
import { outboxHandlers } from '../../worker/handlers.ts';
import { OutboxWorker } from '../outbox/outbox.worker.ts';

const t = useTestContext();
let owner: TestCitizen;
let stranger: TestCitizen;
let officer: TestOfficer;
let baseUrl: string;

const MB = 1024 * 1024;

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  const tree = await t.standardTree();
  owner = await t.newCitizen();
  stranger = await t.newCitizen();
  officer = await t.newOfficer([{ role: 'receiving_officer', unitId: tree.provinceCentre.id }]);
  const app = await t.app();
  await app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

/* ------------------------------------------------------------------ helpers */

/** Bytes of a PDF-looking file: the header the server sniffs, then deterministic filler. */
function pdfBytes(size: number, seed = 1): Buffer {
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i++) data[i] = (i * 31 + seed * 7) & 0xff;
  Buffer.from('%PDF-1.7\n').copy(data, 0);
  return data;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function sha256(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

interface Session {
  id: string;
  offset: number;
  size: number;
  chunkSize: number;
  fileId: string | null;
  expiresAt: string;
}

async function start(
  token: string,
  size: number,
  contentType = 'application/pdf',
  name = 'Bản vẽ thiết kế.pdf',
): Promise<Session> {
  const res = await call(t, 'POST', '/api/uploads', { token, body: { name, size, contentType } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as unknown as Session;
}

async function put(token: string, id: string, offset: number, data: Buffer) {
  return call(t, 'PUT', `/api/uploads/${id}?offset=${offset}`, {
    token,
    body: data,
    headers: { 'content-type': 'application/octet-stream' },
  });
}

async function state(token: string, id: string) {
  return call(t, 'GET', `/api/uploads/${id}`, { token });
}

function partFile(id: string): string {
  return path.join(t.ctx.config.dataDir, 'uploads', `${id}.part`);
}

async function sessionCount(): Promise<number> {
  const r = await t.db
    .selectFrom('uploadSession')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function fileCount(): Promise<number> {
  const r = await t.db
    .selectFrom('fileObject')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function auditTypes(entityId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('auditLog')
    .select('eventType')
    .where('entityId', '=', entityId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.eventType);
}

/** A real HTTP PUT whose body is produced piece by piece (`write` gets the request to write to). */
function httpPut(
  url: string,
  token: string,
  contentLength: number | undefined,
  write: (req: http.ClientRequest) => Promise<void>,
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        ...(contentLength !== undefined ? { 'content-length': String(contentLength) } : {}),
      },
    });
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        });
      });
    });
    req.on('error', reject);
    write(req).then(
      () => req.end(),
      (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))),
    );
  });
}

function writeAll(req: http.ClientRequest, data: Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (req.write(data)) resolve();
    else req.once('drain', () => resolve());
  });
}

/* ------------------------------------------------------------------ the journey */

describe('a resumable upload', () => {
  it('takes a file in chunks, stores it like any upload, and tells the file id', async () => {
    const data = pdfBytes(700 * 1024 + 13);
    const filesBefore = await fileCount();
    const session = await start(owner.token, data.length);
    expect(session).toMatchObject({ offset: 0, size: data.length, fileId: null, chunkSize: 8 * MB });
    expect(new Date(session.expiresAt).getTime() - t.now().getTime()).toBe(24 * 3600 * 1000);
    expect(fs.existsSync(partFile(session.id))).toBe(true);

    const cuts = [0, 256 * 1024, 600 * 1024, data.length];
    for (let i = 0; i < cuts.length - 1; i++) {
      const res = await put(owner.token, session.id, cuts[i]!, data.subarray(cuts[i], cuts[i + 1]));
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      expect(res.json['offset']).toBe(cuts[i + 1]);
      if (i < cuts.length - 2) {
        expect(res.json['fileId']).toBeNull();
        expect((await state(owner.token, session.id)).json['offset']).toBe(cuts[i + 1]);
      }
    }
    const done = await state(owner.token, session.id);
    const fileId = done.json['fileId'] as string;
    expect(fileId).toMatch(/^[0-9a-f-]{36}$/);
    expect(done.json['offset']).toBe(data.length);
    expect(await fileCount()).toBe(filesBefore + 1);

    const stored = await t.db
      .selectFrom('fileObject')
      .selectAll()
      .where('id', '=', fileId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      originalName: 'Bản vẽ thiết kế.pdf',
      contentType: 'application/pdf',
      sizeBytes: data.length,
      sha256: sha256(data),
      uploadedByType: 'citizen',
      uploadedById: owner.id,
    });
    const download = await call(t, 'GET', `/api/files/${fileId}`, { token: owner.token });
    expect(download.status).toBe(200);
    expect(sha256(download.raw.rawPayload)).toBe(sha256(data));
    // Nobody else reads it (it is attached to no dossier yet).
    expect((await call(t, 'GET', `/api/files/${fileId}`, { token: stranger.token })).status).toBe(404);
    expect(fs.existsSync(partFile(session.id))).toBe(false);
    expect(await auditTypes(session.id)).toEqual(['upload.started', 'upload.completed']);
    expect(await auditTypes(fileId)).toEqual(['file.uploaded']);

    // The answer to the last chunk was lost: sending it again answers the same file.
    const again = await put(owner.token, session.id, data.length, Buffer.alloc(0));
    expect(again.json).toEqual({ offset: data.length, fileId });
    const stale = await put(owner.token, session.id, cuts[2]!, data.subarray(cuts[2]));
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({
      code: 'UPLOAD_OFFSET_MISMATCH',
      details: { offset: data.length, fileId },
    });
    expect(await fileCount()).toBe(filesBefore + 1);
  });

  it('answers 409 with the offset to use when a chunk starts at the wrong place, and writes nothing', async () => {
    const data = pdfBytes(64 * 1024);
    const session = await start(owner.token, data.length);
    expect((await put(owner.token, session.id, 0, data.subarray(0, 10_000))).status).toBe(200);
    for (const offset of [0, 9_999, 10_001, 50_000]) {
      const res = await put(owner.token, session.id, offset, data.subarray(offset, offset + 1000));
      expect(res.status).toBe(409);
      expect(res.json.error).toMatchObject({ code: 'UPLOAD_OFFSET_MISMATCH', details: { offset: 10_000 } });
    }
    expect((await state(owner.token, session.id)).json['offset']).toBe(10_000);
    expect(fs.statSync(partFile(session.id)).size).toBe(10_000);
  });

  it('refuses a chunk longer than what is left of the declared size, with or without Content-Length', async () => {
    const data = pdfBytes(100_000);
    const session = await start(owner.token, data.length);
    expect((await put(owner.token, session.id, 0, data.subarray(0, 60_000))).status).toBe(200);

    const tooLong = await put(
      owner.token,
      session.id,
      60_000,
      Buffer.concat([data.subarray(60_000), Buffer.alloc(1)]),
    );
    expect(tooLong.status).toBe(413);
    expect(tooLong.json.error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { offset: 60_000, remainingBytes: 40_000 },
    });

    // A chunked body (no Content-Length) is counted as it arrives and cut off at the limit.
    const chunked = await httpPut(
      `${baseUrl}/api/uploads/${session.id}?offset=60000`,
      owner.token,
      undefined,
      async (req) => {
        await writeAll(req, data.subarray(60_000, 90_000));
        await writeAll(req, pdfBytes(20_000, 3));
      },
    );
    expect(chunked.status).toBe(413);
    expect((chunked.json['error'] as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');

    expect((await state(owner.token, session.id)).json['offset']).toBe(60_000);
    expect(fs.statSync(partFile(session.id)).size).toBe(60_000);
    // The right chunk still completes the file.
    const last = await put(owner.token, session.id, 60_000, data.subarray(60_000));
    expect(last.status).toBe(200);
    expect(last.json['fileId']).toEqual(expect.any(String));
  });

  it('keeps the bytes of a chunk whose connection broke, and the client resumes after them', async () => {
    const data = pdfBytes(3 * MB + 123, 5);
    const session = await start(owner.token, data.length);
    // The phone loses the network in the middle of a 2 MB chunk.
    const broken = httpPut(
      `${baseUrl}/api/uploads/${session.id}?offset=0`,
      owner.token,
      2 * MB,
      async (req) => {
        await writeAll(req, data.subarray(0, MB));
        await sleep(300);
        req.destroy(new Error('network lost'));
      },
    );
    await expect(broken).rejects.toThrow();

    let offset = 0;
    for (let i = 0; i < 50 && offset === 0; i++) {
      await sleep(100);
      offset = (await state(owner.token, session.id)).json['offset'] as number;
    }
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(MB);
    expect(fs.statSync(partFile(session.id)).size).toBe(offset);

    // Retrying the whole chunk from 0 is refused with the offset; the client goes on from there.
    const retry = await put(owner.token, session.id, 0, data.subarray(0, 2 * MB));
    expect(retry.status).toBe(409);
    expect(retry.json.error?.details).toMatchObject({ offset });
    const rest = await put(owner.token, session.id, offset, data.subarray(offset));
    expect(rest.status).toBe(200);
    const fileId = rest.json['fileId'] as string;
    const stored = await t.db
      .selectFrom('fileObject')
      .selectAll()
      .where('id', '=', fileId)
      .executeTakeFirstOrThrow();
    expect(stored.sha256).toBe(sha256(data));
    expect(stored.sizeBytes).toBe(data.length);
  });

  it('lets one of two chunks sent at the same offset at the same time win; the other gets 409', async () => {
    const data = pdfBytes(2 * MB);
    const session = await start(owner.token, data.length);
    const [a, b] = await Promise.all([
      put(owner.token, session.id, 0, data.subarray(0, MB)),
      put(owner.token, session.id, 0, pdfBytes(MB, 9)),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.json.error?.details).toMatchObject({ offset: MB });
    expect(fs.statSync(partFile(session.id)).size).toBe(MB);
  });

  it('streams a file of more than 100 MB in chunks without holding it in memory', async () => {
    const size = 112 * MB + 4321;
    const session = await start(owner.token, size);
    // The file is produced piece by piece from one 1 MB pattern: the test never holds it either.
    const pattern = pdfBytes(MB, 11);
    const piece = Buffer.alloc(MB);
    const hash = crypto.createHash('sha256');
    function pieceAt(position: number, length: number): Buffer {
      pattern.copy(piece, 0, 0, length);
      piece.writeUInt32BE(position >>> 0, 12); // every megabyte differs
      if (position === 0) Buffer.from('%PDF-1.7\n').copy(piece, 0);
      return piece.subarray(0, length);
    }

    const base = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - (base.heapUsed + base.arrayBuffers));
    }, 20);
    let offset = 0;
    let fileId: string | null = null;
    try {
      while (offset < size) {
        const length = Math.min(session.chunkSize, size - offset);
        const start = offset;
        const res = await httpPut(
          `${baseUrl}/api/uploads/${session.id}?offset=${start}`,
          owner.token,
          length,
          async (req) => {
            for (let p = start; p < start + length; p += MB) {
              const data = pieceAt(p, Math.min(MB, start + length - p));
              hash.update(data);
              await writeAll(req, Buffer.from(data));
            }
          },
        );
        expect(res.status, JSON.stringify(res.json)).toBe(200);
        offset = res.json['offset'] as number;
        fileId = (res.json['fileId'] as string | null) ?? null;
      }
    } finally {
      clearInterval(sampler);
    }
    expect(offset).toBe(size);
    expect(fileId).not.toBeNull();
    const stored = await t.db
      .selectFrom('fileObject')
      .selectAll()
      .where('id', '=', fileId ?? '')
      .executeTakeFirstOrThrow();
    expect(stored.sizeBytes).toBe(size);
    expect(stored.sha256).toBe(hash.digest('hex'));
    // The bytes went to disk as they came: memory grew by a fraction of the file (about 10 MB here).
    expect(peak).toBeLessThan(48 * MB);
    expect(fs.existsSync(partFile(session.id))).toBe(false);
  }, 180_000);
});

/* ------------------------------------------------------------------ content checks */

describe('the content check', () => {
  it('refuses at the first chunk a file whose bytes are not of the declared type; nothing is stored', async () => {
    const files = await fileCount();
    const data = Buffer.concat([PNG_SIGNATURE, pdfBytes(50_000).subarray(8)]);
    const session = await start(owner.token, data.length, 'application/pdf', 'giay-to.pdf');
    const res = await put(owner.token, session.id, 0, data.subarray(0, 20_000));
    expect(res.status).toBe(415);
    expect(res.json.error).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      details: { declaredType: 'application/pdf', detectedType: 'image/png' },
    });
    expect((await state(owner.token, session.id)).json.error?.code).toBe('UPLOAD_NOT_FOUND');
    expect(fs.existsSync(partFile(session.id))).toBe(false);
    expect(await fileCount()).toBe(files);
    expect(await auditTypes(session.id)).toEqual(['upload.started', 'upload.rejected']);
  });

  it('sniffs the whole file again when the last byte arrives (first chunk too short to tell)', async () => {
    const files = await fileCount();
    const data = pdfBytes(30_000); // a PDF declared as a PNG
    const session = await start(owner.token, data.length, 'image/png', 'anh.png');
    expect((await put(owner.token, session.id, 0, data.subarray(0, 4))).status).toBe(200);
    const res = await put(owner.token, session.id, 4, data.subarray(4));
    expect(res.status).toBe(415);
    expect(res.json.error?.details).toMatchObject({
      declaredType: 'image/png',
      detectedType: 'application/pdf',
    });
    expect(await fileCount()).toBe(files);
    expect(fs.existsSync(partFile(session.id))).toBe(false);
  });

  it('refuses bytes that are no known kind of file', async () => {
    const session = await start(owner.token, 1000, 'image/jpeg', 'x.jpg');
    const res = await put(owner.token, session.id, 0, Buffer.alloc(1000, 0x41));
    expect(res.status).toBe(415);
    expect(res.json.error?.details).toMatchObject({ detectedType: null });
  });
});

/* ------------------------------------------------------------------ bad input and authorisation */

describe('bad requests', () => {
  it('refuses a bad start with a stable code and creates nothing', async () => {
    const before = await sessionCount();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ name: 'a.pdf', size: 0, contentType: 'application/pdf' }, 400, 'VALIDATION_FAILED'],
      [{ name: 'a.pdf', size: -5, contentType: 'application/pdf' }, 400, 'VALIDATION_FAILED'],
      [{ name: 'a.pdf', size: 1.5, contentType: 'application/pdf' }, 400, 'VALIDATION_FAILED'],
      [{ name: '', size: 10, contentType: 'application/pdf' }, 400, 'VALIDATION_FAILED'],
      [{ name: 'a.txt', size: 10, contentType: 'text/plain' }, 400, 'VALIDATION_FAILED'],
      [{ name: 'a.pdf', size: 10 }, 400, 'VALIDATION_FAILED'],
      [{ name: 'a.pdf', size: 10, contentType: 'application/pdf', extra: 1 }, 400, 'VALIDATION_FAILED'],
      [{ name: 'a.pdf', size: 1024 * MB + 1, contentType: 'application/pdf' }, 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [body, status, code] of cases) {
      const res = await call(t, 'POST', '/api/uploads', { token: owner.token, body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.json.error?.code).toBe(code);
    }
    expect(await sessionCount()).toBe(before);
  });

  it('refuses a chunk with a bad offset or another content type', async () => {
    const session = await start(owner.token, 100);
    for (const q of ['', '?offset=-1', '?offset=abc', '?offset=1.5', '?offset=0&x=1']) {
      const res = await call(t, 'PUT', `/api/uploads/${session.id}${q}`, {
        token: owner.token,
        body: pdfBytes(100),
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(res.status, q).toBe(400);
      expect(res.json.error?.code).toBe('VALIDATION_FAILED');
    }
    const json = await call(t, 'PUT', `/api/uploads/${session.id}?offset=0`, {
      token: owner.token,
      body: { bytes: 'x' },
    });
    expect(json.status).toBe(415);
    expect(json.json.error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await call(t, 'GET', '/api/uploads/not-a-uuid', { token: owner.token })).status).toBe(400);
    expect((await state(owner.token, session.id)).json['offset']).toBe(0);
  });

  it('limits the unfinished uploads of one account', async () => {
    const citizen = await t.newCitizen();
    for (let i = 0; i < 10; i++) await start(citizen.token, 1000);
    const res = await call(t, 'POST', '/api/uploads', {
      token: citizen.token,
      body: { name: 'a.pdf', size: 1000, contentType: 'application/pdf' },
    });
    expect(res.status).toBe(429);
    expect(res.json.error?.code).toBe('RATE_LIMITED');
  });
});

describe('only the uploader', () => {
  it('sees, continues and cancels an upload; anyone else gets 404 and changes nothing', async () => {
    const data = pdfBytes(5000);
    const session = await start(owner.token, data.length);
    expect((await put(owner.token, session.id, 0, data.subarray(0, 1000))).status).toBe(200);
    for (const token of [stranger.token, officer.token]) {
      expect((await state(token, session.id)).json.error?.code).toBe('UPLOAD_NOT_FOUND');
      const res = await put(token, session.id, 1000, data.subarray(1000));
      expect(res.status).toBe(404);
      expect(res.json.error?.code).toBe('UPLOAD_NOT_FOUND');
      expect((await call(t, 'DELETE', `/api/uploads/${session.id}`, { token })).status).toBe(404);
    }
    for (const [method, url] of [
      ['POST', '/api/uploads'],
      ['GET', `/api/uploads/${session.id}`],
      ['PUT', `/api/uploads/${session.id}?offset=1000`],
      ['DELETE', `/api/uploads/${session.id}`],
    ] as const) {
      const res = await call(t, method, url, {
        ...(method === 'POST' ? { body: { name: 'a.pdf', size: 10, contentType: 'application/pdf' } } : {}),
      });
      expect(res.status, `${method} ${url}`).toBe(401);
    }
    expect((await state(owner.token, session.id)).json['offset']).toBe(1000);

    // An officer uploads for himself the same way (scans at the counter).
    const scan = await start(officer.token, data.length);
    expect((await put(officer.token, scan.id, 0, data)).json['fileId']).toEqual(expect.any(String));
    expect((await state(owner.token, scan.id)).status).toBe(404);

    // Cancelling removes the session and the bytes.
    const del = await call(t, 'DELETE', `/api/uploads/${session.id}`, { token: owner.token });
    expect(del.status).toBe(204);
    expect(fs.existsSync(partFile(session.id))).toBe(false);
    expect((await state(owner.token, session.id)).status).toBe(404);
    expect((await put(owner.token, session.id, 1000, data.subarray(1000))).status).toBe(404);
    expect(await auditTypes(session.id)).toEqual(['upload.started', 'upload.cancelled']);
  });
});

/* ------------------------------------------------------------------ expiry */

describe('expired uploads', () => {
  it('are removed with their partial bytes by the worker after 24 hours; stored files stay', async () => {
    t.setNow('2026-03-10T08:00:00+07:00');
    const unfinished = await start(owner.token, 5000);
    expect((await put(owner.token, unfinished.id, 0, pdfBytes(5000).subarray(0, 2000))).status).toBe(200);
    const finished = await start(owner.token, 3000);
    const fileId = (await put(owner.token, finished.id, 0, pdfBytes(3000))).json['fileId'] as string;
    // A partial file whose session was never written (a crash at the start), old and recent.
    const oldOrphan = partFile(crypto.randomUUID());
    const newOrphan = partFile(crypto.randomUUID());
    fs.writeFileSync(oldOrphan, 'x');
    fs.writeFileSync(newOrphan, 'x');
    const longAgo = new Date('2026-03-01T00:00:00Z');
    fs.utimesSync(oldOrphan, longAgo, longAgo);
    fs.utimesSync(newOrphan, new Date('2026-03-11T01:00:00Z'), new Date('2026-03-11T01:00:00Z'));

    const worker = new OutboxWorker({
      db: t.db,
      clock: t.ctx.clock,
      logger: t.ctx.logger,
      handlers: outboxHandlers(t.ctx),
      backoffMs: () => 0,
    });
    t.advance(23 * 3600 * 1000);
    await worker.drain();
    expect((await state(owner.token, unfinished.id)).status).toBe(200);

    t.advance(3600 * 1000 + 1);
    await worker.drain();
    const sweeps = await t.db
      .selectFrom('outboxMessage')
      .select(['processedAt', 'deadAt'])
      .where('topic', '=', 'upload.expire')
      .where('aggregateId', 'in', [unfinished.id, finished.id])
      .execute();
    expect(sweeps).toHaveLength(2);
    expect(sweeps.every((m) => m.processedAt !== null && m.deadAt === null)).toBe(true);
    for (const id of [unfinished.id, finished.id]) {
      expect(
        await t.db.selectFrom('uploadSession').select('id').where('id', '=', id).executeTakeFirst(),
      ).toBeUndefined();
      expect(await auditTypes(id)).toContain('upload.expired');
    }
    expect(fs.existsSync(partFile(unfinished.id))).toBe(false);
    expect(fs.existsSync(oldOrphan)).toBe(false);
    expect(fs.existsSync(newOrphan)).toBe(true);
    // The finished file is an ordinary file now and stays.
    expect((await call(t, 'GET', `/api/files/${fileId}`, { token: owner.token })).status).toBe(200);
    // An expired session is gone for its owner too.
    expect((await put(owner.token, unfinished.id, 2000, pdfBytes(3000))).status).toBe(404);
    fs.rmSync(newOrphan);
  });
});
