import type { DbExecutor } from '../../db/database.ts';

export interface UploadSessionInsert {
  id: string;
  ownerType: 'officer' | 'citizen';
  ownerId: string;
  fileName: string;
  sizeBytes: number;
  contentType: string;
  createdAt: Date;
  expiresAt: Date;
}

export async function insertUploadSession(db: DbExecutor, row: UploadSessionInsert) {
  return db
    .insertInto('uploadSession')
    .values({ ...row, offsetBytes: 0, updatedAt: row.createdAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The session if it belongs to this uploader and has not expired. */
export async function findOwnUploadSession(
  db: DbExecutor,
  id: string,
  owner: { type: 'officer' | 'citizen'; id: string },
  now: Date,
) {
  return db
    .selectFrom('uploadSession')
    .selectAll()
    .where('id', '=', id)
    .where('ownerType', '=', owner.type)
    .where('ownerId', '=', owner.id)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
}

/** Unfinished, unexpired sessions of one uploader. */
export async function countOpenUploadSessions(
  db: DbExecutor,
  owner: { type: 'officer' | 'citizen'; id: string },
  now: Date,
): Promise<number> {
  const r = await db
    .selectFrom('uploadSession')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ownerType', '=', owner.type)
    .where('ownerId', '=', owner.id)
    .where('fileId', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Moves the offset forward only from the expected value (the bytes the caller wrote started
 * there): answers false when another request moved it first.
 */
export async function advanceUploadOffset(
  db: DbExecutor,
  id: string,
  from: number,
  to: number,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('uploadSession')
    .set({ offsetBytes: to, updatedAt: now })
    .where('id', '=', id)
    .where('offsetBytes', '=', from)
    .where('fileId', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Sets the offset to what the partial file really holds (after a crash lost unsynced bytes). */
export async function resetUploadOffset(db: DbExecutor, id: string, to: number, now: Date): Promise<void> {
  await db
    .updateTable('uploadSession')
    .set({ offsetBytes: to, updatedAt: now })
    .where('id', '=', id)
    .where('fileId', 'is', null)
    .execute();
}

export async function setUploadFile(db: DbExecutor, id: string, fileId: string, now: Date): Promise<void> {
  await db.updateTable('uploadSession').set({ fileId, updatedAt: now }).where('id', '=', id).execute();
}

export async function deleteUploadSession(db: DbExecutor, id: string): Promise<boolean> {
  const r = await db.deleteFrom('uploadSession').where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** Sessions whose time is up (finished or not), oldest first. */
export async function listExpiredUploadSessions(db: DbExecutor, now: Date, limit: number) {
  return db
    .selectFrom('uploadSession')
    .select(['id', 'ownerType', 'ownerId', 'fileId', 'offsetBytes', 'sizeBytes'])
    .where('expiresAt', '<=', now)
    .orderBy('expiresAt')
    .limit(limit)
    .execute();
}

/** Which of these ids still have a session (to tell orphaned partial files). */
export async function existingUploadSessionIds(db: DbExecutor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('uploadSession').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
