import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type { DbTransaction } from '../../db/database.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireAuthenticated } from '../../shared/authz.ts';
import { scanUpload } from '../antivirus/antivirus.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { canActorSeeDossierId } from '../dossier/dossier.service.ts';
import { dossiersOfFile, findFile, findFiles, insertFile } from './file.repository.ts';
import type { AcceptedContentType, FileView } from './file.schemas.ts';

/** Detects the real type from the first bytes; the declared Content-Type must agree. */
export function sniffContentType(data: Buffer): AcceptedContentType | null {
  if (data.length >= 5 && data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (
    data.length >= 8 &&
    data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  return null;
}

/** Keeps letters (incl. Vietnamese), digits, space, dot, dash, underscore, parentheses; no paths. */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/^\.+/, '')
    .slice(0, 200)
    .trim();
  return cleaned.length > 0 ? cleaned : 'tep-tin';
}

function toView(r: NonNullable<Awaited<ReturnType<typeof findFile>>>): FileView {
  return {
    id: r.id,
    originalName: r.originalName,
    contentType: r.contentType,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function uploadFile(
  ctx: AppContext,
  actor: Actor,
  input: { data: Buffer; declaredType: string; fileName: string },
  meta: { requestId?: string } = {},
): Promise<FileView> {
  requireAuthenticated(actor);
  if (input.data.length === 0) throw new AppError('VALIDATION_FAILED', 'The file is empty');
  const limit = ctx.config.UPLOAD_MAX_MB * 1024 * 1024;
  if (input.data.length > limit)
    throw new AppError('PAYLOAD_TOO_LARGE', `Files are limited to ${ctx.config.UPLOAD_MAX_MB} MB`);
  const sniffed = sniffContentType(input.data);
  const declared = input.declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!sniffed) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Only PDF, JPEG and PNG files are accepted');
  if (declared !== sniffed) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `The file content is ${sniffed} but it was sent as ${declared || 'unknown'}`,
    );
  }
  const id = crypto.randomUUID();
  const now = ctx.clock();
  const storageKey = storageKeyFor(id, now);
  const sha256 = crypto.createHash('sha256').update(input.data).digest('hex');
  await scanUpload(ctx, { data: input.data });
  await ctx.files.put(storageKey, input.data);
  const row = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const r = await insertFile(trx, {
        id,
        storageKey,
        originalName: sanitiseFileName(input.fileName),
        contentType: sniffed,
        sizeBytes: input.data.length,
        sha256,
        uploadedByType: actor.type,
        uploadedById: actor.id,
        createdAt: now,
      });
      await recordAudit(
        trx,
        actor,
        {
          type: 'file.uploaded',
          entityType: 'file',
          entityId: id,
          summary: { contentType: sniffed, sizeBytes: input.data.length },
        },
        { at: now, requestId: meta.requestId },
      );
      return r;
    })
    .catch(async (error: unknown) => {
      // No row, no bytes: the stored file would otherwise stay behind unreferenced.
      await ctx.files.remove(storageKey).catch(() => undefined);
      throw error;
    });
  return toView(row);
}

/** `YYYY/MM/<id>`: files grouped by month of upload. */
function storageKeyFor(id: string, now: Date): string {
  return `${now.toISOString().slice(0, 7).replace('-', '/')}/${id}`;
}

/**
 * Stores a file already assembled on local disk (a finished resumable upload) exactly like a
 * single-shot upload: bytes into the file store, then the file_object row and its audit entry in
 * one transaction. The caller has checked the content type against the bytes and computed the
 * hash; `inTransaction` lets it record the file in the same transaction. If the transaction
 * fails, the stored copy is removed again.
 */
export async function storeAssembledFile(
  ctx: AppContext,
  actor: Actor,
  input: {
    localPath: string;
    fileName: string;
    contentType: AcceptedContentType;
    sizeBytes: number;
    sha256: string;
  },
  meta: { requestId?: string | undefined } = {},
  inTransaction?: (trx: DbTransaction, file: FileView) => Promise<void>,
): Promise<FileView> {
  requireAuthenticated(actor);
  const id = crypto.randomUUID();
  const now = ctx.clock();
  const storageKey = storageKeyFor(id, now);
  await ctx.files.putFile(storageKey, input.localPath);
  const row = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const r = await insertFile(trx, {
        id,
        storageKey,
        originalName: sanitiseFileName(input.fileName),
        contentType: input.contentType,
        sizeBytes: input.sizeBytes,
        sha256: input.sha256,
        uploadedByType: actor.type,
        uploadedById: actor.id,
        createdAt: now,
      });
      await recordAudit(
        trx,
        actor,
        {
          type: 'file.uploaded',
          entityType: 'file',
          entityId: id,
          summary: { contentType: input.contentType, sizeBytes: input.sizeBytes },
        },
        { at: now, requestId: meta.requestId },
      );
      if (inTransaction) await inTransaction(trx, toView(r));
      return r;
    })
    .catch(async (error: unknown) => {
      await ctx.files.remove(storageKey).catch(() => undefined);
      throw error;
    });
  return toView(row);
}

