import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../../config.ts';
import { assertValidKey, FileStoreError, type FileStore, type FileStoreFailure } from './file-store.ts';
import { EMPTY_SHA256, sha256Hex, signRequest, uriEncode, type SigningCredentials } from './s3-signature.ts';

/**
 * File store on an S3-compatible object store (AWS S3, MinIO, Ceph RGW, …), ADR 0015. Our own
 * small client over node:http(s) with AWS Signature V4: the eight calls we need, streamed
 * bodies (a 1 GB file never sits in memory), multipart uploads for large files, retries of
 * transient failures and errors that say what to fix.
 */
export interface S3FileStoreOptions {
  /** e.g. http://127.0.0.1:9000 or https://s3.ap-southeast-1.amazonaws.com */
  endpoint: string;
  region: string;
  bucket: string;
  credentials: SigningCredentials;
  /** http://endpoint/bucket/key (default) or http://bucket.endpoint/key. */
  forcePathStyle?: boolean;
  /** Folder inside the bucket (`motcua/`); prepended to every key. */
  prefix?: string;
  /** A request fails after this long without a byte either way. */
  timeoutMs?: number;
  /** putFile uses a multipart upload from this size on. */
  multipartThresholdBytes?: number;
  partSizeBytes?: number;
  /** Parts sent at the same time. */
  partConcurrency?: number;
  /** Attempts of one request when the store fails transiently (timeouts, resets, 5xx, SlowDown). */
  maxAttempts?: number;
  /** First wait between attempts, doubled each time (with jitter). */
  retryBaseMs?: number;
}

const MB = 1024 * 1024;
const MAX_PARTS = 10_000;
const MIN_PART_BYTES = 5 * MB;
const TRANSIENT_STATUS = new Set([500, 502, 503, 504, 429]);
const TRANSIENT_CODES = new Set(['RequestTimeout', 'SlowDown', 'InternalError', 'ServiceUnavailable']);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'S3_TIMEOUT',
]);

