import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { startS3Sandbox, type S3Sandbox } from '../../sandbox/s3-sandbox.ts';
import { createConfiguredFileStore } from './file-store-factory.ts';
import { createLocalFileStore, FileStoreError, type FileStore } from './file-store.ts';
import { createS3FileStore, s3OptionsFromConfig, type S3FileStoreOptions } from './s3-file-store.ts';
import { canonicalRequest, sha256Hex, signature, signRequest, stringToSign } from './s3-signature.ts';

const MB = 1024 * 1024;
let sandbox: S3Sandbox;
let workDir: string;
let largeFile: string;
let largeSha: string;
const LARGE_BYTES = 80 * MB;

beforeAll(async () => {
  sandbox = await startS3Sandbox({ buckets: ['motcua', 'other-bucket'] });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-store-test-'));
  // 80 MB on disk, written 1 MB at a time (never whole in memory), distinct in every megabyte.
  largeFile = path.join(workDir, 'large.bin');
  const hash = crypto.createHash('sha256');
  const out = fs.openSync(largeFile, 'w');
  const block = crypto.randomBytes(MB);
  for (let i = 0; i < LARGE_BYTES / MB; i++) {
    block.writeUInt32BE(i, 0);
    fs.writeSync(out, block);
    hash.update(block);
  }
  fs.closeSync(out);
  largeSha = hash.digest('hex');
}, 60_000);

afterAll(async () => {
  await sandbox.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

function s3Options(overrides: Partial<S3FileStoreOptions> = {}): S3FileStoreOptions {
  return {
    endpoint: sandbox.url,
    region: sandbox.region,
    bucket: sandbox.bucket,
    credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
    forcePathStyle: true,
    retryBaseMs: 5,
    ...overrides,
  };
}

async function streamSha256(stream: Readable): Promise<{ sha: string; size: number }> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha: hash.digest('hex'), size };
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function rejection(promise: Promise<unknown>): Promise<FileStoreError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FileStoreError) return error;
    throw error;
  }
  throw new Error('expected a FileStoreError');
}

/** Peak of JS heap + Buffer memory above the level before `fn`, sampled every 5 ms. */
async function peakMemoryDuring(fn: () => Promise<void>): Promise<number> {
  const level = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = level();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, level());
  }, 5);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, level());
  return peak - before;
}

/* ------------------------------------------------------------------ the contract, for both stores */

const stores: [string, () => FileStore][] = [
  ['local', () => createLocalFileStore(fs.mkdtempSync(path.join(workDir, 'local-')))],
  ['s3', () => createS3FileStore(s3Options())],
];

