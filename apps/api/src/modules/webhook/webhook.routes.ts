import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { CreateWebhookInput, CreatedWebhook, WebhookDeliveryView, WebhookView } from './webhook.schemas.ts';
import { createWebhook, deactivateWebhook, listWebhookDeliveries, listWebhooks } from './webhook.service.ts';

export function webhookRoutes(app: AppInstance, ctx: AppContext): void {
  app.post('/api/admin/webhooks', {
    config: { auth: 'officer' },
    schema: {
      tags: ['webhooks', 'admin'],
      summary:
        'Subscribe a receiver to dossier events (CloudEvents JSON, HMAC-signed); the secret is shown once',
      body: CreateWebhookInput,
      response: { 201: CreatedWebhook, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await createWebhook(ctx, req.actor, req.body, requestMeta(req))),
  });
  app.get('/api/admin/webhooks', {
    config: { auth: 'officer' },
    schema: {
      tags: ['webhooks', 'admin'],
      summary: 'Webhook subscriptions',
      response: { 200: z.array(WebhookView), ...errorResponses },
    },
    handler: async (req) => listWebhooks(ctx, req.actor),
  });
  app.post('/api/admin/webhooks/:id/deactivate', {
    config: { auth: 'officer' },
    schema: {
      tags: ['webhooks', 'admin'],
      summary: 'Switch a subscription off (queued deliveries are dropped)',
      params: z.strictObject({ id: z.uuid() }),
      response: { 200: WebhookView, ...errorResponses },
    },
    handler: async (req) => deactivateWebhook(ctx, req.actor, req.params.id, requestMeta(req)),
  });
  app.get('/api/admin/webhooks/:id/deliveries', {
    config: { auth: 'officer' },
    schema: {
      tags: ['webhooks', 'admin'],
      summary: 'Recent deliveries to a subscriber, with the body sent and the answer',
      params: z.strictObject({ id: z.uuid() }),
      querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.array(WebhookDeliveryView), ...errorResponses },
    },
    handler: async (req) => listWebhookDeliveries(ctx, req.actor, req.params.id, req.query.limit),
  });
}
