import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import type { AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { checkHealth } from './health.service.ts';

const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['postgres', 'pglite']),
  scanner: z.enum(['off', 'up', 'down']),
  time: z.string(),
});

export function healthRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/api/health', {
    config: { auth: 'public' },
    schema: {
      tags: ['system'],
      summary:
        '200 when the database answers (degraded when the virus scanner is down and uploads are refused), 503 otherwise',
      response: { 200: Health, ...errorResponses },
    },
    handler: async () => checkHealth(ctx),
  });
}
