import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import type { AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { AuditEntry, AuditQuery, AuditVerification } from './audit.schemas.ts';
import { listAudit, verifyAudit } from './audit.service.ts';

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
  app.get('/api/admin/audit/verify', {
    config: { auth: 'officer' },
    schema: {
      tags: ['admin'],
      summary: 'Seal the audit trail, then verify its hash chain (same check as `motcua audit verify`)',
      response: { 200: AuditVerification, ...errorResponses },
    },
    handler: async (req) => verifyAudit(ctx, req.actor),
  });
}
