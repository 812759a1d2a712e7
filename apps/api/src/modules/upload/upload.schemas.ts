import { z } from 'zod';
import { ACCEPTED_CONTENT_TYPES } from '../file/file.schemas.ts';

/**
 * Resumable uploads (tải lên tiếp tục được): a large file (construction drawings of 100 MB and
 * more, sent from a phone on a weak connection) arrives in chunks; after a lost connection the
 * client asks where the server stands and sends the rest. The finished file is an ordinary file.
 */

/** Chunk size the server suggests to clients (a PUT may carry less, never more than what is left). */
export const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;
/** Largest chunk one PUT may carry, whatever the client chooses (bounds the time of one request). */
export const UPLOAD_MAX_CHUNK_BYTES = 64 * 1024 * 1024;
/** A session and its partial bytes are removed this long after the start. */
export const UPLOAD_SESSION_TTL_MS = 24 * 60 * 60 * 1000;
/** Uploads one account may have open (started, not finished) at the same time. */
export const UPLOAD_MAX_OPEN_SESSIONS = 10;

export const UploadCreateInput = z
  .strictObject({
    name: z.string().trim().min(1).max(255).describe('File name as on the device'),
    size: z
      .number()
      .int()
      .positive()
      .max(Number.MAX_SAFE_INTEGER)
      .describe('Total size in bytes (at most UPLOAD_RESUMABLE_MAX_MB)'),
    contentType: z
      .enum(ACCEPTED_CONTENT_TYPES)
      .describe('Checked against the bytes when the last chunk arrives'),
  })
  .meta({ id: 'UploadCreateRequest' });
export type UploadCreateInput = z.infer<typeof UploadCreateInput>;

export const UploadSessionView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    contentType: z.string(),
    size: z.number().describe('Declared total size in bytes'),
    offset: z.number().describe('Bytes received so far: the next chunk starts here'),
    chunkSize: z.number().describe('Suggested chunk size in bytes'),
    fileId: z.uuid().nullable().describe('The stored file, once all bytes arrived and passed the checks'),
    expiresAt: z.string().describe('After this the session and its partial bytes are removed'),
  })
  .meta({ id: 'UploadSession' });
export type UploadSessionView = z.infer<typeof UploadSessionView>;

export const UploadChunkResult = z
  .object({
    offset: z.number().describe('Bytes received so far'),
    fileId: z.uuid().nullable().describe('Set when this chunk completed the file'),
  })
  .meta({ id: 'UploadChunkResult' });
export type UploadChunkResult = z.infer<typeof UploadChunkResult>;

export const UploadIdParam = z.strictObject({ uploadId: z.uuid() });

export const UploadChunkQuery = z.strictObject({
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .describe('Where this chunk starts; must equal the bytes received so far'),
});
