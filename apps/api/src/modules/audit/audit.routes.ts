import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import type { AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { AuditEntry, AuditQuery } from './audit.schemas.ts';
import { listAudit } from './audit.service.ts';

export function auditRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/api/audit', {
    config: { auth: 'officer' },
    schema: {
      tags: ['audit'],
      summary: 'Audit trail (admin)',
      querystring: AuditQuery,
      response: { 200: z.array(AuditEntry), ...errorResponses },
    },
    handler: async (req) => listAudit(ctx, req.actor, req.query),
  });
}