/** Files the actor may attach: their own uploads. */
export async function requireOwnFiles(
  ctx: AppContext,
  actor: Actor,
  ids: readonly string[],
): Promise<FileView[]> {
  const unique = [...new Set(ids)];
  const rows = await findFiles(ctx.db, unique);
  if (rows.length !== unique.length) throw new AppError('FILE_NOT_FOUND', 'A referenced file does not exist');
  for (const r of rows) {
    if (r.uploadedById !== actor.id) throw new AppError('FILE_NOT_FOUND', 'A referenced file does not exist');
  }
  return rows.map(toView);
}

/** Reads a file: its uploader, or anyone who can see a dossier it is attached to. */
export async function readFile(
  ctx: AppContext,
  actor: Actor,
  fileId: string,
): Promise<{ file: FileView; stream: Readable }> {
  requireAuthenticated(actor);
  const row = await findFile(ctx.db, fileId);
  if (!row) throw new AppError('FILE_NOT_FOUND', 'File not found');
  // The system actor (the worker attaching a file to an e-mail) reads any file.
  let allowed = actor.type === 'system' || (row.uploadedById !== null && row.uploadedById === actor.id);
  if (!allowed) {
    for (const dossierId of await dossiersOfFile(ctx.db, fileId)) {
      if (await canActorSeeDossierId(ctx, actor, dossierId)) {
        allowed = true;
        break;
      }
    }
  }
  if (!allowed) throw new AppError('FILE_NOT_FOUND', 'File not found');
  return { file: toView(row), stream: await ctx.files.get(row.storageKey) };
}

/**
 * Stores bytes made by the server (a signed result PDF, a citizen's copy of a stored document)
 * inside the caller's transaction: bytes into the file store, then the file_object row and its
 * audit entry. `uploadedBy` is whom the file belongs to (reads are allowed to its owner). If the
 * transaction fails the caller removes `storageKey` again.
 */
export async function storeFileInTransaction(
  ctx: AppContext,
  trx: DbTransaction,
  actor: Actor,
  input: {
    id?: string;
    data: Buffer;
    fileName: string;
    contentType: AcceptedContentType;
    uploadedBy: { type: 'officer' | 'citizen' | 'system'; id: string | null };
    now: Date;
  },
): Promise<FileView & { storageKey: string }> {
  const id = input.id ?? crypto.randomUUID();
  const storageKey = storageKeyFor(id, input.now);
  const sha256 = crypto.createHash('sha256').update(input.data).digest('hex');
  await ctx.files.put(storageKey, input.data);
  const r = await insertFile(trx, {
    id,
    storageKey,
    originalName: sanitiseFileName(input.fileName),
    contentType: input.contentType,
    sizeBytes: input.data.length,
    sha256,
    uploadedByType: input.uploadedBy.type,
    uploadedById: input.uploadedBy.id,
    createdAt: input.now,
  });
  await recordAudit(
    trx,
    actor,
    {
      type: 'file.uploaded',
      entityType: 'file',
      entityId: id,
      summary: { contentType: input.contentType, sizeBytes: input.data.length },
    },
    { at: input.now },
  );
  return { ...toView(r), storageKey };
}

/** The bytes of a stored file, for the server's own use (no access check: callers check). */
export async function readFileBytes(
  ctx: AppContext,
  fileId: string,
): Promise<{ file: FileView; data: Buffer }> {
  const row = await findFile(ctx.db, fileId);
  if (!row) throw new AppError('FILE_NOT_FOUND', 'File not found');
  const chunks: Buffer[] = [];
  for await (const chunk of await ctx.files.get(row.storageKey)) chunks.push(chunk as Buffer);
  return { file: toView(row), data: Buffer.concat(chunks) };
}
