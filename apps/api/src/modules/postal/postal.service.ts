import {
  CITIZEN_POSTAL_STATUSES,
  POSTAL_FINAL_STATUSES,
  nextPostalStatus,
  type CreatePostalOrderInput,
  type PostalOrderKind,
  type PostalOrderStatus,
} from '@motcua/domain';
import { AppError } from '../../errors/app-error.ts';
import { createPostalAdapter, type PostalAdapter } from '../../integrations/postal.adapter.ts';
import { verifyBodySignature } from '../../integrations/webhook-signature.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireOfficer } from '../../shared/authz.ts';
import { isPermanentDeliveryError } from '../../shared/delivery-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getDossier } from '../dossier/dossier.service.ts';
import { officerHoldsRoleOver } from '../organisation/organisation.service.ts';
import { enqueue } from '../outbox/outbox.service.ts';
import { outboxMaxAttempts } from '../outbox/outbox.schemas.ts';
import type { OutboxMessage } from '../outbox/outbox.worker.ts';
import {
  findOrder,
  insertEvent,
  insertOrder,
  listEventsOfOrders,
  listOrdersOfDossier,
  lockOrder,
  lockOrderByWaybill,
  updateOrder,
} from './postal.repository.ts';
import type { CarrierEventInput, PostalOrderView } from './postal.schemas.ts';

/**
 * Postal channel (issue 5, ADR 0014): pickup orders (collect the applicant's papers) and delivery
 * orders (send the result). The officer's request is stored with an outbox message; the worker
 * creates the order at the carrier (retries, dead letter) and stores the waybill. The carrier's
 * signed status webhook appends to the order's history (idempotent by event id), which the dossier
 * pages show as the postal timeline. A delivered result is *recorded*, not returned automatically:
 * the receiving officer confirms `return_result` (method postal, waybill prefilled), because the
 * transition table gives that action to the receiving officer only.
 */

type RequestMeta = { requestId?: string };

function postalAdapterFor(ctx: AppContext): PostalAdapter | undefined {
  const url = ctx.config.POSTAL_CARRIER_URL;
  if (!url) return undefined;
  return createPostalAdapter({
    url,
    token: ctx.config.POSTAL_CARRIER_TOKEN,
    timeoutMs: ctx.config.INTEGRATION_TIMEOUT_MS,
  });
}

const CLOSED_DOSSIER = ['returned', 'refused', 'stopped'];

async function requireReceivingOfficer(ctx: AppContext, actor: Actor, unitId: string): Promise<void> {
  requireOfficer(actor);
  if (!(await officerHoldsRoleOver(ctx, actor.id, unitId, ['receiving_officer']))) {
    throw new AppError('FORBIDDEN', 'Only a receiving officer of the receiving unit manages postal orders');
  }
}

/** The dossier's postal orders with their histories (citizens: their own dossier, public statuses). */
export async function listPostalOrders(
  ctx: AppContext,
  actor: Actor,
  code: string,
): Promise<PostalOrderView[]> {
  const dossier = await getDossier(ctx, actor, code);
  const orders = await listOrdersOfDossier(ctx.db, dossier.id);
  const events = await listEventsOfOrders(
    ctx.db,
    orders.map((o) => o.id),
  );
  const isCitizen = actor.type !== 'officer' && actor.type !== 'system';
  return orders
    .filter((o) => !isCitizen || CITIZEN_POSTAL_STATUSES.includes(o.status as PostalOrderStatus))
    .map((o) => ({
      id: o.id,
      kind: o.kind as PostalOrderKind,
      status: o.status as PostalOrderStatus,
      waybillNumber: o.waybillNumber,
      recipientName: o.recipientName,
      recipientPhone: o.recipientPhone,
      address: o.address,
      feeAmount: o.feeAmount,
      note: o.note,
      lastError: isCitizen ? null : o.lastError,
      createdAt: o.createdAt.toISOString(),
      updatedAt: o.updatedAt.toISOString(),
      events: events
        .filter((e) => e.orderId === o.id)
        .filter((e) => !isCitizen || CITIZEN_POSTAL_STATUSES.includes(e.status as PostalOrderStatus))
        .map((e) => ({
          status: e.status as PostalOrderStatus,
          note: e.note,
          location: e.location,
          occurredAt: e.occurredAt.toISOString(),
        })),
    }));
}

async function getOrderView(ctx: AppContext, actor: Actor, code: string, orderId: string) {
  const view = (await listPostalOrders(ctx, actor, code)).find((o) => o.id === orderId);
  if (!view) throw new AppError('NOT_FOUND', `No postal order ${orderId} on dossier ${code}`);
  return view;
}