describe.each(stores)('FileStore contract: %s', (name, makeStore) => {
  let store: FileStore;
  beforeAll(() => {
    store = makeStore();
  });

  it('gives back exactly the bytes put, and overwrites a key', async () => {
    const data = crypto.randomBytes(3 * MB + 17);
    await store.put('2026/03/contract-put', data);
    expect((await bytesOf(await store.get('2026/03/contract-put'))).equals(data)).toBe(true);
    const small = Buffer.from('Tờ khai đăng ký khai sinh', 'utf8');
    await store.put('2026/03/contract-put', small);
    expect((await bytesOf(await store.get('2026/03/contract-put'))).equals(small)).toBe(true);
    await store.put('2026/03/contract-empty', Buffer.alloc(0));
    expect((await bytesOf(await store.get('2026/03/contract-empty'))).length).toBe(0);
  });

  it('copies a small local file and leaves the source in place', async () => {
    const source = path.join(workDir, `${name}-small.bin`);
    const data = crypto.randomBytes(MB + 5);
    fs.writeFileSync(source, data);
    await store.putFile('2026/03/contract-small-file', source);
    expect((await bytesOf(await store.get('2026/03/contract-small-file'))).equals(data)).toBe(true);
    expect(fs.readFileSync(source).equals(data)).toBe(true);
  });

  it('stores an 80 MB file from disk with bounded memory and streams it back identical', async () => {
    const requestsBefore = sandbox.requests.length;
    const peak = await peakMemoryDuring(() => store.putFile('2026/03/contract-large', largeFile));
    // The file is never held in memory: the store streams it (the sandbox too, in this process).
    console.info(`${name}: 80 MB putFile, peak heap+buffers ${(peak / MB).toFixed(1)} MB`);
    expect(peak).toBeLessThan(60 * MB);
    expect(fs.statSync(largeFile).size).toBe(LARGE_BYTES);
    const back = await streamSha256(await store.get('2026/03/contract-large'));
    expect(back).toEqual({ sha: largeSha, size: LARGE_BYTES });
    if (name === 's3') {
      // Above 64 MB: a multipart upload in 16 MB parts, completed, nothing left open.
      const ops = sandbox.requests.slice(requestsBefore).map((r) => `${r.operation} ${r.status}`);
      expect(ops.filter((o) => o === 'CreateMultipartUpload 200')).toHaveLength(1);
      expect(ops.filter((o) => o === 'UploadPart 200')).toHaveLength(5);
      expect(ops.filter((o) => o === 'CompleteMultipartUpload 200')).toHaveLength(1);
      expect(ops.filter((o) => o.startsWith('PutObject'))).toHaveLength(0);
      expect(sandbox.openUploads()).toBe(0);
    }
  }, 120_000);

  it('tells whether a key exists; remove is idempotent; a removed key is not found', async () => {
    const key = '2026/03/contract-exists';
    expect(await store.exists(key)).toBe(false);
    await store.put(key, Buffer.from('x'));
    expect(await store.exists(key)).toBe(true);
    await store.remove(key);
    expect(await store.exists(key)).toBe(false);
    await store.remove(key);
    await store.remove('2026/03/never-stored');
    const missing = await rejection(store.get(key));
    expect({ failure: missing.failure, code: missing.code }).toEqual({
      failure: 'not-found',
      code: 'FILE_NOT_FOUND',
    });
  });

  it('rejects invalid keys on every operation, before touching the store', async () => {
    const requestsBefore = sandbox.requests.length;
    const source = path.join(workDir, `${name}-key.bin`);
    fs.writeFileSync(source, 'x');
    const invalid = [
      '',
      '../etc/passwd',
      '/abs',
      'a/../b',
      'a//b',
      'a b',
      'dir/',
      'ký-tự',
      'a?b',
      '%2e%2e/x',
    ];
    for (const key of invalid) {
      const attempts = [
        store.put(key, Buffer.from('x')),
        store.putFile(key, source),
        store.get(key),
        store.exists(key),
        store.remove(key),
      ];
      for (const attempt of attempts) {
        const error = await rejection(attempt);
        expect({ key, failure: error.failure, message: error.message }).toEqual({
          key,
          failure: 'invalid-key',
          message: `Invalid storage key: ${key}`,
        });
      }
    }
    expect(sandbox.requests.length).toBe(requestsBefore);
  });

  it('verifies it is usable', async () => {
    await expect(store.verify?.()).resolves.toBeUndefined();
  });
});

/* ------------------------------------------------------------------ S3 specifics */

