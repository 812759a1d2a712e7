import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../errors/app-error.ts';
import { SYSTEM_ACTOR, type Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireAuthenticated } from '../../shared/authz.ts';
import { scanUpload } from '../antivirus/antivirus.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { sniffContentType, storeAssembledFile } from '../file/file.service.ts';
import type { AcceptedContentType } from '../file/file.schemas.ts';
import { enqueue } from '../outbox/outbox.service.ts';
import {
  advanceUploadOffset,
  countOpenUploadSessions,
  deleteUploadSession,
  existingUploadSessionIds,
  findOwnUploadSession,
  insertUploadSession,
  listExpiredUploadSessions,
  resetUploadOffset,
  setUploadFile,
} from './upload.repository.ts';
import {
  UPLOAD_CHUNK_BYTES,
  UPLOAD_MAX_CHUNK_BYTES,
  UPLOAD_MAX_OPEN_SESSIONS,
  UPLOAD_SESSION_TTL_MS,
  type UploadChunkResult,
  type UploadCreateInput,
  type UploadSessionView,
} from './upload.schemas.ts';

/**
 * Resumable uploads (ADR 0009). A session is created with the declared name, size and type; the
 * bytes arrive in chunks (PUT with the offset they start at) into `<dataDir>/uploads/<id>.part`,
 * written at their position and synced before the offset moves; after a lost connection the
 * bytes that did arrive are kept and the client asks for the offset. When the last byte is in,
 * the content is sniffed and hashed from disk and the file is stored like any other upload. Only
 * the uploader sees and continues a session (anyone else: 404). Expired sessions and their
 * partial bytes are removed by the `upload.expire` outbox message (the sweep).
 */

type Owner = { type: 'officer' | 'citizen'; id: string };
type Meta = { requestId?: string | undefined };
type SessionRow = NonNullable<Awaited<ReturnType<typeof findOwnUploadSession>>>;

/** Partial files without a session are removed once they are this old (the grace covers the start). */
const ORPHAN_GRACE_MS = 60 * 60 * 1000;
/** How long a chunk waits for another chunk of the same session that is still being received. */
const LOCK_WAIT_MS = 15_000;
const SWEEP_BATCH = 500;

function requireUploader(actor: Actor): Owner {
  requireAuthenticated(actor);
  if (actor.type === 'system') throw new AppError('FORBIDDEN', 'Only officers and applicants upload files');
  return { type: actor.type, id: actor.id };
}

function uploadsDir(ctx: AppContext): string {
  return path.join(ctx.config.dataDir, 'uploads');
}

function partPath(ctx: AppContext, id: string): string {
  return path.join(uploadsDir(ctx), `${id}.part`);
}

function notFound(id: string): AppError {
  return new AppError('UPLOAD_NOT_FOUND', `Upload ${id} not found (it may have expired)`);
}

function toView(row: SessionRow): UploadSessionView {
  return {
    id: row.id,
    name: row.fileName,
    contentType: row.contentType,
    size: row.sizeBytes,
    offset: row.offsetBytes,
    chunkSize: UPLOAD_CHUNK_BYTES,
    fileId: row.fileId,
    expiresAt: row.expiresAt.toISOString(),
  };
}

/* ------------------------------------------------------------------ one chunk at a time per session */

const busy = new Map<string, Promise<void>>();

/**
 * Runs `fn` while no other chunk of the same session is being received in this process. A
 * request that waits too long (the other one is stuck on a dying connection) gets 409 with the
 * offset, and the client asks again.
 */
async function withSessionLock<T>(
  id: string,
  onBusy: () => Promise<never>,
  fn: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  for (;;) {
    const current = busy.get(id);
    if (!current) break;
    const left = LOCK_WAIT_MS - (performance.now() - started);
    if (left <= 0) return onBusy();
    await Promise.race([current, sleep(Math.min(left, 1000))]);
  }
  let release: () => void = () => undefined;
  busy.set(
    id,
    new Promise<void>((resolve) => {
      release = resolve;
    }),
  );
  try {
    return await fn();
  } finally {
    busy.delete(id);
    release();
  }
}

/* ------------------------------------------------------------------ the API */

