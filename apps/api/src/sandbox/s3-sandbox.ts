import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  canonicalRequest,
  parseAmzDate,
  parseAuthorization,
  signature,
  stringToSign,
  UNSIGNED_PAYLOAD,
} from '../modules/file/s3-signature.ts';

/**
 * A loopback S3-compatible object store for tests and the demo (ADR 0015): a real HTTP server
 * speaking the subset of the S3 REST API the file store uses (Put/Get/Head/DeleteObject,
 * Create/UploadPart/Complete/AbortMultipartUpload, Create/HeadBucket), path-style or
 * virtual-hosted, verifying every AWS Signature V4 and payload hash the way S3 does, and keeping
 * objects in a temporary folder (bodies are streamed to disk, never held in memory). It can be
 * told to fail: an error status, a silence, a reset connection, for a given operation.
 */
export type S3Operation =
  | 'PutObject'
  | 'GetObject'
  | 'HeadObject'
  | 'DeleteObject'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload'
  | 'CreateBucket'
  | 'HeadBucket';

export type S3Fault =
  { kind: 'status'; status: number; code?: string } | { kind: 'delay'; ms: number } | { kind: 'reset' };

export interface S3SandboxRequest {
  operation: S3Operation | 'Unknown';
  method: string;
  path: string;
  status: number;
  bytesReceived: number;
}

export interface S3SandboxOptions {
  port?: number;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Buckets that exist from the start. */
  buckets?: string[];
  /** Storage folder; a temporary one (removed on close) when unset. */
  dir?: string;
  /** Smallest part except the last, as in S3 (5 MiB). */
  minPartBytes?: number;
  /** Largest accepted clock difference of a signed request (S3: 15 minutes). */
  maxSkewMs?: number;
}

export interface S3Sandbox {
  /** Endpoint for S3_ENDPOINT, e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly region: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly dir: string;
  readonly requests: S3SandboxRequest[];
  /** The next `times` requests (of `operation`, or any) meet `fault`. */
  failNext(fault: S3Fault, options?: { operation?: S3Operation; times?: number }): void;
  clearFaults(): void;
  /** Object keys of a bucket, sorted. */
  keys(bucket?: string): string[];
  /** Bytes of an object (tests), or undefined. */
  read(key: string, bucket?: string): Buffer | undefined;
  /** Multipart uploads started and neither completed nor aborted. */
  openUploads(): number;
  close(): Promise<void>;
}

interface StoredObject {
  file: string;
  size: number;
  etag: string;
  lastModified: Date;
}

interface Upload {
  bucket: string;
  key: string;
  parts: Map<number, { file: string; size: number; etag: string }>;
}

class S3Failure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new S3Failure(400, 'InvalidURI', 'Could not parse the specified URI');
  }
}