/** An officer asks for a pickup or a delivery; the carrier is called by the worker after commit. */
export async function createPostalOrder(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: CreatePostalOrderInput,
  meta: RequestMeta = {},
): Promise<PostalOrderView> {
  requireOfficer(actor);
  const dossier = await getDossier(ctx, actor, code);
  await requireReceivingOfficer(ctx, actor, dossier.receivingUnit.id);
  if (CLOSED_DOSSIER.includes(dossier.status)) {
    throw new AppError('CONFLICT', `Dossier ${code} is closed (${dossier.status})`, {
      status: dossier.status,
    });
  }
  if (input.kind === 'delivery' && dossier.status !== 'result_ready') {
    throw new AppError('CONFLICT', 'A result can be sent by post once it is issued (result ready)', {
      status: dossier.status,
    });
  }
  const existing = await listOrdersOfDossier(ctx.db, dossier.id);
  const open = existing.find(
    (o) =>
      o.kind === input.kind &&
      !POSTAL_FINAL_STATUSES.includes(o.status as PostalOrderStatus) &&
      o.status !== 'failed',
  );
  if (open) {
    throw new AppError('CONFLICT', `An open ${input.kind} order exists for this dossier`, {
      orderId: open.id,
    });
  }
  const now = ctx.clock();
  const order = await ctx.db.transaction().execute(async (trx) => {
    const row = await insertOrder(trx, {
      dossierId: dossier.id,
      kind: input.kind,
      recipientName: input.recipientName,
      recipientPhone: input.recipientPhone ?? null,
      address: input.address,
      feeAmount: input.feeAmount,
      note: input.note ?? null,
      createdBy: actor.id,
      now,
    });
    await insertEvent(trx, {
      orderId: row.id,
      eventId: `motcua:${row.id}:requested`,
      status: 'requested',
      note: null,
      location: null,
      occurredAt: now,
      receivedAt: now,
    });
    await recordAudit(
      trx,
      actor,
      {
        type: 'postal.order_created',
        entityType: 'postal_order',
        entityId: row.id,
        summary: { dossierCode: dossier.code, kind: input.kind, feeAmount: input.feeAmount },
      },
      { at: now, requestId: meta.requestId },
    );
    await enqueue(
      trx,
      [
        {
          topic: 'postal.create_order',
          aggregateType: 'postal_order',
          aggregateId: row.id,
          payload: { orderId: row.id, dossierCode: dossier.code },
        },
      ],
      now,
    );
    return row;
  });
  return getOrderView(ctx, actor, code, order.id);
}

/** Cancels an order the carrier has not picked up yet (at the carrier too, through the outbox). */
export async function cancelPostalOrder(
  ctx: AppContext,
  actor: Actor,
  code: string,
  orderId: string,
  meta: RequestMeta = {},
): Promise<PostalOrderView> {
  requireOfficer(actor);
  const dossier = await getDossier(ctx, actor, code);
  await requireReceivingOfficer(ctx, actor, dossier.receivingUnit.id);
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const order = await lockOrder(trx, orderId);
    if (!order || order.dossierId !== dossier.id) {
      throw new AppError('NOT_FOUND', `No postal order ${orderId} on dossier ${code}`);
    }
    if (order.status !== 'requested' && order.status !== 'created') {
      throw new AppError(
        'CONFLICT',
        `The order is ${order.status}; only an order not yet picked up can be cancelled`,
        {
          status: order.status,
        },
      );
    }
    await updateOrder(trx, order.id, { status: 'cancelled', updatedAt: now });
    await insertEvent(trx, {
      orderId: order.id,
      eventId: `motcua:${order.id}:cancelled`,
      status: 'cancelled',
      note: null,
      location: null,
      occurredAt: now,
      receivedAt: now,
    });
    await recordAudit(
      trx,
      actor,
      {
        type: 'postal.order_cancelled',
        entityType: 'postal_order',
        entityId: order.id,
        summary: { dossierCode: dossier.code, waybillNumber: order.waybillNumber },
      },
      { at: now, requestId: meta.requestId },
    );
    if (order.waybillNumber) {
      await enqueue(
        trx,
        [
          {
            topic: 'postal.cancel_order',
            aggregateType: 'postal_order',
            aggregateId: order.id,
            payload: { orderId: order.id },
          },
        ],
        now,
      );
    }
  });
  return getOrderView(ctx, actor, code, orderId);
}

/* ------------------------------------------------------------------ outbox handlers */