export async function startUpload(
  ctx: AppContext,
  actor: Actor,
  input: UploadCreateInput,
  meta: Meta = {},
): Promise<UploadSessionView> {
  const owner = requireUploader(actor);
  const maxBytes = ctx.config.UPLOAD_RESUMABLE_MAX_MB * 1024 * 1024;
  if (input.size > maxBytes)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `Files are limited to ${ctx.config.UPLOAD_RESUMABLE_MAX_MB} MB / Tệp tối đa ${ctx.config.UPLOAD_RESUMABLE_MAX_MB} MB`,
      { maxBytes },
    );
  const now = ctx.clock();
  if ((await countOpenUploadSessions(ctx.db, owner, now)) >= UPLOAD_MAX_OPEN_SESSIONS)
    throw new AppError(
      'RATE_LIMITED',
      `At most ${UPLOAD_MAX_OPEN_SESSIONS} unfinished uploads at a time: finish or cancel one first`,
      { maxOpenUploads: UPLOAD_MAX_OPEN_SESSIONS },
    );
  const id = crypto.randomUUID();
  const expiresAt = new Date(now.getTime() + UPLOAD_SESSION_TTL_MS);
  await fs.promises.mkdir(uploadsDir(ctx), { recursive: true });
  await (await fs.promises.open(partPath(ctx, id), 'wx')).close();
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const r = await insertUploadSession(trx, {
        id,
        ownerType: owner.type,
        ownerId: owner.id,
        fileName: input.name,
        sizeBytes: input.size,
        contentType: input.contentType,
        createdAt: now,
        expiresAt,
      });
      await recordAudit(
        trx,
        actor,
        {
          type: 'upload.started',
          entityType: 'upload_session',
          entityId: id,
          summary: { contentType: input.contentType, sizeBytes: input.size },
        },
        { at: now, requestId: meta.requestId },
      );
      // The sweep that removes this session (and any other expired one) when its time is up.
      await enqueue(
        trx,
        [
          {
            topic: 'upload.expire',
            aggregateType: 'upload_session',
            aggregateId: id,
            payload: { uploadId: id },
            availableAt: expiresAt,
          },
        ],
        now,
      );
      return r;
    });
    return toView(row);
  } catch (error) {
    await fs.promises.rm(partPath(ctx, id), { force: true });
    throw error;
  }
}

export async function getUpload(ctx: AppContext, actor: Actor, id: string): Promise<UploadSessionView> {
  const owner = requireUploader(actor);
  const row = await findOwnUploadSession(ctx.db, id, owner, ctx.clock());
  if (!row) throw notFound(id);
  return toView(row);
}

/** Cancels an upload: the session and its partial bytes are removed (a finished file stays). */
export async function cancelUpload(
  ctx: AppContext,
  actor: Actor,
  id: string,
  meta: Meta = {},
): Promise<void> {
  const owner = requireUploader(actor);
  const row = await findOwnUploadSession(ctx.db, id, owner, ctx.clock());
  if (!row) throw notFound(id);
  await withSessionLock(
    id,
    () => Promise.reject(new AppError('CONFLICT', 'A chunk of this upload is being received; try again')),
    async () => {
      const now = ctx.clock();
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await deleteUploadSession(trx, id))) throw notFound(id);
        await recordAudit(
          trx,
          actor,
          {
            type: 'upload.cancelled',
            entityType: 'upload_session',
            entityId: id,
            summary: {
              offsetBytes: row.offsetBytes,
              sizeBytes: row.sizeBytes,
              isComplete: row.fileId !== null,
            },
          },
          { at: now, requestId: meta.requestId },
        );
      });
      await fs.promises.rm(partPath(ctx, id), { force: true });
    },
  );
}

/** Size of the partial file; a missing one is created empty (its bytes are lost). */
async function partialSize(file: string): Promise<number> {
  try {
    return (await fs.promises.stat(file)).size;
  } catch {
    await (await fs.promises.open(file, 'a')).close();
    return 0;
  }
}

async function rejectContent(
  ctx: AppContext,
  actor: Actor,
  row: SessionRow,
  sniffed: AcceptedContentType | null,
  meta: Meta,
): Promise<never> {
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    await deleteUploadSession(trx, row.id);
    await recordAudit(
      trx,
      actor,
      {
        type: 'upload.rejected',
        entityType: 'upload_session',
        entityId: row.id,
        summary: { declaredType: row.contentType, detectedType: sniffed, sizeBytes: row.sizeBytes },
      },
      { at: now, requestId: meta.requestId },
    );
  });
  await fs.promises.rm(partPath(ctx, row.id), { force: true });
  throw new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    sniffed
      ? `The file content is ${sniffed} but it was declared as ${row.contentType}; nothing was stored`
      : 'Only PDF, JPEG and PNG files are accepted; nothing was stored',
    { declaredType: row.contentType, detectedType: sniffed },
  );
}

