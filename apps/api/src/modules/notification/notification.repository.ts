import type { DbExecutor } from '../../db/database.ts';

export interface NotificationInsert {
  dossierId: string | null;
  event: string;
  channel: 'email' | 'sms' | 'zalo';
  recipient: string;
  language: 'vi' | 'en';
  subject: string | null;
  body: string;
  payload: unknown;
  status: 'queued' | 'skipped';
  lastError: string | null;
  sourceKey: string;
  now: Date;
}

/** Inserts once per source key; answers the new id, or undefined when it already existed. */
export async function insertNotificationOnce(
  db: DbExecutor,
  row: NotificationInsert,
): Promise<string | undefined> {
  const r = await db
    .insertInto('notification')
    .values({
      dossierId: row.dossierId,
      event: row.event,
      channel: row.channel,
      recipient: row.recipient,
      language: row.language,
      subject: row.subject,
      body: row.body,
      payload: JSON.stringify(row.payload),
      status: row.status,
      lastError: row.lastError,
      sourceKey: row.sourceKey,
      createdAt: row.now,
      updatedAt: row.now,
    })
    .onConflict((oc) => oc.constraint('notification_source_key_uq').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export async function findNotificationById(db: DbExecutor, id: string) {
  return db.selectFrom('notification').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findNotificationBySourceKey(db: DbExecutor, sourceKey: string) {
  return db.selectFrom('notification').selectAll().where('sourceKey', '=', sourceKey).executeTakeFirst();
}

export async function markNotificationSent(
  db: DbExecutor,
  id: string,
  result: { providerMessageId: string; at: Date },
): Promise<void> {
  await db
    .updateTable('notification')
    .set((eb) => ({
      status: 'sent',
      attempts: eb('attempts', '+', 1),
      providerMessageId: result.providerMessageId,
      lastError: null,
      sentAt: result.at,
      updatedAt: result.at,
    }))
    .where('id', '=', id)
    .where('status', '!=', 'sent')
    .execute();
}

export async function markNotificationFailed(
  db: DbExecutor,
  id: string,
  failure: { error: string; isDead: boolean; at: Date },
): Promise<void> {
  await db
    .updateTable('notification')
    .set((eb) => ({
      status: failure.isDead ? 'dead' : 'failed',
      attempts: eb('attempts', '+', 1),
      lastError: failure.error.slice(0, 2000),
      updatedAt: failure.at,
    }))
    .where('id', '=', id)
    .where('status', '!=', 'sent')
    .execute();
}

export async function markNotificationSkipped(db: DbExecutor, id: string, reason: string, at: Date) {
  await db
    .updateTable('notification')
    .set({ status: 'skipped', lastError: reason, updatedAt: at })
    .where('id', '=', id)
    .where('status', '!=', 'sent')
    .execute();
}

export async function listNotificationsOfDossier(db: DbExecutor, dossierId: string) {
  return db
    .selectFrom('notification')
    .selectAll()
    .where('dossierId', '=', dossierId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function listNotifications(
  db: DbExecutor,
  filter: { status?: string | undefined; channel?: string | undefined; limit: number },
) {
  let q = db.selectFrom('notification').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.channel) q = q.where('channel', '=', filter.channel);
  return q.orderBy('createdAt', 'desc').orderBy('id').limit(filter.limit).execute();
}

export async function findPreference(db: DbExecutor, accountId: string) {
  return db
    .selectFrom('notificationPreference')
    .select(['channel', 'updatedAt'])
    .where('applicantAccountId', '=', accountId)
    .executeTakeFirst();
}

export async function upsertPreference(db: DbExecutor, accountId: string, channel: string, at: Date) {
  await db
    .insertInto('notificationPreference')
    .values({ applicantAccountId: accountId, channel, updatedAt: at })
    .onConflict((oc) => oc.constraint('notification_preference_pk').doUpdateSet({ channel, updatedAt: at }))
    .execute();
}

export async function countRecent(
  db: DbExecutor,
  filter: { event: string; recipient: string; since: Date },
): Promise<number> {
  const r = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event', '=', filter.event)
    .where('recipient', '=', filter.recipient)
    .where('createdAt', '>=', filter.since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
