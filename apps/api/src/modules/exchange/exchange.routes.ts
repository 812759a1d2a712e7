import { ExchangeAckInput, SendExchangeDocumentInput } from '@motcua/domain';
import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { registerRawJsonScope, signedBody } from '../../http/raw-json.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { ExchangedDocumentView, HubInboundAnswer, HubInboundInput, InboxQuery } from './exchange.schemas.ts';
import {
  acknowledgeDocument,
  listDossierDocuments,
  listUnitInbox,
  readExchangedDocumentFile,
  receiveFromHub,
  sendExchangeDocument,
  verifyHubSignature,
} from './exchange.service.ts';

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
  app.get('/api/exchange/documents/:id/files/:fileId', {
    config: { auth: 'officer' },
    schema: {
      tags: ['exchange'],
      summary:
        'Download a file of an exchanged document (officers of its sender or recipient unit, or who can see its dossier)',
      params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }),
    },
    handler: async (req, reply) => {
      const { file, stream } = await readExchangedDocumentFile(
        ctx,
        req.actor,
        req.params.id,
        req.params.fileId,
      );
      reply.header('content-type', file.contentType);
      reply.header(
        'content-disposition',
        `inline; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
      );
      reply.header('x-content-type-options', 'nosniff');
      return reply.send(stream);
    },
  });

  registerRawJsonScope(app, (scope) => {
    scope.post('/api/integrations/exchange/inbound', {
      config: { auth: 'public' },
      preValidation: signedBody((signature, raw) => verifyHubSignature(ctx, signature, raw)),
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
