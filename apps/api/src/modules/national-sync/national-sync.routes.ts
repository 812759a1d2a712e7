import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { registerRawJsonScope, signedBody } from '../../http/raw-json.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import {
  DossierSyncView,
  PortalDossierAnswer,
  PortalDossierInput,
  ReconciliationQuery,
  ReconciliationReport,
  ResyncInput,
} from './national-sync.schemas.ts';
import {
  getDossierSync,
  getReconciliationReport,
  receivePortalDossier,
  requestResync,
  verifyPortalSignature,
} from './national-sync.service.ts';

export function nationalSyncRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/api/admin/national-sync/report', {
    config: { auth: 'officer' },
    schema: {
      tags: ['national-sync', 'admin'],
      summary: 'Reconciliation with the national portal: totals by sync state and the dossiers out of sync',
      querystring: ReconciliationQuery,
      response: { 200: ReconciliationReport, ...errorResponses },
    },
    handler: async (req) => getReconciliationReport(ctx, req.actor, req.query),
  });
  app.post('/api/admin/national-sync/resync', {
    config: { auth: 'officer' },
    schema: {
      tags: ['national-sync', 'admin'],
      summary: 'Queue a push of the dossiers the portal does not have (all, or the given codes)',
      body: ResyncInput,
      response: { 200: z.object({ queued: z.number() }), ...errorResponses },
    },
    handler: async (req) => requestResync(ctx, req.actor, req.body, requestMeta(req)),
  });
  app.get('/api/dossiers/:code/national-sync', {
    config: { auth: 'officer' },
    schema: {
      tags: ['national-sync'],
      summary: 'Sync state of a dossier with the national portal',
      params: z.strictObject({ code: z.string().min(1).max(100) }),
      response: { 200: DossierSyncView, ...errorResponses },
    },
    handler: async (req) => getDossierSync(ctx, req.actor, req.params.code),
  });

  // Inbound pushes: the body is parsed here from the raw text so its signature can be checked.
  registerRawJsonScope(app, (scope) => {
    scope.post('/api/integrations/national-portal/dossiers', {
      config: { auth: 'public' },
      preValidation: signedBody((signature, raw) => verifyPortalSignature(ctx, signature, raw)),
      schema: {
        tags: ['national-sync'],
        summary:
          'A dossier pushed by the national portal (HMAC-signed: Motcua-Signature); idempotent by externalId',
        body: PortalDossierInput,
        response: { 200: PortalDossierAnswer, 201: PortalDossierAnswer, ...errorResponses },
      },
      handler: async (req, reply) => {
        const answer = await receivePortalDossier(ctx, req.body, requestMeta(req));
        return reply.code(answer.isReplay ? 200 : 201).send(answer);
      },
    });
  });
}