describe('AWS Signature V4', () => {
  it('matches the worked GET Object example of the AWS documentation', () => {
    const date = new Date('2013-05-24T00:00:00Z');
    const input = {
      method: 'GET',
      path: '/test.txt',
      query: [] as [string, string][],
      headers: {
        Host: 'examplebucket.s3.amazonaws.com',
        Range: 'bytes=0-9',
        'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'x-amz-date': '20130524T000000Z',
      },
      payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    };
    const canonical = canonicalRequest(input);
    expect(canonical.signedHeaders).toBe('host;range;x-amz-content-sha256;x-amz-date');
    expect(stringToSign(canonical.text, date, 'us-east-1')).toBe(
      'AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n' +
        '7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972',
    );
    expect(signature(input, 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', date, 'us-east-1').signature).toBe(
      'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('the sandbox refuses a body that does not match its signed hash', async () => {
    const url = new URL(sandbox.url);
    const body = Buffer.from('the real bytes');
    const headers = signRequest(
      {
        method: 'PUT',
        path: '/motcua/2026/03/tampered',
        query: [],
        headers: { host: url.host, 'content-length': String(body.length) },
        payloadHash: sha256Hex('other bytes'),
      },
      { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey },
      sandbox.region,
      new Date(),
    );
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        { hostname: url.hostname, port: url.port, method: 'PUT', path: '/motcua/2026/03/tampered', headers },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
    expect(sandbox.keys()).not.toContain('2026/03/tampered');
  });
});

describe('S3 file store: refusals and failures', () => {
  it('wrong secret → a clear error naming S3_SECRET_ACCESS_KEY (SignatureDoesNotMatch)', async () => {
    const store = createS3FileStore(
      s3Options({ credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: 'not-the-secret' } }),
    );
    const error = await rejection(store.put('2026/03/denied', Buffer.from('x')));
    expect({ failure: error.failure, code: error.code, details: error.details }).toEqual({
      failure: 'denied',
      code: 'INTERNAL',
      details: { operation: 'PutObject', status: 403, s3Code: 'SignatureDoesNotMatch' },
    });
    expect(error.message).toBe(
      'Kho lưu trữ tệp / File store: PutObject 2026/03/denied failed: the store refused the request signature: ' +
        'check S3_SECRET_ACCESS_KEY (and S3_REGION) (HTTP 403 SignatureDoesNotMatch)',
    );
    expect(sandbox.keys()).not.toContain('2026/03/denied');
    // The check at start says so too (HEAD carries no error body: the generic words).
    const atStart = await rejection(store.verify());
    expect(atStart.failure).toBe('denied');
    expect(atStart.message).toContain('check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
    // exists() does not mistake a refusal for "absent".
    expect((await rejection(store.exists('2026/03/contract-put'))).failure).toBe('denied');
  });

  it('unknown access key, wrong region and missing bucket are named', async () => {
    const unknownKey = createS3FileStore(
      s3Options({ credentials: { accessKeyId: 'NOSUCHKEY', secretAccessKey: sandbox.secretAccessKey } }),
    );
    expect((await rejection(unknownKey.put('2026/03/k', Buffer.from('x')))).message).toContain(
      'check S3_ACCESS_KEY_ID (HTTP 403 InvalidAccessKeyId)',
    );
    const wrongRegion = createS3FileStore(s3Options({ region: 'ap-southeast-1' }));
    const region = await rejection(wrongRegion.get('2026/03/contract-put'));
    expect(region.failure).toBe('denied');
    expect(region.message).toContain(
      "check S3_REGION (The authorization header is malformed; the region 'ap-southeast-1' is wrong; expecting 'us-east-1')",
    );
    const noBucket = createS3FileStore(s3Options({ bucket: 'no-such-bucket' }));
    expect((await rejection(noBucket.verify())).message).toContain(
      'the bucket does not exist: check S3_BUCKET or create it (HTTP 404 NoSuchBucket)',
    );
    const put = await rejection(noBucket.put('2026/03/k', Buffer.from('x')));
    expect({ failure: put.failure, s3Code: put.details?.['s3Code'] }).toEqual({
      failure: 'failed',
      s3Code: 'NoSuchBucket',
    });
  });

  it('retries a transient 500 once and succeeds; a reset connection too', async () => {
    const store = createS3FileStore(s3Options());
    const before = sandbox.requests.length;
    sandbox.failNext({ kind: 'status', status: 500 }, { operation: 'PutObject' });
    const data = crypto.randomBytes(1000);
    await store.put('2026/03/retried', data);
    expect(sandbox.requests.slice(before).map((r) => `${r.operation} ${r.status}`)).toEqual([
      'PutObject 500',
      'PutObject 200',
    ]);
    expect(sandbox.read('2026/03/retried')?.equals(data)).toBe(true);
    sandbox.failNext({ kind: 'reset' }, { operation: 'GetObject' });
    expect((await bytesOf(await store.get('2026/03/retried'))).equals(data)).toBe(true);
  });

  it('a store that stays down → FILE_STORE_UNAVAILABLE after the last attempt', async () => {
    const store = createS3FileStore(s3Options({ maxAttempts: 3 }));
    const before = sandbox.requests.length;
    sandbox.failNext({ kind: 'status', status: 503 }, { times: 10 });
    try {
      const error = await rejection(store.put('2026/03/down', Buffer.from('x')));
      expect({ failure: error.failure, code: error.code, message: error.message }).toEqual({
        failure: 'unavailable',
        code: 'FILE_STORE_UNAVAILABLE',
        message:
          'Kho lưu trữ tệp / File store: PutObject 2026/03/down failed: Injected fault 503 (HTTP 503 SlowDown)',
      });
      const attempts = sandbox.requests.slice(before).filter((r) => r.path.endsWith('/2026/03/down'));
      expect(attempts.map((r) => r.status)).toEqual([503, 503, 503]);
    } finally {
      sandbox.clearFaults();
    }
  });

  it('a silent store times out and is retried; an unreachable one is unavailable', async () => {
    const store = createS3FileStore(s3Options({ timeoutMs: 200 }));
    sandbox.failNext({ kind: 'delay', ms: 1000 }, { operation: 'HeadObject' });
    const started = Date.now();
    expect(await store.exists('2026/03/retried')).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    const closed = await startS3Sandbox();
    const url = closed.url;
    await closed.close();
    const gone = createS3FileStore(s3Options({ endpoint: url, maxAttempts: 2 }));
    const error = await rejection(gone.put('2026/03/x', Buffer.from('x')));
    expect(error.code).toBe('FILE_STORE_UNAVAILABLE');
    expect(error.message).toContain('is unreachable');
  });

  it('retries a failed part; a multipart upload that cannot finish is aborted', async () => {
    const store = createS3FileStore(
      s3Options({ multipartThresholdBytes: 10 * MB, partSizeBytes: 5 * MB, partConcurrency: 2 }),
    );
    const source = path.join(workDir, 'twelve.bin');
    const data = crypto.randomBytes(12 * MB);
    fs.writeFileSync(source, data);
    const before = sandbox.requests.length;
    sandbox.failNext({ kind: 'status', status: 500 }, { operation: 'UploadPart' });
    await store.putFile('2026/03/parts-retried', source);
    expect(sandbox.read('2026/03/parts-retried')?.equals(data)).toBe(true);
    const parts = sandbox.requests.slice(before).filter((r) => r.operation === 'UploadPart');
    expect(parts.map((r) => r.status).sort()).toEqual([200, 200, 200, 500]);

    sandbox.failNext({ kind: 'status', status: 403, code: 'AccessDenied' }, { operation: 'UploadPart' });
    const error = await rejection(store.putFile('2026/03/parts-refused', source));
    expect(error.message).toContain('UploadPart 2026/03/parts-refused part');
    expect(error.message).toContain('(HTTP 403 AccessDenied)');
    expect(sandbox.openUploads()).toBe(0);
    expect(sandbox.keys()).not.toContain('2026/03/parts-refused');
    expect(sandbox.requests.some((r) => r.operation === 'AbortMultipartUpload' && r.status === 204)).toBe(
      true,
    );
  });

  it('keeps every key under S3_PREFIX', async () => {
    const store = createS3FileStore(s3Options({ prefix: 'motcua/tinh-thu-nghiem' }));
    await store.put('2026/03/prefixed', Buffer.from('abc'));
    expect(sandbox.keys()).toContain('motcua/tinh-thu-nghiem/2026/03/prefixed');
    expect(await store.exists('2026/03/prefixed')).toBe(true);
    await store.remove('2026/03/prefixed');
    expect(sandbox.keys()).not.toContain('motcua/tinh-thu-nghiem/2026/03/prefixed');
  });

  it('measures: 80 MB up and down through the sandbox', async () => {
    const store = createS3FileStore(s3Options());
    const up = Date.now();
    await store.putFile('2026/03/measured', largeFile);
    const upMs = Date.now() - up;
    const down = Date.now();
    await pipeline(await store.get('2026/03/measured'), fs.createWriteStream(path.join(workDir, 'down.bin')));
    const downMs = Date.now() - down;
    console.info(`S3 sandbox: 80 MB putFile ${upMs} ms, get ${downMs} ms`);
    expect(fs.statSync(path.join(workDir, 'down.bin')).size).toBe(LARGE_BYTES);
  }, 120_000);
});

describe('configuration', () => {
  it('FILE_STORE=s3 names every missing setting', () => {
    expect(() => loadConfig({ FILE_STORE: 's3', S3_BUCKET: 'motcua' })).toThrow(
      'Invalid configuration:\n' +
        '  S3_ENDPOINT: required when FILE_STORE=s3\n' +
        '  S3_ACCESS_KEY_ID: required when FILE_STORE=s3\n' +
        '  S3_SECRET_ACCESS_KEY: required when FILE_STORE=s3',
    );
    expect(() => loadConfig({ FILE_STORE: 'minio' })).toThrow(/FILE_STORE/);
    expect(() =>
      loadConfig({
        FILE_STORE: 's3',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_BUCKET: 'Motcua_Files',
        S3_ACCESS_KEY_ID: 'a',
        S3_SECRET_ACCESS_KEY: 'b',
      }),
    ).toThrow(/S3_BUCKET: an S3 bucket name/);
    expect(() => loadConfig({ S3_PREFIX: '../x' })).toThrow(/S3_PREFIX/);
  });

  it('local is the default; s3 settings make an S3 store (path style off AWS)', async () => {
    const local = loadConfig({ MOTCUA_DATA_DIR: path.join(workDir, 'data') });
    expect(local.FILE_STORE).toBe('local');
    const localStore = createConfiguredFileStore(local);
    await localStore.put('2026/03/config', Buffer.from('ok'));
    expect(fs.readFileSync(path.join(workDir, 'data', 'files', '2026', '03', 'config'), 'utf8')).toBe('ok');

    const config = loadConfig({
      FILE_STORE: 's3',
      S3_ENDPOINT: sandbox.url,
      S3_BUCKET: 'other-bucket',
      S3_ACCESS_KEY_ID: sandbox.accessKeyId,
      S3_SECRET_ACCESS_KEY: sandbox.secretAccessKey,
      S3_PREFIX: 'motcua/',
    });
    expect(s3OptionsFromConfig(config)).toMatchObject({
      region: 'us-east-1',
      forcePathStyle: true,
      prefix: 'motcua/',
      multipartThresholdBytes: 64 * MB,
      partSizeBytes: 16 * MB,
      timeoutMs: 30_000,
    });
    const aws = loadConfig({
      FILE_STORE: 's3',
      S3_ENDPOINT: 'https://s3.ap-southeast-1.amazonaws.com',
      S3_REGION: 'ap-southeast-1',
      S3_BUCKET: 'motcua',
      S3_ACCESS_KEY_ID: 'a',
      S3_SECRET_ACCESS_KEY: 'b',
    });
    expect(s3OptionsFromConfig(aws).forcePathStyle).toBe(false);
    const s3Store = createConfiguredFileStore(config);
    await s3Store.put('2026/03/config', Buffer.from('ok'));
    expect(sandbox.read('motcua/2026/03/config', 'other-bucket')?.toString()).toBe('ok');
  });
});
