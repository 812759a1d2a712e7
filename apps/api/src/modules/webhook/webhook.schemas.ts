import { z } from 'zod';

/** CloudEvents types Motcua publishes (one per outbox dossier topic). */
export const WEBHOOK_EVENT_TYPES = [
  'vn.gov.motcua.dossier.created',
  'vn.gov.motcua.dossier.status_changed',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);

export const CreateWebhookInput = z.strictObject({
  name: z.string().trim().min(2).max(200),
  url: z
    .url({ protocol: /^https?$/ })
    .max(1000)
    .meta({ example: 'https://ioc.thanhhoa.gov.vn/hooks/motcua' }),
  eventTypes: z.array(WebhookEventType).max(10).default([]),
  /** Own secret (at least 32 characters); omitted: the server generates one and shows it once. */
  secret: z.string().min(32).max(200).optional(),
});

export const WebhookView = z.object({
  id: z.uuid(),
  name: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  isActive: z.boolean(),
  createdAt: z.string(),
});

export const CreatedWebhook = WebhookView.extend({
  secret: z.string().meta({ description: 'HMAC key of the Motcua-Signature header; shown only now' }),
});

export const WebhookDeliveryView = z.object({
  id: z.uuid(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['queued', 'delivered', 'failed', 'dead']),
  attempts: z.number(),
  responseStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  body: z.string(),
});