/** `postal.create_order`: creates the order at the carrier and stores the waybill number. */
export async function createOrderAtCarrier(ctx: AppContext, message: OutboxMessage): Promise<void> {
  const { orderId, dossierCode } = message.payload as { orderId: string; dossierCode: string };
  const order = await findOrder(ctx.db, orderId);
  // Cancelled before the carrier was reached, or already created by an earlier attempt.
  if (!order || order.status !== 'requested') return;
  const adapter = postalAdapterFor(ctx);
  if (!adapter) {
    await updateOrder(ctx.db, order.id, {
      lastError: 'The postal carrier is not configured (POSTAL_CARRIER_URL)',
      updatedAt: ctx.clock(),
    });
    ctx.logger.warn({ orderId }, 'postal order skipped: carrier not configured');
    return;
  }
  try {
    const { waybillNumber } = await adapter.createOrder({
      reference: order.id,
      kind: order.kind as PostalOrderKind,
      dossierCode,
      recipientName: order.recipientName,
      recipientPhone: order.recipientPhone,
      address: order.address,
      feeAmount: order.feeAmount,
      note: order.note,
      officeName: 'Bộ phận Một cửa',
    });
    const now = ctx.clock();
    await ctx.db.transaction().execute(async (trx) => {
      const locked = await lockOrder(trx, order.id);
      if (!locked || locked.status !== 'requested') {
        // Cancelled while the carrier was creating it: cancel it there too.
        if (locked?.status === 'cancelled') {
          await updateOrder(trx, order.id, { waybillNumber, updatedAt: now });
          await enqueue(
            trx,
            [
              {
                topic: 'postal.cancel_order',
                aggregateType: 'postal_order',
                aggregateId: order.id,
                payload: { orderId: order.id },
              },
            ],
            now,
          );
        }
        return;
      }
      await updateOrder(trx, order.id, { status: 'created', waybillNumber, lastError: null, updatedAt: now });
      await insertEvent(trx, {
        orderId: order.id,
        eventId: `motcua:${order.id}:created`,
        status: 'created',
        note: `Số vận đơn / waybill ${waybillNumber}`,
        location: null,
        occurredAt: now,
        receivedAt: now,
      });
    });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const now = ctx.clock();
    const isDead = isPermanentDeliveryError(error) || message.attempts >= outboxMaxAttempts(message.topic);
    await ctx.db.transaction().execute(async (trx) => {
      await updateOrder(trx, order.id, {
        lastError: text.slice(0, 2000),
        updatedAt: now,
        ...(isDead ? { status: 'rejected' } : {}),
      });
      if (isDead) {
        await insertEvent(trx, {
          orderId: order.id,
          eventId: `motcua:${order.id}:rejected`,
          status: 'rejected',
          note: text.slice(0, 1000),
          location: null,
          occurredAt: now,
          receivedAt: now,
        });
      }
    });
    throw error;
  }
}

/** `postal.cancel_order`: cancels the waybill at the carrier. */
export async function cancelOrderAtCarrier(ctx: AppContext, message: OutboxMessage): Promise<void> {
  const { orderId } = message.payload as { orderId: string };
  const order = await findOrder(ctx.db, orderId);
  if (!order?.waybillNumber || order.status !== 'cancelled') return;
  const adapter = postalAdapterFor(ctx);
  if (!adapter) return;
  await adapter.cancelOrder(order.waybillNumber);
}

/* ------------------------------------------------------------------ carrier webhook */

/** Checks the HMAC signature of a carrier event before anything else is read. */
export function verifyCarrierSignature(ctx: AppContext, header: string | undefined, rawBody: string): void {
  const secret = ctx.config.POSTAL_WEBHOOK_SECRET;
  if (!secret) throw new AppError('INTEGRATION_NOT_CONFIGURED', 'The postal webhook is not configured');
  const check = verifyBodySignature(secret, header, rawBody, ctx.clock());
  if (!check.isValid)
    throw new AppError('SIGNATURE_INVALID', `Bad signature (${check.reason})`, { reason: check.reason });
}

/** A status event of the carrier: appended once (by event id); the order never moves backwards. */
export async function receiveCarrierEvent(ctx: AppContext, input: CarrierEventInput) {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const order = await lockOrderByWaybill(trx, input.waybillNumber);
    if (!order) throw new AppError('NOT_FOUND', `Unknown waybill ${input.waybillNumber}`);
    const inserted = await insertEvent(trx, {
      orderId: order.id,
      eventId: `carrier:${input.eventId}`,
      status: input.status,
      note: input.note ?? null,
      location: input.location ?? null,
      occurredAt: new Date(input.occurredAt),
      receivedAt: now,
    });
    if (!inserted) {
      return { orderId: order.id, status: order.status as PostalOrderStatus, isDuplicate: true };
    }
    const status = nextPostalStatus(order.status as PostalOrderStatus, input.status);
    if (status !== order.status) await updateOrder(trx, order.id, { status, updatedAt: now });
    return { orderId: order.id, status, isDuplicate: false };
  });
}
