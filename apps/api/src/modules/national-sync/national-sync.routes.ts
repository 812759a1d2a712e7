import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import { SIGNATURE_HEADER } from '../../integrations/webhook-signature.ts';
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

/** Raw bodies of signed inbound requests (the signature covers the exact bytes). */
const rawBodies = new WeakMap<FastifyRequest, string>();

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
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      rawBodies.set(req, body as string);
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(Object.assign(new Error('Invalid JSON'), { statusCode: 400 }), undefined);
      }
    });
    scope.addHook('preValidation', async (req) => {
      const header = req.headers[SIGNATURE_HEADER];
      verifyPortalSignature(ctx, Array.isArray(header) ? header[0] : header, rawBodies.get(req) ?? '');
    });
    scope.withTypeProvider<ZodTypeProvider>().post('/api/integrations/national-portal/dossiers', {
      config: { auth: 'public' },
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
