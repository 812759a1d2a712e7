import { ExchangeAckInput, SendExchangeDocumentInput } from '@motcua/domain';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import { SIGNATURE_HEADER } from '../../integrations/webhook-signature.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { ExchangedDocumentView, HubInboundAnswer, HubInboundInput, InboxQuery } from './exchange.schemas.ts';
import {
  acknowledgeDocument,
  listDossierDocuments,
  listUnitInbox,
  receiveFromHub,
  sendExchangeDocument,
  verifyHubSignature,
} from './exchange.service.ts';

/** Raw bodies of signed hub pushes (the signature covers the exact bytes). */
const rawBodies = new WeakMap<FastifyRequest, string>();
const CodeParams = z.strictObject({ code: z.string().min(1).max(100) });

export function exchangeRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/api/dossiers/:code/exchanged-documents', {
    config: { auth: 'officer' },
    schema: {
      tags: ['exchange'],
      summary: 'Official documents exchanged about a dossier, with their acknowledgement status',
      params: CodeParams,
      response: { 200: z.array(ExchangedDocumentView), ...errorResponses },
    },
    handler: async (req) => listDossierDocuments(ctx, req.actor, req.params.code),
  });
  app.post('/api/dossiers/:code/exchanged-documents', {
    config: { auth: 'officer' },
    schema: {
      tags: ['exchange'],
      summary: 'Send an official document of the dossier to another unit or an outside agency (via the hub)',
      params: CodeParams,
      body: SendExchangeDocumentInput,
      response: { 201: ExchangedDocumentView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply
        .code(201)
        .send(await sendExchangeDocument(ctx, req.actor, req.params.code, req.body, requestMeta(req))),
  });
  app.get('/api/exchange/inbox', {
    config: { auth: 'officer' },
    schema: {
      tags: ['exchange'],
      summary: "Documents addressed to the officer's units, newest first",
      querystring: InboxQuery,
      response: { 200: z.array(ExchangedDocumentView), ...errorResponses },
    },
    handler: async (req) => listUnitInbox(ctx, req.actor, req.query),
  });
  app.post('/api/exchange/documents/:id/acknowledge', {
    config: { auth: 'officer' },
    schema: {
      tags: ['exchange'],
      summary: 'Acknowledge a received document: received, accepted, or rejected with a reason',
      params: z.strictObject({ id: z.uuid() }),
      body: ExchangeAckInput,
      response: { 200: ExchangedDocumentView, ...errorResponses },
    },
    handler: async (req) => acknowledgeDocument(ctx, req.actor, req.params.id, req.body, requestMeta(req)),
  });

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
      verifyHubSignature(ctx, Array.isArray(header) ? header[0] : header, rawBodies.get(req) ?? '');
    });
    scope.withTypeProvider<ZodTypeProvider>().post('/api/integrations/exchange/inbound', {
      config: { auth: 'public' },
      schema: {
        tags: ['exchange'],
        summary:
          'A document or an acknowledgement pushed by the exchange hub (HMAC-signed: Motcua-Signature); idempotent by id',
        body: HubInboundInput,
        response: { 200: HubInboundAnswer, ...errorResponses },
      },
      handler: async (req) => receiveFromHub(ctx, req.body),
    });
  });
}
