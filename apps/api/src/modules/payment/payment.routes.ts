import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { rawBodyOf, registerRawJsonScope, signedBody } from '../../http/raw-json.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import {
  CounterPaymentInput,
  CreatePaymentInput,
  DossierPayments,
  PaymentIpnAnswer,
  PaymentIpnInput,
  PaymentRequestView,
} from './payment.schemas.ts';
import {
  createPaymentRequest,
  getMyDossierPayments,
  getOfficerDossierPayments,
  paymentReturnLocation,
  receivePaymentIpn,
  recordCounterPayment,
  verifyIpnSignature,
} from './payment.service.ts';

const CodeParams = z.strictObject({ code: z.string().min(1).max(100) });

export function paymentRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/api/me/dossiers/:code/payments', {
    config: { auth: 'citizen' },
    schema: {
      tags: ['payment'],
      summary: 'What my dossier owes (fees, financial obligations), its payment requests and their status',
      params: CodeParams,
      response: { 200: DossierPayments, ...errorResponses },
    },
    handler: async (req) => getMyDossierPayments(ctx, req.actor, req.params.code),
  });
  app.post('/api/me/dossiers/:code/payments', {
    config: { auth: 'citizen' },
    schema: {
      tags: ['payment'],
      summary:
        'Pay by gateway (answer: payUrl to redirect to) or VietQR (answer: QR payload, image, account, transfer content); an open request of the same method is reused',
      params: CodeParams,
      body: CreatePaymentInput,
      response: { 200: PaymentRequestView, ...errorResponses },
    },
    handler: async (req) => createPaymentRequest(ctx, req.actor, req.params.code, req.body),
  });
  app.get('/api/officer/dossiers/:code/payments', {
    config: { auth: 'officer' },
    schema: {
      tags: ['payment'],
      summary: "A dossier's payments with the event log (receiving officer or specialist)",
      params: CodeParams,
      response: { 200: DossierPayments, ...errorResponses },
    },
    handler: async (req) => getOfficerDossierPayments(ctx, req.actor, req.params.code),
  });
  app.post('/api/officer/dossiers/:code/payments/counter', {
    config: { auth: 'officer' },
    schema: {
      tags: ['payment'],
      summary: 'Record cash paid at the counter (amount must equal what is owed); issues the receipt number',
      params: CodeParams,
      body: CounterPaymentInput,
      response: { 201: PaymentRequestView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply
        .code(201)
        .send(await recordCounterPayment(ctx, req.actor, req.params.code, req.body, requestMeta(req))),
  });
  app.get('/api/integrations/payment/return', {
    config: { auth: 'public' },
    schema: {
      tags: ['payment'],
      summary:
        "The gateway's return URL: a page that sends the citizen to the dossier page (status read from our database, never from the query)",
      querystring: z.object({ reference: z.string().min(1).max(100) }).loose(),
    },
    handler: async (req, reply) => {
      const location = await paymentReturnLocation(ctx, req.query.reference);
      const href = location.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Quay lại / Returning</title></head><body><p>Đang quay lại hồ sơ của bạn… / Returning to your dossier… <a href="${href}">Tiếp tục / Continue</a></p></body></html>`,
        );
    },
  });

  registerRawJsonScope(app, (scope) => {
    scope.post('/api/integrations/payment/ipn', {
      config: { auth: 'public' },
      preValidation: signedBody((signature, raw) => verifyIpnSignature(ctx, signature, raw)),
      schema: {
        tags: ['payment'],
        summary:
          "The payment gateway's result callback (HMAC-signed: Motcua-Signature); idempotent by eventId",
        body: PaymentIpnInput,
        response: { 200: PaymentIpnAnswer, ...errorResponses },
      },
      handler: async (req) => receivePaymentIpn(ctx, req.body, rawBodyOf(req)),
    });
  });
}