/** SHA-256 and the first bytes of a file on disk, read as a stream (never all in memory). */
async function hashAndHead(file: string): Promise<{ sha256: string; head: Buffer }> {
  const hash = crypto.createHash('sha256');
  let head = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(file, {
    highWaterMark: 1024 * 1024,
  }) as AsyncIterable<Buffer>) {
    if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
    hash.update(chunk);
  }
  return { sha256: hash.digest('hex'), head };
}

/** All bytes are in: check the content, store the file and link it to the session. */
async function completeUpload(ctx: AppContext, actor: Actor, row: SessionRow, meta: Meta): Promise<string> {
  const file = partPath(ctx, row.id);
  const { sha256, head } = await hashAndHead(file);
  const sniffed = sniffContentType(head);
  if (sniffed !== row.contentType) return rejectContent(ctx, actor, row, sniffed, meta);
  try {
    await scanUpload(ctx, { localPath: file });
  } catch (error) {
    // Infected or not scanned: the session and its bytes are discarded, nothing is stored.
    await ctx.db.transaction().execute(async (trx) => deleteUploadSession(trx, row.id));
    await fs.promises.rm(file, { force: true });
    throw error;
  }
  const stored = await storeAssembledFile(
    ctx,
    actor,
    { localPath: file, fileName: row.fileName, contentType: sniffed, sizeBytes: row.sizeBytes, sha256 },
    meta,
    async (trx, view) => {
      const now = ctx.clock();
      await setUploadFile(trx, row.id, view.id, now);
      await recordAudit(
        trx,
        actor,
        {
          type: 'upload.completed',
          entityType: 'upload_session',
          entityId: row.id,
          summary: { fileId: view.id, sizeBytes: row.sizeBytes },
        },
        { at: now, requestId: meta.requestId },
      );
    },
  );
  await fs.promises.rm(file, { force: true });
  return stored.id;
}

/**
 * Receives one chunk starting at `offset` (which must be the bytes received so far). The chunk
 * may not be longer than what is left of the declared size. Answers the new offset, and the file
 * id when this chunk completed the file.
 */
export async function receiveChunk(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; offset: number; body: Readable | undefined; contentLength: number | undefined },
  meta: Meta = {},
): Promise<UploadChunkResult> {
  const owner = requireUploader(actor);
  const { id, offset } = input;
  if (!(await findOwnUploadSession(ctx.db, id, owner, ctx.clock()))) throw notFound(id);
  const mismatch = (current: number, extra: Record<string, unknown> = {}) =>
    new AppError(
      'UPLOAD_OFFSET_MISMATCH',
      `This upload has ${current} bytes; send the chunk that starts there`,
      { offset: current, ...extra },
    );

  return withSessionLock(
    id,
    async () => {
      const row = await findOwnUploadSession(ctx.db, id, owner, ctx.clock());
      if (!row) throw notFound(id);
      throw mismatch(row.offsetBytes, { isBusy: true });
    },
    async () => {
      const row = await findOwnUploadSession(ctx.db, id, owner, ctx.clock());
      if (!row) throw notFound(id);
      if (row.fileId) {
        if (offset === row.sizeBytes) return { offset: row.sizeBytes, fileId: row.fileId };
        throw mismatch(row.sizeBytes, { fileId: row.fileId });
      }
      const file = partPath(ctx, id);
      // The partial file is the truth about the bytes: longer (a crash after writing, before the
      // offset moved) is cut back; shorter (unsynced bytes lost) moves the offset back.
      let received = row.offsetBytes;
      const onDisk = await partialSize(file);
      if (onDisk > received) await fs.promises.truncate(file, received);
      if (onDisk < received) {
        received = onDisk;
        await resetUploadOffset(ctx.db, id, received, ctx.clock());
      }
      if (offset !== received) throw mismatch(received);

      const remaining = row.sizeBytes - received;
      const allowed = Math.min(remaining, UPLOAD_MAX_CHUNK_BYTES);
      const tooLarge = () =>
        new AppError(
          'PAYLOAD_TOO_LARGE',
          remaining <= UPLOAD_MAX_CHUNK_BYTES
            ? `The chunk is longer than the ${remaining} bytes left of the declared size`
            : `A chunk may carry at most ${UPLOAD_MAX_CHUNK_BYTES} bytes`,
          { offset: received, remainingBytes: remaining, maxChunkBytes: UPLOAD_MAX_CHUNK_BYTES },
        );
      if (input.contentLength !== undefined && input.contentLength > allowed) throw tooLarge();

      // Write at the position, chunk by chunk as the bytes arrive (never the whole file in memory).
      let written = 0;
      let head = Buffer.alloc(0);
      let failure: unknown;
      const handle = await fs.promises.open(file, 'r+');
      try {
        if (input.body) {
          let discarded = 0;
          for await (const piece of input.body as AsyncIterable<Buffer | string>) {
            const data = typeof piece === 'string' ? Buffer.from(piece) : piece;
            if (failure || written + data.length > allowed) {
              // Too long (a body without Content-Length): read on and drop the rest so that the
              // answer reaches the client; give up on the connection when it goes on and on.
              failure ??= tooLarge();
              discarded += data.length;
              if (discarded > UPLOAD_MAX_CHUNK_BYTES) break;
              continue;
            }
            if (received === 0 && head.length < 16)
              head = Buffer.concat([head, data.subarray(0, 16 - head.length)]);
            let done = 0;
            while (done < data.length) {
              const r = await handle.write(data, done, data.length - done, received + written + done);
              done += r.bytesWritten;
            }
            written += data.length;
          }
        }
      } catch (error) {
        // The connection broke: the bytes that arrived are kept, the client resumes after them.
        failure = error;
      } finally {
        if (failure instanceof AppError) await handle.truncate(received);
        else await handle.sync();
        await handle.close();
      }
      if (failure instanceof AppError) throw failure;
      const now = ctx.clock();
      if (written > 0 && !(await advanceUploadOffset(ctx.db, id, received, received + written, now))) {
        throw mismatch((await findOwnUploadSession(ctx.db, id, owner, now))?.offsetBytes ?? received);
      }
      if (failure)
        throw failure instanceof Error ? failure : new Error('The connection broke during the chunk');
      const at = received + written;
      // A wrong kind of file is refused at its first bytes, before the rest is sent for nothing.
      if (received === 0 && (head.length >= 8 || at === row.sizeBytes)) {
        const sniffed = sniffContentType(head);
        if (sniffed !== row.contentType) return rejectContent(ctx, actor, row, sniffed, meta);
      }
      if (at < row.sizeBytes) return { offset: at, fileId: null };
      const fileId = await completeUpload(ctx, actor, { ...row, offsetBytes: at }, meta);
      return { offset: at, fileId };
    },
  );
}

