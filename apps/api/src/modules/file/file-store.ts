import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** Where file bytes live. Local folder by default; an S3-compatible store is configured by URL. */
export interface FileStore {
  put(key: string, data: Buffer): Promise<void>;
  /** Stores a copy of a local file (large files assembled on disk); the source is left in place. */
  putFile(key: string, localPath: string): Promise<void>;
  get(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
}

function safeJoin(root: string, key: string): string {
  if (!/^[a-zA-Z0-9/_.-]+$/.test(key) || key.includes('..') || key.startsWith('/')) {
    throw new Error(`Invalid storage key: ${key}`);
  }
  const full = path.resolve(root, key);
  if (!full.startsWith(path.resolve(root) + path.sep)) throw new Error(`Invalid storage key: ${key}`);
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
      await fs.promises.access(target);
      return fs.createReadStream(target);
    },
    async exists(key) {
      try {
        await fs.promises.access(safeJoin(root, key));
        return true;
      } catch {
        return false;
      }
    },
    async remove(key) {
      await fs.promises.rm(safeJoin(root, key), { force: true });
    },
  };
}
