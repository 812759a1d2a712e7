import { sql } from 'kysely';
import type { DbExecutor } from '../../db/database.ts';

export interface ExchangedDocumentInsert {
  direction: 'outbound' | 'inbound';
  dossierId: string | null;
  dossierCode: string | null;
  senderUnitId: string | null;
  senderAgencyCode: string;
  senderName: string;
  recipientUnitId: string | null;
  recipientAgencyCode: string;
  recipientName: string;
  documentNumber: string;
  summary: string;
  fileIds: string[];
  status: string;
  externalId: string | null;
  createdBy: string | null;
  sentAt: Date | null;
  now: Date;
}

/** Inserts a document; undefined when an inbound document with this hub id is already stored. */
export async function insertDocument(db: DbExecutor, row: ExchangedDocumentInsert) {
  const { now, ...values } = row;
  return db
    .insertInto('exchangedDocument')
    .values({ ...values, createdAt: now, updatedAt: now })
    .onConflict((oc) => oc.constraint('exchanged_document_external_uq').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findDocument(db: DbExecutor, id: string) {
  return db.selectFrom('exchangedDocument').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockDocument(db: DbExecutor, id: string) {
  return db.selectFrom('exchangedDocument').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function lockByExternalId(
  db: DbExecutor,
  direction: 'outbound' | 'inbound',
  externalId: string,
) {
  return db
    .selectFrom('exchangedDocument')
    .selectAll()
    .where('direction', '=', direction)
    .where('externalId', '=', externalId)
    .forUpdate()
    .executeTakeFirst();
}

export async function listDocumentsOfDossier(db: DbExecutor, dossierId: string) {
  return db
    .selectFrom('exchangedDocument')
    .selectAll()
    .where('dossierId', '=', dossierId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function listInbox(db: DbExecutor, unitIds: readonly string[], limit: number) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('exchangedDocument')
    .selectAll()
    .where('recipientUnitId', 'in', unitIds)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function updateDocument(
  db: DbExecutor,
  id: string,
  patch: {
    status?: string;
    externalId?: string;
    rejectReason?: string | null;
    lastError?: string | null;
    sentAt?: Date;
    acknowledgedAt?: Date;
    updatedAt: Date;
  },
) {
  await db.updateTable('exchangedDocument').set(patch).where('id', '=', id).execute();
}

/** Links a stored file to a document (once) and sets or clears its last error. */
export async function linkDocumentFile(
  db: DbExecutor,
  id: string,
  fileId: string,
  patch: { lastError?: string | null; updatedAt: Date },
) {
  await db
    .updateTable('exchangedDocument')
    .set({
      ...patch,
      fileIds: sql<
        string[]
      >`case when ${fileId}::uuid = any(file_ids) then file_ids else array_append(file_ids, ${fileId}::uuid) end`,
    })
    .where('id', '=', id)
    .execute();
}
