import { CreatePostalOrderInput } from '@motcua/domain';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import { SIGNATURE_HEADER } from '../../integrations/webhook-signature.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { CarrierEventAnswer, CarrierEventInput, PostalOrderView } from './postal.schemas.ts';
import {
  cancelPostalOrder,
  createPostalOrder,
  listPostalOrders,
  receiveCarrierEvent,
  verifyCarrierSignature,
} from './postal.service.ts';

/** Raw bodies of signed carrier events (the signature covers the exact bytes). */
const rawBodies = new WeakMap<FastifyRequest, string>();
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
      verifyCarrierSignature(ctx, Array.isArray(header) ? header[0] : header, rawBodies.get(req) ?? '');
    });
    scope.withTypeProvider<ZodTypeProvider>().post('/api/integrations/postal/events', {
      config: { auth: 'public' },
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