/** The options of a configuration with FILE_STORE=s3 (config.ts has checked the required ones). */
export function s3OptionsFromConfig(config: Config): S3FileStoreOptions {
  const { S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = config;
  if (!S3_ENDPOINT || !S3_BUCKET || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) {
    throw new Error('FILE_STORE=s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  }
  return {
    endpoint: S3_ENDPOINT,
    region: config.S3_REGION,
    bucket: S3_BUCKET,
    credentials: {
      accessKeyId: S3_ACCESS_KEY_ID,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
      sessionToken: config.S3_SESSION_TOKEN,
    },
    forcePathStyle: config.S3_FORCE_PATH_STYLE ?? !new URL(S3_ENDPOINT).hostname.endsWith('.amazonaws.com'),
    prefix: config.S3_PREFIX ?? '',
    timeoutMs: config.S3_TIMEOUT_MS,
    multipartThresholdBytes: config.S3_MULTIPART_THRESHOLD_MB * MB,
    partSizeBytes: config.S3_PART_SIZE_MB * MB,
  };
}

type Body = { kind: 'buffer'; data: Buffer } | { kind: 'file'; path: string; start: number; length: number };

interface S3Request {
  /** S3 API name, for messages: PutObject, UploadPart, … */
  operation: string;
  method: 'GET' | 'PUT' | 'HEAD' | 'DELETE' | 'POST';
  /** Full object key (prefix included); undefined addresses the bucket. */
  objectKey?: string | undefined;
  /** The caller's key, for messages. */
  key?: string | undefined;
  query?: [string, string][];
  headers?: Record<string, string>;
  body?: Body;
  payloadHash?: string;
}

interface S3Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  response: http.IncomingMessage;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function xmlValue(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return m?.[1]
    ?.replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

async function readText(response: http.IncomingMessage, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    const b = chunk as Buffer;
    if (size < limit) chunks.push(b.subarray(0, limit - size));
    size += b.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function hashFileRange(path: string, start: number, length: number): Promise<string> {
  const hash = crypto.createHash('sha256');
  if (length === 0) return EMPTY_SHA256;
  await pipeline(fs.createReadStream(path, { start, end: start + length - 1 }), hash);
  return hash.digest('hex');
}

/** Explains an S3 refusal in words an operator can act on. */
function explain(status: number, code: string | undefined, s3Message: string | undefined): string {
  switch (code ?? '') {
    case 'SignatureDoesNotMatch':
      return 'the store refused the request signature: check S3_SECRET_ACCESS_KEY (and S3_REGION)';
    case 'InvalidAccessKeyId':
      return 'the store does not know this access key: check S3_ACCESS_KEY_ID';
    case 'RequestTimeTooSkewed':
      return "this server's clock differs from the store's by more than 15 minutes";
    case 'AuthorizationHeaderMalformed':
      return `the store refused the signing region: check S3_REGION (${s3Message ?? ''})`;
    case 'AccessDenied':
      return 'the access key is not allowed to do this in the bucket (check its policy)';
    case 'NoSuchBucket':
      return 'the bucket does not exist: check S3_BUCKET or create it';
    case 'NoSuchUpload':
      return 'the multipart upload was aborted or has expired';
    default:
      break;
  }
  if (status === 403) return 'the store refused access: check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY';
  if (status === 301 || status === 307)
    return 'the bucket is in another region or endpoint: check S3_ENDPOINT and S3_REGION';
  return s3Message ?? `unexpected answer ${status}`;
}

function failureOf(status: number, code: string | undefined): FileStoreFailure {
  if (status === 404 && code !== 'NoSuchBucket' && code !== 'NoSuchUpload') return 'not-found';
  if (TRANSIENT_STATUS.has(status) || (code && TRANSIENT_CODES.has(code))) return 'unavailable';
  if (status === 401 || status === 403 || code === 'AuthorizationHeaderMalformed') return 'denied';
  return 'failed';
}

export function createS3FileStore(options: S3FileStoreOptions): FileStore & { verify(): Promise<void> } {
  const endpoint = new URL(options.endpoint);
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new Error(`S3_ENDPOINT must be an http(s) URL: ${options.endpoint}`);
  }
  const isHttps = endpoint.protocol === 'https:';
  const transport = isHttps ? https : http;
  const agent = isHttps
    ? new https.Agent({ keepAlive: true, maxSockets: 32 })
    : new http.Agent({ keepAlive: true, maxSockets: 32 });
  const pathStyle = options.forcePathStyle ?? true;
  const basePath = endpoint.pathname.replace(/\/+$/, '');
  const defaultPort = isHttps ? 443 : 80;
  const port = endpoint.port ? Number(endpoint.port) : defaultPort;
  const hostname = pathStyle ? endpoint.hostname : `${options.bucket}.${endpoint.hostname}`;
  const hostHeader = port === defaultPort ? hostname : `${hostname}:${port}`;
  const prefix = options.prefix ? options.prefix.replace(/^\/+/, '').replace(/\/*$/, '/') : '';
  if (prefix === '/') throw new Error('S3_PREFIX must not be only "/"');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const threshold = options.multipartThresholdBytes ?? 64 * MB;
  const basePartSize = Math.max(MIN_PART_BYTES, options.partSizeBytes ?? 16 * MB);
  const concurrency = Math.max(1, options.partConcurrency ?? 4);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const retryBaseMs = options.retryBaseMs ?? 200;
  const where = `S3 bucket ${options.bucket} at ${endpoint.host}`;

  function objectKeyOf(key: string): string {
    assertValidKey(key);
    return `${prefix}${key}`;
  }

  function describe(req: S3Request): string {
    return `${req.operation}${req.key ? ` ${req.key}` : ''}`;
  }

  function storeError(
    req: S3Request,
    status: number,
    code: string | undefined,
    s3Message: string | undefined,
  ) {
    const failure = failureOf(status, code);
    const reason = failure === 'not-found' ? 'no such object' : explain(status, code, s3Message);
    return new FileStoreError(
      failure,
      `Kho lưu trữ tệp / File store: ${describe(req)} failed: ${reason} (HTTP ${status}${code ? ` ${code}` : ''})`,
      { details: { operation: req.operation, status, ...(code ? { s3Code: code } : {}) } },
    );
  }

  /** One attempt: signs and sends the request, resolves with the answer's head. */
  function sendOnce(req: S3Request): Promise<S3Answer> {
    const decodedPath = `${basePath}${pathStyle ? `/${options.bucket}` : ''}${
      req.objectKey !== undefined ? `/${req.objectKey}` : pathStyle ? '' : '/'
    }`;
    const query = req.query ?? [];
    const bodyLength = req.body ? (req.body.kind === 'buffer' ? req.body.data.length : req.body.length) : 0;
    const baseHeaders: Record<string, string> = { host: hostHeader, ...(req.headers ?? {}) };
    if (req.method === 'PUT' || req.method === 'POST') baseHeaders['content-length'] = String(bodyLength);
    const signed = signRequest(
      {
        method: req.method,
        path: decodedPath,
        query,
        headers: baseHeaders,
        payloadHash: req.payloadHash ?? EMPTY_SHA256,
      },
      options.credentials,
      options.region,
      new Date(),
    );
    const search = query.map(([k, v]) => (v === '' ? uriEncode(k) : `${uriEncode(k)}=${uriEncode(v)}`));
    const requestPath = `${uriEncode(decodedPath, true)}${search.length > 0 ? `?${search.join('&')}` : ''}`;
    return new Promise<S3Answer>((resolve, reject) => {
      let isAnswered = false;
      const request = transport.request({
        hostname: endpoint.hostname,
        port,
        method: req.method,
        path: requestPath,
        headers: signed,
        agent,
        ...(isHttps && !pathStyle ? { servername: hostname } : {}),
      });
      request.setTimeout(timeoutMs, () => {
        const error = Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'S3_TIMEOUT' });
        request.destroy(error);
      });
      request.on('error', (error) => {
        if (!isAnswered) reject(error);
      });
      request.on('response', (response) => {
        isAnswered = true;
        resolve({ status: response.statusCode ?? 0, headers: response.headers, response });
      });
      const body = req.body;
      if (!body) {
        request.end();
      } else if (body.kind === 'buffer') {
        request.end(body.data);
      } else if (body.length === 0) {
        request.end();
      } else {
        const source = fs.createReadStream(body.path, {
          start: body.start,
          end: body.start + body.length - 1,
        });
        pipeline(source, request).catch((error: unknown) => {
          // An early answer (a refusal before the whole body was read) wins over the broken pipe.
          if (!isAnswered) request.destroy(error as Error);
        });
      }
    });
  }

  /**
   * Sends with retries of transient failures; returns the answer when it is not transient (the
   * caller reads its status) and throws a FileStoreError after the last attempt.
   */
  async function send(req: S3Request): Promise<S3Answer> {
    let lastError: FileStoreError | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) {
        const wait = retryBaseMs * 2 ** (attempt - 2);
        await sleep(wait / 2 + Math.random() * (wait / 2));
      }
      let answer: S3Answer;
      try {
        answer = await sendOnce(req);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EISDIR') throw error; // the local source file
        const isNetwork = code !== undefined && NETWORK_CODES.has(code);
        lastError = new FileStoreError(
          isNetwork ? 'unavailable' : 'failed',
          `Kho lưu trữ tệp / File store: ${describe(req)} failed: ${where} is unreachable (${
            (error as Error).message
          })`,
          { cause: error, details: { operation: req.operation, attempts: attempt } },
        );
        if (!isNetwork) throw lastError;
        continue;
      }
      if (TRANSIENT_STATUS.has(answer.status) || answer.status === 400) {
        const text = req.method === 'HEAD' ? '' : await readText(answer.response);
        const code = xmlValue(text, 'Code');
        if (TRANSIENT_STATUS.has(answer.status) || (code && TRANSIENT_CODES.has(code))) {
          lastError = storeError(req, answer.status, code, xmlValue(text, 'Message'));
          continue;
        }
        throw storeError(req, answer.status, code, xmlValue(text, 'Message'));
      }
      return answer;
    }
    throw lastError ?? new FileStoreError('unavailable', `File store: ${describe(req)} failed`);
  }

  /** Sends and expects one of `ok`; anything else becomes a FileStoreError. The body is read. */
  async function call(
    req: S3Request,
    ok: readonly number[],
  ): Promise<{ headers: http.IncomingHttpHeaders; text: string }> {
    const answer = await send(req);
    const text = req.method === 'HEAD' ? '' : await readText(answer.response, 1024 * 1024);
    if (req.method === 'HEAD') answer.response.resume();
    if (!ok.includes(answer.status)) {
      throw storeError(req, answer.status, xmlValue(text, 'Code'), xmlValue(text, 'Message'));
    }
    return { headers: answer.headers, text };
  }

  async function putObjectFromFile(key: string, objectKey: string, localPath: string, size: number) {
    const payloadHash = await hashFileRange(localPath, 0, size);
    await call(
      {
        operation: 'PutObject',
        method: 'PUT',
        objectKey,
        key,
        headers: { 'content-type': 'application/octet-stream' },
        body: { kind: 'file', path: localPath, start: 0, length: size },
        payloadHash,
      },
      [200],
    );
  }

  async function multipartUpload(key: string, objectKey: string, localPath: string, size: number) {
    const partSize = Math.max(basePartSize, Math.ceil(size / MAX_PARTS));
    const partCount = Math.ceil(size / partSize);
    const created = await call(
      {
        operation: 'CreateMultipartUpload',
        method: 'POST',
        objectKey,
        key,
        query: [['uploads', '']],
        headers: { 'content-type': 'application/octet-stream' },
      },
      [200],
    );
    const uploadId = xmlValue(created.text, 'UploadId');
    if (!uploadId) {
      throw new FileStoreError(
        'failed',
        `File store: CreateMultipartUpload ${key} answered without an UploadId`,
      );
    }
    const etags: string[] = new Array<string>(partCount);
    try {
      let next = 0;
      let isFailed = false;
      async function worker(): Promise<void> {
        while (next < partCount && !isFailed) {
          const index = next;
          next += 1;
          const start = index * partSize;
          const length = Math.min(partSize, size - start);
          const payloadHash = await hashFileRange(localPath, start, length);
          const answer = await call(
            {
              operation: 'UploadPart',
              method: 'PUT',
              objectKey,
              key: `${key} part ${index + 1}/${partCount}`,
              query: [
                ['partNumber', String(index + 1)],
                ['uploadId', uploadId as string],
              ],
              body: { kind: 'file', path: localPath, start, length },
              payloadHash,
            },
            [200],
          );
          const etag = answer.headers.etag;
          if (!etag)
            throw new FileStoreError('failed', `File store: UploadPart ${key} answered without an ETag`);
          etags[index] = etag;
        }
      }
      // Every part in flight settles before an abort, so no part lands after it.
      const settled = await Promise.allSettled(
        Array.from({ length: Math.min(concurrency, partCount) }, () =>
          worker().catch((error: unknown) => {
            isFailed = true;
            throw error;
          }),
        ),
      );
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      const xml = `<CompleteMultipartUpload>${etags
        .map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${xmlEscape(etag)}</ETag></Part>`)
        .join('')}</CompleteMultipartUpload>`;
      const data = Buffer.from(xml, 'utf8');
      const completeRequest: S3Request = {
        operation: 'CompleteMultipartUpload',
        method: 'POST',
        objectKey,
        key,
        query: [['uploadId', uploadId]],
        headers: { 'content-type': 'application/xml' },
        body: { kind: 'buffer', data },
        payloadHash: sha256Hex(data),
      };
      const completed = await call(completeRequest, [200]);
      // S3 may answer 200 and report the failure in the body.
      const errorCode = completed.text.includes('<Error>') ? xmlValue(completed.text, 'Code') : undefined;
      if (errorCode) {
        throw storeError(
          completeRequest,
          TRANSIENT_CODES.has(errorCode) ? 503 : 500,
          errorCode,
          xmlValue(completed.text, 'Message'),
        );
      }
    } catch (error) {
      await call(
        {
          operation: 'AbortMultipartUpload',
          method: 'DELETE',
          objectKey,
          key,
          query: [['uploadId', uploadId]],
        },
        [200, 204, 404],
      ).catch(() => undefined);
      throw error;
    }
  }

  return {
    async put(key, data) {
      const objectKey = objectKeyOf(key);
      await call(
        {
          operation: 'PutObject',
          method: 'PUT',
          objectKey,
          key,
          headers: { 'content-type': 'application/octet-stream' },
          body: { kind: 'buffer', data },
          payloadHash: sha256Hex(data),
        },
        [200],
      );
    },
    async putFile(key, localPath) {
      const objectKey = objectKeyOf(key);
      const { size } = await fs.promises.stat(localPath);
      if (size >= threshold) await multipartUpload(key, objectKey, localPath, size);
      else await putObjectFromFile(key, objectKey, localPath, size);
    },
    async get(key) {
      const req: S3Request = { operation: 'GetObject', method: 'GET', objectKey: objectKeyOf(key), key };
      const answer = await send(req);
      if (answer.status !== 200) {
        const text = await readText(answer.response);
        throw storeError(req, answer.status, xmlValue(text, 'Code'), xmlValue(text, 'Message'));
      }
      return answer.response;
    },
    async exists(key) {
      const req: S3Request = { operation: 'HeadObject', method: 'HEAD', objectKey: objectKeyOf(key), key };
      const answer = await send(req);
      answer.response.resume();
      if (answer.status === 200) return true;
      if (answer.status === 404) return false;
      throw storeError(req, answer.status, undefined, undefined);
    },
    async remove(key) {
      await call(
        { operation: 'DeleteObject', method: 'DELETE', objectKey: objectKeyOf(key), key },
        [200, 204, 404],
      );
    },
    async verify() {
      const req: S3Request = { operation: 'HeadBucket', method: 'HEAD' };
      const answer = await send(req);
      answer.response.resume();
      if (answer.status === 200) return;
      if (answer.status === 404) throw storeError(req, 404, 'NoSuchBucket', undefined);
      const region = answer.headers['x-amz-bucket-region'];
      const error = storeError(req, answer.status, undefined, undefined);
      throw typeof region === 'string' && region !== options.region
        ? new FileStoreError(
            'denied',
            `Kho lưu trữ tệp / File store: the bucket is in region ${region}, not ${options.region}: check S3_REGION`,
          )
        : error;
    },
  };
}
