import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { OutboxListQuery, OutboxMessageView, OutboxStats } from './outbox.schemas.ts';
import { listOutbox, outboxStats, replayDeadMessage } from './outbox.service.ts';

export function outboxRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/api/admin/outbox', {
    config: { auth: 'officer' },
    schema: {
      tags: ['admin'],
      summary: 'Outbox messages by state (dead-letter list by default)',
      querystring: OutboxListQuery,
      response: { 200: z.array(OutboxMessageView), ...errorResponses },
    },
    handler: async (req) => listOutbox(ctx, req.actor, req.query),
  });
  app.get('/api/admin/outbox/stats', {
    config: { auth: 'officer' },
    schema: {
      tags: ['admin'],
      summary: 'Counts of pending, dead and processed messages',
      response: { 200: OutboxStats, ...errorResponses },
    },
    handler: async (req) => outboxStats(ctx, req.actor),
  });
  app.post('/api/admin/outbox/:id/replay', {
    config: { auth: 'officer' },
    schema: {
      tags: ['admin'],
      summary: 'Put a dead-lettered message back in the queue',
      params: z.strictObject({ id: z.coerce.number().int().min(1) }),
      response: { 200: z.object({ id: z.number(), topic: z.string() }), ...errorResponses },
    },
    handler: async (req) => replayDeadMessage(ctx, req.actor, req.params.id, requestMeta(req).requestId),
  });
}
