import type { DbExecutor } from '../../db/database.ts';

export async function insertOrder(
  db: DbExecutor,
  row: {
    dossierId: string;
    kind: string;
    recipientName: string;
    recipientPhone: string | null;
    address: string;
    feeAmount: number;
    note: string | null;
    createdBy: string;
    now: Date;
  },
) {
  const { now, ...values } = row;
  return db
    .insertInto('postalOrder')
    .values({ ...values, status: 'requested', createdAt: now, updatedAt: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Records one status event; undefined when an event with this id is already recorded. */
export async function insertEvent(
  db: DbExecutor,
  row: {
    orderId: string;
    eventId: string;
    status: string;
    note: string | null;
    location: string | null;
    occurredAt: Date;
    receivedAt: Date;
  },
) {
  return db
    .insertInto('postalEvent')
    .values(row)
    .onConflict((oc) => oc.constraint('postal_event_event_uq').doNothing())
    .returning(['id'])
    .executeTakeFirst();
}

export async function findOrder(db: DbExecutor, id: string) {
  return db.selectFrom('postalOrder').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockOrder(db: DbExecutor, id: string) {
  return db.selectFrom('postalOrder').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function lockOrderByWaybill(db: DbExecutor, waybillNumber: string) {
  return db
    .selectFrom('postalOrder')
    .selectAll()
    .where('waybillNumber', '=', waybillNumber)
    .forUpdate()
    .executeTakeFirst();
}

export async function listOrdersOfDossier(db: DbExecutor, dossierId: string) {
  return db
    .selectFrom('postalOrder')
    .selectAll()
    .where('dossierId', '=', dossierId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function listEventsOfOrders(db: DbExecutor, orderIds: readonly string[]) {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('postalEvent')
    .selectAll()
    .where('orderId', 'in', orderIds)
    .orderBy('occurredAt')
    .orderBy('id')
    .execute();
}

export async function updateOrder(
  db: DbExecutor,
  id: string,
  patch: { status?: string; waybillNumber?: string; lastError?: string | null; updatedAt: Date },
) {
  await db.updateTable('postalOrder').set(patch).where('id', '=', id).execute();
}
