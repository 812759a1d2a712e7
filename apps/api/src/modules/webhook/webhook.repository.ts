import type { DbExecutor } from '../../db/database.ts';

export async function insertSubscription(
  db: DbExecutor,
  row: { name: string; url: string; secret: string; eventTypes: string[]; createdBy: string; now: Date },
) {
  return db
    .insertInto('webhookSubscription')
    .values({
      name: row.name,
      url: row.url,
      secret: row.secret,
      eventTypes: row.eventTypes,
      createdBy: row.createdBy,
      createdAt: row.now,
      updatedAt: row.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listSubscriptions(db: DbExecutor, options: { isActiveOnly: boolean }) {
  let q = db.selectFrom('webhookSubscription').selectAll();
  if (options.isActiveOnly) q = q.where('isActive', '=', true);
  return q.orderBy('createdAt').execute();
}

export async function findSubscription(db: DbExecutor, id: string) {
  return db.selectFrom('webhookSubscription').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deactivateSubscription(db: DbExecutor, id: string, now: Date) {
  return db
    .updateTable('webhookSubscription')
    .set({ isActive: false, updatedAt: now })
    .where('id', '=', id)
    .where('isActive', '=', true)
    .returningAll()
    .executeTakeFirst();
}

/** Inserts once per (subscription, event id); answers the new id, or undefined if it existed. */
export async function insertDeliveryOnce(
  db: DbExecutor,
  row: {
    subscriptionId: string;
    eventId: string;
    eventType: string;
    dossierId: string | null;
    body: string;
    now: Date;
  },
): Promise<string | undefined> {
  const r = await db
    .insertInto('webhookDelivery')
    .values({
      subscriptionId: row.subscriptionId,
      eventId: row.eventId,
      eventType: row.eventType,
      dossierId: row.dossierId,
      body: row.body,
      createdAt: row.now,
      updatedAt: row.now,
    })
    .onConflict((oc) => oc.constraint('webhook_delivery_event_uq').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export async function findDelivery(db: DbExecutor, id: string) {
  return db
    .selectFrom('webhookDelivery')
    .innerJoin('webhookSubscription', 'webhookSubscription.id', 'webhookDelivery.subscriptionId')
    .selectAll('webhookDelivery')
    .select(['webhookSubscription.url', 'webhookSubscription.secret', 'webhookSubscription.isActive'])
    .where('webhookDelivery.id', '=', id)
    .executeTakeFirst();
}

export async function updateDelivery(
  db: DbExecutor,
  id: string,
  patch: {
    status: 'delivered' | 'failed' | 'dead';
    responseStatus?: number | null;
    lastError: string | null;
    at: Date;
    isAttempt: boolean;
  },
): Promise<void> {
  await db
    .updateTable('webhookDelivery')
    .set((eb) => ({
      status: patch.status,
      ...(patch.isAttempt ? { attempts: eb('attempts', '+', 1) } : {}),
      ...(patch.responseStatus !== undefined ? { responseStatus: patch.responseStatus } : {}),
      lastError: patch.lastError?.slice(0, 2000) ?? null,
      updatedAt: patch.at,
      ...(patch.status === 'delivered' ? { deliveredAt: patch.at } : {}),
    }))
    .where('id', '=', id)
    .where('status', '!=', 'delivered')
    .execute();
}

export async function listDeliveries(db: DbExecutor, subscriptionId: string, limit: number) {
  return db
    .selectFrom('webhookDelivery')
    .selectAll()
    .where('subscriptionId', '=', subscriptionId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}
