import { CreatePostalOrderInput } from '@motcua/domain';
import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { registerRawJsonScope, signedBody } from '../../http/raw-json.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { CarrierEventAnswer, CarrierEventInput, PostalOrderView } from './postal.schemas.ts';
import {
  cancelPostalOrder,
  createPostalOrder,
  listPostalOrders,
  receiveCarrierEvent,
  verifyCarrierSignature,
} from './postal.service.ts';

const CodeParams = z.strictObject({ code: z.string().min(1).max(100) });

export function postalRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/api/dossiers/:code/postal-orders', {
    config: { auth: 'authenticated' },
    schema: {
      tags: ['postal'],
      summary: 'Postal orders of a dossier with their status history (citizens: their own dossier)',
      params: CodeParams,
      response: { 200: z.array(PostalOrderView), ...errorResponses },
    },
    handler: async (req) => listPostalOrders(ctx, req.actor, req.params.code),
  });
  app.post('/api/dossiers/:code/postal-orders', {
    config: { auth: 'officer' },
    schema: {
      tags: ['postal'],
      summary:
        'Order a pickup of the papers or a delivery of the result; the carrier is called by the worker',
      params: CodeParams,
      body: CreatePostalOrderInput,
      response: { 201: PostalOrderView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply
        .code(201)
        .send(await createPostalOrder(ctx, req.actor, req.params.code, req.body, requestMeta(req))),
  });
  app.post('/api/dossiers/:code/postal-orders/:orderId/cancel', {
    config: { auth: 'officer' },
    schema: {
      tags: ['postal'],
      summary: 'Cancel a postal order not yet picked up (at the carrier too)',
      params: CodeParams.extend({ orderId: z.uuid() }),
      response: { 200: PostalOrderView, ...errorResponses },
    },
    handler: async (req) =>
      cancelPostalOrder(ctx, req.actor, req.params.code, req.params.orderId, requestMeta(req)),
  });

  // The carrier's status webhook: parsed here from the raw text so its signature can be checked.
  registerRawJsonScope(app, (scope) => {
    scope.post('/api/integrations/postal/events', {
      config: { auth: 'public' },
      preValidation: signedBody((signature, raw) => verifyCarrierSignature(ctx, signature, raw)),
      schema: {
        tags: ['postal'],
        summary: 'Status event of the postal carrier (HMAC-signed: Motcua-Signature); idempotent by eventId',
        body: CarrierEventInput,
        response: { 200: CarrierEventAnswer, ...errorResponses },
      },
      handler: async (req) => receiveCarrierEvent(ctx, req.body),
    });
  });
}
