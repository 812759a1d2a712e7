import crypto from 'node:crypto';
import type { DbExecutor } from '../../db/database.ts';
import { AppError } from '../../errors/app-error.ts';
import { postCloudEvent } from '../../integrations/webhook.adapter.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireRole } from '../../shared/authz.ts';
import { isPermanentDeliveryError } from '../../shared/delivery-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueue } from '../outbox/outbox.service.ts';
import { outboxMaxAttempts } from '../outbox/outbox.schemas.ts';
import type { OutboxMessage } from '../outbox/outbox.worker.ts';
import {
  deactivateSubscription,
  findDelivery,
  findSubscription,
  insertDeliveryOnce,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  updateDelivery,
} from './webhook.repository.ts';

/**
 * Outbound events (issue 5): every dossier state change is published as a CloudEvents 1.0 JSON
 * message to each active subscriber, signed with HMAC-SHA256 (`Motcua-Signature`), through the
 * outbox: one `webhook.deliver` message per subscriber and event, each retried on its own.
 */

type SubscriptionRow = Awaited<ReturnType<typeof listSubscriptions>>[number];

function subscriptionView(r: SubscriptionRow) {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    eventTypes: r.eventTypes,
    isActive: r.isActive,
    createdAt: r.createdAt.toISOString(),
  };
}

/** CloudEvents type of an outbox dossier topic. */
export function cloudEventType(topic: string): string {
  return `vn.gov.motcua.${topic}`;
}

/** The CloudEvents JSON body of a dossier event (structured content mode). */
export function cloudEventBody(ctx: AppContext, message: OutboxMessage): string {
  const p = message.payload as { code?: string; occurredAt?: string };
  return JSON.stringify({
    specversion: '1.0',
    id: `motcua-outbox-${message.id}`,
    source: new URL('/api/dossiers', ctx.config.PUBLIC_BASE_URL).toString(),
    type: cloudEventType(message.topic),
    subject: p.code ?? message.aggregateId,
    time: p.occurredAt ?? message.createdAt.toISOString(),
    datacontenttype: 'application/json',
    data: message.payload,
  });
}

/** Outbox handler of dossier events: one delivery per active subscriber that wants the type. */
export async function planWebhookDeliveries(ctx: AppContext, message: OutboxMessage): Promise<void> {
  const type = cloudEventType(message.topic);
  const subscribers = (await listSubscriptions(ctx.db, { isActiveOnly: true })).filter(
    (s) => s.eventTypes.length === 0 || s.eventTypes.includes(type),
  );
  if (subscribers.length === 0) return;
  const body = cloudEventBody(ctx, message);
  const now = ctx.clock();
  const dossierId = message.aggregateType === 'dossier' ? message.aggregateId : null;
  await ctx.db.transaction().execute(async (trx) => {
    for (const s of subscribers) {
      const id = await insertDeliveryOnce(trx, {
        subscriptionId: s.id,
        eventId: `motcua-outbox-${message.id}`,
        eventType: type,
        dossierId,
        body,
        now,
      });
      if (id) await enqueueDelivery(trx, id, now);
    }
  });
}

async function enqueueDelivery(trx: DbExecutor, deliveryId: string, now: Date): Promise<void> {
  await enqueue(
    trx,
    [
      {
        topic: 'webhook.deliver',
        aggregateType: 'webhook_delivery',
        aggregateId: deliveryId,
        payload: { deliveryId },
      },
    ],
    now,
  );
}

/** Outbox handler of `webhook.deliver`. */
export async function deliverWebhook(ctx: AppContext, message: OutboxMessage): Promise<void> {
  const id = (message.payload as { deliveryId?: string }).deliveryId;
  const d = id ? await findDelivery(ctx.db, id) : undefined;
  if (!d) return;
  if (d.status === 'delivered') return;
  if (!d.isActive) {
    await updateDelivery(ctx.db, d.id, {
      status: 'dead',
      lastError: 'Subscription switched off / đã tắt đăng ký',
      at: ctx.clock(),
      isAttempt: false,
    });
    return;
  }
  try {
    const res = await postCloudEvent({
      url: d.url,
      secret: d.secret,
      body: d.body,
      eventId: d.eventId,
      at: ctx.clock(),
      timeoutMs: ctx.config.INTEGRATION_TIMEOUT_MS,
    });
    await updateDelivery(ctx.db, d.id, {
      status: 'delivered',
      responseStatus: res.status,
      lastError: null,
      at: ctx.clock(),
      isAttempt: true,
    });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const status = /HTTP (\d{3})/.exec(text)?.[1];
    const isDead = isPermanentDeliveryError(error) || message.attempts >= outboxMaxAttempts(message.topic);
    await updateDelivery(ctx.db, d.id, {
      status: isDead ? 'dead' : 'failed',
      responseStatus: status ? Number(status) : null,
      lastError: text,
      at: ctx.clock(),
      isAttempt: true,
    });
    throw error;
  }
}

/* ------------------------------------------------------------------ administration */

export async function createWebhook(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; url: string; eventTypes: string[]; secret?: string | undefined },
  meta: { requestId?: string } = {},
) {
  requireRole(actor, 'admin');
  const now = ctx.clock();
  const secret = input.secret ?? crypto.randomBytes(32).toString('base64url');
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertSubscription(trx, {
      name: input.name,
      url: input.url,
      secret,
      eventTypes: [...new Set(input.eventTypes)],
      createdBy: actor.id,
      now,
    });
    await recordAudit(
      trx,
      actor,
      {
        type: 'webhook.subscribed',
        entityType: 'webhook_subscription',
        entityId: created.id,
        summary: { name: created.name, url: created.url, eventTypes: created.eventTypes },
      },
      { at: now, requestId: meta.requestId },
    );
    return created;
  });
  return { ...subscriptionView(row), secret };
}

export async function listWebhooks(ctx: AppContext, actor: Actor) {
  requireRole(actor, 'admin');
  return (await listSubscriptions(ctx.db, { isActiveOnly: false })).map(subscriptionView);
}

export async function deactivateWebhook(
  ctx: AppContext,
  actor: Actor,
  id: string,
  meta: { requestId?: string } = {},
) {
  requireRole(actor, 'admin');
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await deactivateSubscription(trx, id, now);
    if (!row) throw new AppError('WEBHOOK_NOT_FOUND', `No active webhook subscription ${id}`);
    await recordAudit(
      trx,
      actor,
      {
        type: 'webhook.deactivated',
        entityType: 'webhook_subscription',
        entityId: id,
        summary: { name: row.name },
      },
      { at: now, requestId: meta.requestId },
    );
    return subscriptionView(row);
  });
}

export async function listWebhookDeliveries(ctx: AppContext, actor: Actor, id: string, limit: number) {
  requireRole(actor, 'admin');
  if (!(await findSubscription(ctx.db, id)))
    throw new AppError('WEBHOOK_NOT_FOUND', `No webhook subscription ${id}`);
  return (await listDeliveries(ctx.db, id, limit)).map((d) => ({
    id: d.id,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status as 'queued' | 'delivered' | 'failed' | 'dead',
    attempts: d.attempts,
    responseStatus: d.responseStatus,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    body: d.body,
  }));
}
