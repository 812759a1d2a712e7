import { errorResponses } from '../../http/error-response.ts';
import { headerOf, rawBodyOf, registerRawJsonScope, signedBody } from '../../http/raw-json.ts';
import type { AppInstance } from '../../http/types.ts';
import { ZALO_SIGNATURE_HEADER } from '../../integrations/zalo-signature.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { InboundAck, InboundSms, ZaloEvent } from './chat.schemas.ts';
import { receiveSms, receiveZaloEvent, verifySmsEvent, verifyZaloEvent } from './chat.service.ts';

/** Inbound webhooks of the chat and SMS channels; signatures are checked on the raw bytes first. */
export function chatRoutes(app: AppInstance, ctx: AppContext): void {
  registerRawJsonScope(app, (typed) => {
    typed.post('/api/integrations/chat/zalo', {
      config: { auth: 'public' },
      // The Zalo signature covers app_id and timestamp from the body: read them before validation.
      preValidation: async (req) => {
        const body = (req.body ?? {}) as { app_id?: unknown; timestamp?: unknown };
        verifyZaloEvent(
          ctx,
          headerOf(req, ZALO_SIGNATURE_HEADER),
          rawBodyOf(req),
          typeof body.app_id === 'string' ? body.app_id : '',
          typeof body.timestamp === 'string' || typeof body.timestamp === 'number'
            ? String(body.timestamp)
            : '',
        );
      },
      schema: {
        tags: ['chat'],
        summary:
          'Zalo OA webhook (X-ZEvent-Signature): answers "TRA CUU <code> <secret>" and other commands by chat',
        body: ZaloEvent,
        response: { 200: InboundAck, ...errorResponses },
      },
      handler: async (req) => receiveZaloEvent(ctx, req.body),
    });
    typed.post('/api/integrations/sms/inbound', {
      config: { auth: 'public' },
      preValidation: signedBody((signature, raw) => verifySmsEvent(ctx, signature, raw)),
      schema: {
        tags: ['chat'],
        summary:
          'SMS received on the short code, from the gateway (Motcua-Signature): same commands, answered by SMS',
        body: InboundSms,
        response: { 200: InboundAck, ...errorResponses },
      },
      handler: async (req) => receiveSms(ctx, req.body),
    });
  });
}
