import { sql } from 'kysely';
import type { DbExecutor } from '../../db/database.ts';

export async function insertFile(
  db: DbExecutor,
  row: {
    id: string;
    storageKey: string;
    originalName: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    uploadedByType: string;
    uploadedById: string | null;
    createdAt: Date;
  },
) {
  return db.insertInto('fileObject').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findFile(db: DbExecutor, id: string) {
  return db.selectFrom('fileObject').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findFiles(db: DbExecutor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('fileObject').selectAll().where('id', 'in', ids).execute();
}

/** Dossier ids a file is attached to. */
export async function dossiersOfFile(db: DbExecutor, fileId: string): Promise<string[]> {
  const rows = await db.selectFrom('dossierFile').select('dossierId').where('fileId', '=', fileId).execute();
  return rows.map((r) => r.dossierId);
}

export async function isFileAttached(db: DbExecutor, fileId: string): Promise<boolean> {
  const r = await db
    .selectFrom('dossierFile')
    .select(sql`1`.as('one'))
    .where('fileId', '=', fileId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}
