import { z } from 'zod';

/** Topics the outbox carries. Handlers subscribe by topic (integration issue adds more handlers). */
export const OutboxTopic = z.enum([
  'dossier.created',
  'dossier.status_changed',
  'dossier.rated',
  /** Deliver one row of the notification log (e-mail, SMS or chat), payload `{ notificationId }`. */
  'notification.send',
  /** Send one e-mail (any module, e.g. the weekly report), payload `EmailMessagePayload`. */
  'email.send',
  /** POST one CloudEvents message to one webhook subscriber, payload `{ deliveryId }`. */
  'webhook.deliver',
  /** Push the current state of a dossier to the national portal, payload `{ dossierId, code, version }`. */
  'national_sync.push',
  /** Remove expired resumable uploads and their partial bytes (scheduled at expiry), payload `{ uploadId }`. */
  'upload.expire',
  /**
   * Send the weekly report of one subscription (scheduled for its Monday 07:00 run; each run
   * enqueues the next), payload `{ subscriptionId, runAt }`.
   */
  'statistics.weekly_report',
  /** Create one postal order at the carrier (ADR 0014), payload `{ orderId }`. */
  'postal.create_order',
  /** Cancel one postal order at the carrier, payload `{ orderId }`. */
  'postal.cancel_order',
  /** A payment became paid: fulfil the dossier's obligation as the system (ADR 0012), payload `{ paymentRequestId }`. */
  'payment.fulfil_obligation',
  /** Reconcile pending payments with the gateway and expire stale ones (scheduled per request), payload `{ paymentRequestId }`. */
  'payment.reconcile',
  /** Send one exchanged document to the hub (outside recipient), payload `{ documentId }`. */
  'exchange.send',
  /** Send our acknowledgement of an inbound document to the hub, payload `{ documentId }`. */
  'exchange.ack',
  /** Fetch one attachment of an inbound document from the hub and store it, payload `{ documentId, attachment }`. */
  'exchange.fetch_attachment',
]);
export type OutboxTopic = z.infer<typeof OutboxTopic>;

/**
 * Attempts before a message of a topic is dead-lettered. Deliveries to outside receivers get
 * more attempts than the default 10 so that, with the exponential backoff (1 s, 2 s … capped at
 * one hour), a receiver down for hours (not only ten minutes) loses nothing.
 */
export const OUTBOX_MAX_ATTEMPTS_BY_TOPIC: Readonly<Partial<Record<OutboxTopic, number>>> = {
  'notification.send': 16,
  'email.send': 16,
  'webhook.deliver': 16,
  'national_sync.push': 16,
  // A dead weekly run would end the subscription's chain of runs: retry for hours, not minutes.
  'statistics.weekly_report': 16,
  'postal.create_order': 16,
  'postal.cancel_order': 16,
  'exchange.send': 16,
  'exchange.ack': 16,
  'exchange.fetch_attachment': 16,
  'payment.fulfil_obligation': 16,
  'payment.reconcile': 16,
};

export const OutboxMessageView = z.object({
  id: z.number(),
  topic: z.string(),
  aggregateType: z.string(),
  aggregateId: z.string(),
  payload: z.unknown(),
  createdAt: z.string(),
  availableAt: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  processedAt: z.string().nullable(),
  deadAt: z.string().nullable(),
});

export const OutboxListQuery = z.strictObject({
  state: z.enum(['pending', 'dead', 'processed']).default('dead'),
  topic: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const OutboxStats = z.object({ pending: z.number(), dead: z.number(), processed: z.number() });

/** Attempts the server's worker makes for a message of this topic before dead-lettering it. */
export function outboxMaxAttempts(topic: string): number {
  return (OUTBOX_MAX_ATTEMPTS_BY_TOPIC as Record<string, number | undefined>)[topic] ?? 10;
}