/* ------------------------------------------------------------------ the sweep */

/**
 * Removes expired sessions with their partial bytes, and partial files left without a session
 * (a crash between creating the file and the session). Idempotent; the handler of
 * `upload.expire`, scheduled for each session's expiry.
 */
export async function sweepExpiredUploads(ctx: AppContext): Promise<{ sessions: number; orphans: number }> {
  const now = ctx.clock();
  let sessions = 0;
  for (;;) {
    const expired = await listExpiredUploadSessions(ctx.db, now, SWEEP_BATCH);
    for (const s of expired) {
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await deleteUploadSession(trx, s.id))) return;
        await recordAudit(
          trx,
          SYSTEM_ACTOR,
          {
            type: 'upload.expired',
            entityType: 'upload_session',
            entityId: s.id,
            summary: { offsetBytes: s.offsetBytes, sizeBytes: s.sizeBytes, isComplete: s.fileId !== null },
          },
          { at: now },
        );
      });
      await fs.promises.rm(partPath(ctx, s.id), { force: true });
      sessions += 1;
    }
    if (expired.length < SWEEP_BATCH) break;
  }

  let orphans = 0;
  let names: string[] = [];
  try {
    names = await fs.promises.readdir(uploadsDir(ctx));
  } catch {
    names = [];
  }
  const parts = names
    .map((n) => /^([0-9a-f-]{36})\.part$/.exec(n)?.[1])
    .filter((x): x is string => x !== undefined);
  for (let i = 0; i < parts.length; i += SWEEP_BATCH) {
    const batch = parts.slice(i, i + SWEEP_BATCH);
    const alive = await existingUploadSessionIds(ctx.db, batch);
    for (const id of batch) {
      if (alive.has(id)) continue;
      const file = partPath(ctx, id);
      const stat = await fs.promises.stat(file).catch(() => undefined);
      if (!stat || stat.mtimeMs > now.getTime() - ORPHAN_GRACE_MS) continue;
      await fs.promises.rm(file, { force: true });
      orphans += 1;
    }
  }
  if (sessions + orphans > 0) ctx.logger.info({ sessions, orphans }, 'expired uploads removed');
  return { sessions, orphans };
}
