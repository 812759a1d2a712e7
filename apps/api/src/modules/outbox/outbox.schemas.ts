import { z } from 'zod';

/** Topics the outbox carries. Handlers subscribe by topic (integration issue adds more handlers). */
export const OutboxTopic = z.enum(['dossier.created', 'dossier.status_changed', 'dossier.rated']);
export type OutboxTopic = z.infer<typeof OutboxTopic>;

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
