import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, type TestDbMode } from '../../../test/test-databases.ts';
import { loadConfig } from '../../config.ts';
import { buildApp } from '../../http/build-app.ts';
import type { AppInstance } from '../../http/types.ts';
import { startS3Sandbox, type S3Sandbox } from '../../sandbox/s3-sandbox.ts';
import { createContext } from '../../server.ts';
import type { Logger } from '../../shared/app-context.ts';
import { registerCitizen } from '../user/user.service.ts';

/** The app assembled as `motcua serve` does (createContext) with FILE_STORE=s3 on the sandbox. */
// eslint-disable-next-line no-restricted-syntax -- the vitest project chooses the database, as in test-context.ts
const mode = (process.env['MOTCUA_TEST_DB'] ?? 'pglite') as TestDbMode;
const silent: Logger = { info() {}, warn() {}, error() {}, debug() {} };
const MB = 1024 * 1024;
let sandbox: S3Sandbox;
let database: TestDatabase;
let app: AppInstance;
let dataDir: string;
let token: string;

beforeAll(async () => {
  sandbox = await startS3Sandbox();
  database = await createTestDatabase(mode);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-s3-app-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    WORKER_ENABLED: 'false',
    MOTCUA_DATA_DIR: dataDir,
    FILE_STORE: 's3',
    S3_ENDPOINT: sandbox.url,
    S3_BUCKET: sandbox.bucket,
    S3_ACCESS_KEY_ID: sandbox.accessKeyId,
    S3_SECRET_ACCESS_KEY: sandbox.secretAccessKey,
    S3_PREFIX: 'motcua/',
    S3_MULTIPART_THRESHOLD_MB: '5',
    S3_PART_SIZE_MB: '5',
  });
  const ctx = createContext(config, database.handle, silent);
  await ctx.files.verify?.();
  app = await buildApp(ctx);
  const citizen = await registerCitizen(ctx, {
    kind: 'citizen',
    fullName: 'Trần Thị Bình',
    idNumber: '038190004321',
    phone: '0912345679',
    email: 'binh@example.vn',
    password: 'Motcua-2026-test',
    preferredLanguage: 'vi',
  });
  token = citizen.token;
});

afterAll(async () => {
  await app.close();
  await database.drop();
  await sandbox.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function pdf(size: number): Buffer {
  const data = crypto.randomBytes(size);
  Buffer.from('%PDF-1.7\n').copy(data, 0);
  return data;
}

async function storageKeyOf(fileId: string): Promise<string> {
  const row = await database.handle.db
    .selectFrom('fileObject')
    .select('storageKey')
    .where('id', '=', fileId)
    .executeTakeFirstOrThrow();
  return row.storageKey;
}

describe('files through the HTTP API with FILE_STORE=s3', () => {
  it('uploads to the bucket and downloads the same bytes; nothing lands on local disk', async () => {
    const data = pdf(300_000);
    const up = await app.inject({
      method: 'POST',
      url: `/api/files?name=${encodeURIComponent('Giấy chứng nhận.pdf')}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
      payload: data,
    });
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json<{ id: string; sha256: string }>();
    const key = await storageKeyOf(file.id);
    expect(sandbox.keys()).toContain(`motcua/${key}`);
    expect(sandbox.read(`motcua/${key}`)?.equals(data)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'files'))).toBe(false);

    const down = await app.inject({
      method: 'GET',
      url: `/api/files/${file.id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(data)).toBe(true);
  });

  it('a resumable upload goes up by multipart and comes back identical', async () => {
    const data = pdf(12 * MB + 3);
    const start = await app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'Bản vẽ.pdf', size: data.length, contentType: 'application/pdf' },
    });
    expect(start.statusCode, start.body).toBe(201);
    const session = start.json<{ id: string; chunkSize: number }>();
    let fileId: string | null = null;
    for (let offset = 0; offset < data.length; offset += session.chunkSize) {
      const res = await app.inject({
        method: 'PUT',
        url: `/api/uploads/${session.id}?offset=${offset}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        payload: data.subarray(offset, offset + session.chunkSize),
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
      fileId = res.json<{ fileId: string | null }>().fileId;
    }
    expect(fileId).not.toBeNull();
    const key = await storageKeyOf(fileId as string);
    expect(sandbox.requests.filter((r) => r.operation === 'UploadPart' && r.status === 200)).toHaveLength(3);
    expect(sandbox.openUploads()).toBe(0);
    const down = await app.inject({
      method: 'GET',
      url: `/api/files/${fileId as string}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(data)).toBe(true);
    expect(sandbox.read(`motcua/${key}`)?.equals(data)).toBe(true);
  });

  it('a store that is down answers 503 FILE_STORE_UNAVAILABLE and records no file', async () => {
    const before = await database.handle.db
      .selectFrom('fileObject')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    sandbox.failNext({ kind: 'status', status: 503 }, { times: 20 });
    try {
      const up = await app.inject({
        method: 'POST',
        url: '/api/files?name=don.pdf',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
        payload: pdf(1000),
      });
      expect(up.statusCode).toBe(503);
      expect(up.json<{ error: { code: string } }>().error.code).toBe('FILE_STORE_UNAVAILABLE');
    } finally {
      sandbox.clearFaults();
    }
    const after = await database.handle.db
      .selectFrom('fileObject')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
