import { sql } from 'kysely';
import type { DbExecutor } from '../../db/database.ts';

/** SQL of the payment module (ADR 0012). */

export interface NewPaymentRequest {
  dossierId: string;
  obligationId: string | null;
  purpose: 'fee' | 'obligation';
  method: string;
  amount: number;
  items: string;
  reference: string;
  vietqrPayload: string | null;
  createdByType: string;
  createdById: string | null;
  expiresAt: Date | null;
  now: Date;
}

/** Inserts a pending request; undefined when an open one of the same kind exists (unique index). */
export async function insertRequest(db: DbExecutor, row: NewPaymentRequest) {
  const { now, ...values } = row;
  return db
    .insertInto('paymentRequest')
    .values({ ...values, status: 'pending', createdAt: now, updatedAt: now })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function listRequestsOfDossier(db: DbExecutor, dossierId: string) {
  return db
    .selectFrom('paymentRequest')
    .selectAll()
    .where('dossierId', '=', dossierId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function lockRequestByReference(db: DbExecutor, reference: string) {
  return db
    .selectFrom('paymentRequest')
    .selectAll()
    .where('reference', '=', reference)
    .forUpdate()
    .executeTakeFirst();
}

export async function lockRequest(db: DbExecutor, id: string) {
  return db.selectFrom('paymentRequest').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findRequest(db: DbExecutor, id: string) {
  return db.selectFrom('paymentRequest').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateRequest(
  db: DbExecutor,
  id: string,
  patch: {
    status?: string;
    gatewayTransactionId?: string | null;
    payUrl?: string | null;
    eInvoiceNumber?: string | null;
    receiptNumber?: string | null;
    paidAt?: Date | null;
    updatedAt: Date;
  },
) {
  return db
    .updateTable('paymentRequest')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Cancels the other pending requests of a dossier for the same amount owed (same purpose and
 * obligation) as `paid`, in one statement.
 */
export async function cancelOtherPendingRequests(
  db: DbExecutor,
  paid: { id: string; dossierId: string; purpose: string; obligationId: string | null },
  now: Date,
) {
  await db
    .updateTable('paymentRequest')
    .set({ status: 'cancelled', updatedAt: now, version: sql<number>`version + 1` })
    .where('dossierId', '=', paid.dossierId)
    .where('id', '<>', paid.id)
    .where('status', '=', 'pending')
    .where('purpose', '=', paid.purpose)
    .where('obligationId', 'is not distinct from', paid.obligationId)
    .execute();
}

/** Pending requests created before `before` (reconciliation candidates), oldest first. */
export async function listPendingBefore(db: DbExecutor, before: Date, limit: number) {
  return db
    .selectFrom('paymentRequest')
    .select(['id', 'reference', 'method', 'expiresAt'])
    .where('status', '=', 'pending')
    .where('createdAt', '<', before)
    .orderBy('createdAt')
    .limit(limit)
    .execute();
}

/** Next number of the dossier's requests (the reference suffix). */
export async function countRequestsOfDossier(db: DbExecutor, dossierId: string): Promise<number> {
  const row = await db
    .selectFrom('paymentRequest')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('dossierId', '=', dossierId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Next receipt sequence of a year (receipt numbers BL-<year>-<seq>). */
export async function countReceiptsOfYear(db: DbExecutor, prefix: string): Promise<number> {
  const row = await db
    .selectFrom('paymentRequest')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('receiptNumber', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records one report; undefined when this (source, dedupKey) is already recorded. */
export async function insertEvent(
  db: DbExecutor,
  row: {
    paymentRequestId: string | null;
    source: 'ipn' | 'poll' | 'counter' | 'expiry';
    dedupKey: string;
    reportedStatus: string | null;
    amount: number | null;
    isSignatureValid: boolean | null;
    outcome: string;
    rawPayload: string;
    receivedAt: Date;
  },
) {
  return db
    .insertInto('paymentEvent')
    .values(row)
    .onConflict((oc) => oc.constraint('payment_event_dedup_uq').doNothing())
    .returning(['id'])
    .executeTakeFirst();
}

export async function listEventsOfRequests(db: DbExecutor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('paymentEvent')
    .selectAll()
    .where('paymentRequestId', 'in', ids)
    .orderBy('receivedAt')
    .orderBy('id')
    .execute();
}

/** Financial obligations of a dossier (the table written by the dossier transition). */
export async function listObligationsOfDossier(db: DbExecutor, dossierId: string) {
  return db
    .selectFrom('dossierObligation')
    .select(['id', 'description', 'amount', 'requestedAt', 'fulfilledAt'])
    .where('dossierId', '=', dossierId)
    .orderBy('requestedAt')
    .orderBy('id')
    .execute();
}

export async function findRequestByReference(db: DbExecutor, reference: string) {
  return db.selectFrom('paymentRequest').selectAll().where('reference', '=', reference).executeTakeFirst();
}

export async function findDossierCode(db: DbExecutor, dossierId: string): Promise<string> {
  const row = await db
    .selectFrom('dossier')
    .select('code')
    .where('id', '=', dossierId)
    .executeTakeFirstOrThrow();
  return row.code;
}
