import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../errors/app-error.ts';

/**
 * Where file bytes live: a local folder by default, an S3-compatible object store by
 * configuration (FILE_STORE=s3, ADR 0015). Both implementations pass the same contract suite
 * (file-store.contract.test.ts).
 */
export interface FileStore {
  put(key: string, data: Buffer): Promise<void>;
  /** Stores a copy of a local file (large files assembled on disk); the source is left in place. */
  putFile(key: string, localPath: string): Promise<void>;
  /** The bytes as a stream; a missing key is a `FileStoreError` with failure `not-found`. */
  get(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Idempotent: removing a missing key succeeds. */
  remove(key: string): Promise<void>;
  /** Checks once at start that the store is usable (bucket reachable, credentials accepted). */
  verify?(): Promise<void>;
}

/**
 * What went wrong in a file store, for the operator (message, cause) and for the API:
 * `not-found` → FILE_NOT_FOUND (404), `unavailable` (timeouts, refused connections, 5xx after
 * retries) → FILE_STORE_UNAVAILABLE (503), anything else (an invalid key is a bug, refused
 * credentials or a missing bucket a misconfiguration) → INTERNAL (500).
 */
export type FileStoreFailure = 'invalid-key' | 'not-found' | 'denied' | 'unavailable' | 'failed';

export class FileStoreError extends AppError {
  readonly failure: FileStoreFailure;

  constructor(
    failure: FileStoreFailure,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(
      failure === 'not-found'
        ? 'FILE_NOT_FOUND'
        : failure === 'unavailable'
          ? 'FILE_STORE_UNAVAILABLE'
          : 'INTERNAL',
      message,
      options.details,
    );
    this.name = 'FileStoreError';
    this.failure = failure;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

export function isFileStoreError(error: unknown, failure?: FileStoreFailure): error is FileStoreError {
  return error instanceof FileStoreError && (failure === undefined || error.failure === failure);
}

/**
 * Keys are relative paths of letters, digits and `/ _ . -` (e.g. `2026/03/<uuid>`): the same
 * rule for every store, so a key valid on disk is valid in a bucket and the other way round.
 */
export function assertValidKey(key: string): void {
  if (
    key.length === 0 ||
    key.length > 512 ||
    !/^[a-zA-Z0-9/_.-]+$/.test(key) ||
    key.includes('..') ||
    key.startsWith('/') ||
    key.endsWith('/') ||
    key.includes('//')
  ) {
    throw new FileStoreError('invalid-key', `Invalid storage key: ${key}`);
  }
}

function safeJoin(root: string, key: string): string {
  assertValidKey(key);
  const full = path.resolve(root, key);
  if (!full.startsWith(path.resolve(root) + path.sep)) {
    throw new FileStoreError('invalid-key', `Invalid storage key: ${key}`);
  }
  return full;
}

/** Files under `<dataDir>/files`, written atomically (temp file, fsync, rename). */
export function createLocalFileStore(root: string): FileStore {
  fs.mkdirSync(root, { recursive: true });
  return {
    async put(key, data) {
      const target = safeJoin(root, key);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${crypto.randomUUID()}.tmp`;
      const handle = await fs.promises.open(tmp, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(tmp, target);
    },
    async putFile(key, localPath) {
      const target = safeJoin(root, key);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${crypto.randomUUID()}.tmp`;
      try {
        // A copy-on-write clone where the file system offers one, else a plain copy.
        await fs.promises.copyFile(
          localPath,
          tmp,
          fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE,
        );
        const handle = await fs.promises.open(tmp, 'r+');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.promises.rename(tmp, target);
      } catch (error) {
        await fs.promises.rm(tmp, { force: true });
        throw error;
      }
    },
    async get(key) {
      const target = safeJoin(root, key);
      try {
        await fs.promises.access(target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new FileStoreError('not-found', `Stored file ${key} does not exist`, { cause: error });
        }
        throw error;
      }
      return fs.createReadStream(target);
    },
    async exists(key) {
      const target = safeJoin(root, key);
      try {
        await fs.promises.access(target);
        return true;
      } catch {
        return false;
      }
    },
    async remove(key) {
      await fs.promises.rm(safeJoin(root, key), { force: true });
    },
    async verify() {
      await fs.promises.access(root, fs.constants.R_OK | fs.constants.W_OK);
    },
  };
}