export async function startS3Sandbox(options: S3SandboxOptions = {}): Promise<S3Sandbox> {
  const region = options.region ?? 'us-east-1';
  const accessKeyId = options.accessKeyId ?? 'MOTCUASANDBOXKEY';
  const secretAccessKey = options.secretAccessKey ?? 'motcua-sandbox-secret-access-key-0000';
  const buckets = new Map<string, Map<string, StoredObject>>();
  for (const b of options.buckets ?? ['motcua']) buckets.set(b, new Map());
  const isTempDir = options.dir === undefined;
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-s3-'));
  fs.mkdirSync(path.join(dir, 'objects'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'parts'), { recursive: true });
  const minPartBytes = options.minPartBytes ?? 5 * 1024 * 1024;
  const maxSkewMs = options.maxSkewMs ?? 15 * 60 * 1000;
  const uploads = new Map<string, Upload>();
  const requests: S3SandboxRequest[] = [];
  let faults: { fault: S3Fault; operation: S3Operation | undefined }[] = [];

  function takeFault(operation: S3Operation | 'Unknown'): S3Fault | undefined {
    const i = faults.findIndex((f) => f.operation === undefined || f.operation === operation);
    if (i < 0) return undefined;
    const [found] = faults.splice(i, 1);
    return found?.fault;
  }

  function operationOf(method: string, key: string, query: Map<string, string>): S3Operation | 'Unknown' {
    if (key === '') {
      if (method === 'PUT') return 'CreateBucket';
      if (method === 'HEAD') return 'HeadBucket';
      return 'Unknown';
    }
    if (method === 'PUT') return query.has('uploadId') ? 'UploadPart' : 'PutObject';
    if (method === 'GET') return 'GetObject';
    if (method === 'HEAD') return 'HeadObject';
    if (method === 'DELETE') return query.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
    if (method === 'POST' && query.has('uploads')) return 'CreateMultipartUpload';
    if (method === 'POST' && query.has('uploadId')) return 'CompleteMultipartUpload';
    return 'Unknown';
  }

  /** Checks the AWS Signature V4 of a request as S3 does (header-based authentication). */
  function verifySignature(req: http.IncomingMessage, decodedPath: string, query: [string, string][]): void {
    const header = req.headers.authorization;
    if (!header) throw new S3Failure(403, 'AccessDenied', 'Anonymous access is not allowed');
    const auth = parseAuthorization(header);
    if (!auth) {
      throw new S3Failure(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed');
    }
    if (auth.accessKeyId !== accessKeyId) {
      throw new S3Failure(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
      );
    }
    if (auth.region !== region) {
      throw new S3Failure(
        400,
        'AuthorizationHeaderMalformed',
        `The authorization header is malformed; the region '${auth.region}' is wrong; expecting '${region}'`,
        { Region: region },
      );
    }
    if (auth.service !== 's3') {
      throw new S3Failure(400, 'AuthorizationHeaderMalformed', `The service '${auth.service}' is wrong`);
    }
    const dateHeader = req.headers['x-amz-date'];
    const date = typeof dateHeader === 'string' ? parseAmzDate(dateHeader) : undefined;
    if (!date) throw new S3Failure(403, 'AccessDenied', 'AWS authentication requires a valid x-amz-date');
    if (Math.abs(Date.now() - date.getTime()) > maxSkewMs) {
      throw new S3Failure(
        403,
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
      );
    }
    const payloadHash = req.headers['x-amz-content-sha256'];
    if (typeof payloadHash !== 'string' || !/^([0-9a-f]{64}|UNSIGNED-PAYLOAD)$/.test(payloadHash)) {
      throw new S3Failure(
        400,
        'InvalidArgument',
        'x-amz-content-sha256 must be a SHA-256 or UNSIGNED-PAYLOAD',
      );
    }
    const signed = new Set(auth.signedHeaders);
    for (const name of ['host', 'x-amz-date', 'x-amz-content-sha256']) {
      if (!signed.has(name)) throw new S3Failure(403, 'AccessDenied', `The ${name} header must be signed`);
    }
    for (const name of Object.keys(req.headers)) {
      if (name.startsWith('x-amz-') && !signed.has(name)) {
        throw new S3Failure(
          403,
          'AccessDenied',
          `There were headers present in the request which were not signed: ${name}`,
        );
      }
    }
    const headers: Record<string, string> = {};
    for (const name of auth.signedHeaders) {
      const value = req.headers[name];
      if (value === undefined) throw new S3Failure(403, 'AccessDenied', `Signed header ${name} is missing`);
      headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    const input = { method: req.method ?? 'GET', path: decodedPath, query, headers, payloadHash };
    const expected = signature(input, secretAccessKey, date, region);
    const given = Buffer.from(auth.signature, 'hex');
    const wanted = Buffer.from(expected.signature, 'hex');
    if (auth.date !== (dateHeader as string).slice(0, 8) || !crypto.timingSafeEqual(given, wanted)) {
      const canonical = canonicalRequest(input).text;
      throw new S3Failure(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        { StringToSign: stringToSign(canonical, date, region), CanonicalRequest: canonical },
      );
    }
  }

  /** Streams the body to `target` (via a temp file), checking length and x-amz-content-sha256. */
  async function receiveBody(
    req: http.IncomingMessage,
    target: string,
  ): Promise<{ size: number; md5: Buffer }> {
    if (req.headers['transfer-encoding']) {
      throw new S3Failure(501, 'NotImplemented', 'Chunked transfer encoding is not supported here');
    }
    const lengthHeader = req.headers['content-length'];
    if (lengthHeader === undefined)
      throw new S3Failure(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
    const expected = Number(lengthHeader);
    const sha = crypto.createHash('sha256');
    const md5 = crypto.createHash('md5');
    let size = 0;
    const tmp = `${target}.${crypto.randomUUID()}.tmp`;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sha.update(chunk);
        md5.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(req, tap, fs.createWriteStream(tmp));
      if (size !== expected) {
        throw new S3Failure(
          400,
          'IncompleteBody',
          'You did not provide the number of bytes specified by the Content-Length HTTP header',
        );
      }
      const declared = req.headers['x-amz-content-sha256'];
      if (declared !== UNSIGNED_PAYLOAD && declared !== sha.digest('hex')) {
        throw new S3Failure(
          400,
          'XAmzContentSHA256Mismatch',
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
        );
      }
      await fs.promises.rename(tmp, target);
    } catch (error) {
      await fs.promises.rm(tmp, { force: true });
      throw error;
    }
    return { size, md5: md5.digest() };
  }

  async function readSmallBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 1024 * 1024)
        throw new S3Failure(400, 'MaxMessageLengthExceeded', 'Your request was too big.');
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const declared = req.headers['x-amz-content-sha256'];
    if (
      declared !== UNSIGNED_PAYLOAD &&
      declared !== crypto.createHash('sha256').update(body).digest('hex')
    ) {
      throw new S3Failure(
        400,
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      );
    }
    return body.toString('utf8');
  }

  function objectFile(bucket: string, key: string): string {
    return path.join(dir, 'objects', crypto.createHash('sha256').update(`${bucket}\n${key}`).digest('hex'));
  }

  function sendXml(res: http.ServerResponse, status: number, xml: string): void {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
    res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }

  function sendError(res: http.ServerResponse, req: http.IncomingMessage, failure: S3Failure): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const extra = Object.entries(failure.extra)
      .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
      .join('');
    if (req.method === 'HEAD') {
      res.writeHead(
        failure.status,
        failure.extra['Region'] ? { 'x-amz-bucket-region': failure.extra['Region'] } : {},
      );
      res.end();
      return;
    }
    sendXml(
      res,
      failure.status,
      `<Error><Code>${failure.code}</Code><Message>${xmlEscape(failure.message)}</Message>${extra}<RequestId>${crypto.randomUUID()}</RequestId></Error>`,
    );
  }

  async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    operation: S3Operation | 'Unknown',
    bucketName: string,
    key: string,
    query: Map<string, string>,
  ): Promise<void> {
    if (operation === 'CreateBucket') {
      await readSmallBody(req);
      if (buckets.has(bucketName))
        throw new S3Failure(
          409,
          'BucketAlreadyOwnedByYou',
          'Your previous request to create the named bucket succeeded and you already own it.',
        );
      buckets.set(bucketName, new Map());
      res.writeHead(200, { location: `/${bucketName}` });
      res.end();
      return;
    }
    const bucket = buckets.get(bucketName);
    if (!bucket) {
      throw new S3Failure(404, 'NoSuchBucket', 'The specified bucket does not exist', {
        BucketName: bucketName,
      });
    }
    switch (operation) {
      case 'HeadBucket': {
        res.writeHead(200, { 'x-amz-bucket-region': region });
        res.end();
        return;
      }
      case 'PutObject': {
        const file = objectFile(bucketName, key);
        const received = await receiveBody(req, file);
        const etag = `"${received.md5.toString('hex')}"`;
        bucket.set(key, { file, size: received.size, etag, lastModified: new Date() });
        res.writeHead(200, { etag });
        res.end();
        return;
      }
      case 'GetObject':
      case 'HeadObject': {
        const object = bucket.get(key);
        if (!object) throw new S3Failure(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': object.size,
          etag: object.etag,
          'last-modified': object.lastModified.toUTCString(),
        });
        if (operation === 'HeadObject') {
          res.end();
          return;
        }
        await pipeline(fs.createReadStream(object.file), res);
        return;
      }
      case 'DeleteObject': {
        const object = bucket.get(key);
        if (object) {
          bucket.delete(key);
          await fs.promises.rm(object.file, { force: true });
        }
        res.writeHead(204);
        res.end();
        return;
      }
      case 'CreateMultipartUpload': {
        await readSmallBody(req);
        const uploadId = crypto.randomBytes(24).toString('base64url');
        uploads.set(uploadId, { bucket: bucketName, key, parts: new Map() });
        await fs.promises.mkdir(path.join(dir, 'parts', uploadId));
        sendXml(
          res,
          200,
          `<InitiateMultipartUploadResult><Bucket>${xmlEscape(bucketName)}</Bucket><Key>${xmlEscape(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
        );
        return;
      }
      case 'UploadPart': {
        const upload = uploadOf(query, bucketName, key);
        const partNumber = Number(query.get('partNumber'));
        if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
          throw new S3Failure(
            400,
            'InvalidArgument',
            'Part number must be an integer between 1 and 10000, inclusive',
          );
        }
        const file = path.join(dir, 'parts', query.get('uploadId') ?? '', String(partNumber));
        const received = await receiveBody(req, file);
        const etag = `"${received.md5.toString('hex')}"`;
        upload.parts.set(partNumber, { file, size: received.size, etag });
        res.writeHead(200, { etag });
        res.end();
        return;
      }
      case 'CompleteMultipartUpload': {
        const upload = uploadOf(query, bucketName, key);
        const uploadId = query.get('uploadId') ?? '';
        const xml = await readSmallBody(req);
        const listed = [
          ...xml.matchAll(/<Part>\s*<PartNumber>(\d+)<\/PartNumber>\s*<ETag>([^<]*)<\/ETag>\s*<\/Part>/g),
        ].map((m) => ({ partNumber: Number(m[1]), etag: (m[2] ?? '').replace(/&quot;/g, '"') }));
        if (listed.length === 0)
          throw new S3Failure(400, 'MalformedXML', 'The XML you provided was not well-formed');
        const md5s: Buffer[] = [];
        let size = 0;
        for (const [i, p] of listed.entries()) {
          const previous = listed[i - 1];
          if (previous && previous.partNumber >= p.partNumber) {
            throw new S3Failure(400, 'InvalidPartOrder', 'The list of parts was not in ascending order.');
          }
          const part = upload.parts.get(p.partNumber);
          if (!part || part.etag !== p.etag) {
            throw new S3Failure(400, 'InvalidPart', 'One or more of the specified parts could not be found.');
          }
          if (i < listed.length - 1 && part.size < minPartBytes) {
            throw new S3Failure(
              400,
              'EntityTooSmall',
              'Your proposed upload is smaller than the minimum allowed object size.',
            );
          }
          md5s.push(Buffer.from(part.etag.replace(/"/g, ''), 'hex'));
          size += part.size;
        }
        const file = objectFile(bucketName, key);
        const tmp = `${file}.${uploadId}.tmp`;
        for (const [i, p] of listed.entries()) {
          const part = upload.parts.get(p.partNumber);
          if (!part) continue;
          await pipeline(
            fs.createReadStream(part.file),
            fs.createWriteStream(tmp, { flags: i === 0 ? 'w' : 'a' }),
          );
        }
        await fs.promises.rename(tmp, file);
        const etag = `"${crypto.createHash('md5').update(Buffer.concat(md5s)).digest('hex')}-${listed.length}"`;
        bucket.set(key, { file, size, etag, lastModified: new Date() });
        uploads.delete(uploadId);
        await fs.promises.rm(path.join(dir, 'parts', uploadId), { recursive: true, force: true });
        sendXml(
          res,
          200,
          `<CompleteMultipartUploadResult><Bucket>${xmlEscape(bucketName)}</Bucket><Key>${xmlEscape(key)}</Key><ETag>${xmlEscape(etag)}</ETag></CompleteMultipartUploadResult>`,
        );
        return;
      }
      case 'AbortMultipartUpload': {
        uploadOf(query, bucketName, key);
        const uploadId = query.get('uploadId') ?? '';
        uploads.delete(uploadId);
        await fs.promises.rm(path.join(dir, 'parts', uploadId), { recursive: true, force: true });
        res.writeHead(204);
        res.end();
        return;
      }
      case 'Unknown':
        throw new S3Failure(
          501,
          'NotImplemented',
          'A header or operation you provided implies functionality that is not implemented',
        );
      default: {
        const unexpected: never = operation;
        throw new S3Failure(501, 'NotImplemented', String(unexpected));
      }
    }
  }

  function uploadOf(query: Map<string, string>, bucket: string, key: string): Upload {
    const upload = uploads.get(query.get('uploadId') ?? '');
    if (!upload || upload.bucket !== bucket || upload.key !== key) {
      throw new S3Failure(404, 'NoSuchUpload', 'The specified multipart upload does not exist.');
    }
    return upload;
  }

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const [rawPath = '/', rawQuery = ''] = url.split('?', 2);
    const entry: S3SandboxRequest = {
      operation: 'Unknown',
      method: req.method ?? 'GET',
      path: rawPath,
      status: 0,
      bytesReceived: 0,
    };
    req.on('data', (chunk: Buffer) => {
      entry.bytesReceived += chunk.length;
    });
    // Logged on arrival; the status is set as the answer's head is written (before the client sees it).
    requests.push(entry);
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.writeHead = (...args: unknown[]) => {
      entry.status = Number(args[0]);
      return writeHead(...args);
    };
    void (async () => {
      try {
        const segments = rawPath.split('/').slice(1).map(decode);
        const query: [string, string][] = rawQuery
          .split('&')
          .filter((p) => p.length > 0)
          .map((p) => {
            const [k = '', v = ''] = p.split('=', 2);
            return [decode(k), decode(v)];
          });
        const queryMap = new Map(query);
        // Virtual-hosted style: <bucket>.<host>; otherwise the first path segment is the bucket.
        const host = (req.headers.host ?? '').replace(/:\d+$/, '');
        const hostBucket = [...buckets.keys()].find((b) => host.startsWith(`${b}.`));
        const bucketName = hostBucket ?? segments[0] ?? '';
        const key = (hostBucket ? segments : segments.slice(1)).join('/');
        const operation = operationOf(entry.method, key, queryMap);
        entry.operation = operation;
        const fault = takeFault(operation);
        if (fault?.kind === 'reset') {
          req.socket.destroy();
          return;
        }
        if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
        if (fault?.kind === 'status') {
          req.resume();
          await new Promise((resolve) => req.on('end', resolve).on('error', resolve));
          const code =
            fault.code ??
            (fault.status === 503 ? 'SlowDown' : fault.status >= 500 ? 'InternalError' : 'InvalidRequest');
          throw new S3Failure(fault.status, code, `Injected fault ${fault.status}`);
        }
        if (req.destroyed || res.destroyed) return;
        verifySignature(req, `/${segments.join('/')}`, query);
        await handle(req, res, operation, bucketName, key, queryMap);
      } catch (error) {
        const failure =
          error instanceof S3Failure
            ? error
            : new S3Failure(
                500,
                'InternalError',
                `We encountered an internal error: ${(error as Error).message}`,
              );
        // Let the client finish sending (or the connection would reset before it reads the answer).
        if (!req.readableEnded && !req.destroyed) {
          req.resume();
          await new Promise((resolve) => req.on('end', resolve).on('error', resolve).on('close', resolve));
        }
        if (!res.destroyed) sendError(res, req, failure);
      }
    })();
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    region,
    bucket: options.buckets?.[0] ?? 'motcua',
    accessKeyId,
    secretAccessKey,
    dir,
    requests,
    failNext(fault, opts = {}) {
      for (let i = 0; i < (opts.times ?? 1); i++) faults.push({ fault, operation: opts.operation });
    },
    clearFaults() {
      faults = [];
    },
    keys(bucket) {
      return [...(buckets.get(bucket ?? options.buckets?.[0] ?? 'motcua')?.keys() ?? [])].sort();
    },
    read(key, bucket) {
      const object = buckets.get(bucket ?? options.buckets?.[0] ?? 'motcua')?.get(key);
      return object ? fs.readFileSync(object.file) : undefined;
    },
    openUploads() {
      return uploads.size;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (isTempDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
