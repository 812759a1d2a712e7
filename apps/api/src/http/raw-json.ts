import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SIGNATURE_HEADER } from '../integrations/webhook-signature.ts';
import type { AppInstance } from './types.ts';

/**
 * Inbound webhooks whose signature covers the exact bytes sent (carrier, exchange hub, national
 * portal, chat, SMS, payment gateway): their JSON bodies are parsed here from the raw text, which
 * is kept for the signature check before validation.
 */
const rawBodies = new WeakMap<FastifyRequest, string>();

/** The request body exactly as received (empty when the route is not in a raw JSON scope). */
export function rawBodyOf(req: FastifyRequest): string {
  return rawBodies.get(req) ?? '';
}

/** A header's first value. */
export function headerOf(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Registers `routes` in a scope whose JSON parser keeps the raw body. */
export function registerRawJsonScope(
  app: AppInstance,
  routes: (scope: AppInstance) => void | Promise<void>,
): void {
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
    await routes(scope.withTypeProvider<ZodTypeProvider>());
  });
}

/**
 * A preValidation hook that checks the `Motcua-Signature` HMAC over the raw body with `verify`
 * (which throws the error model's 401 on a bad or missing signature).
 */
export function signedBody(
  verify: (signature: string | undefined, rawBody: string) => void,
): preValidationAsyncHookHandler {
  return async (req) => verify(headerOf(req, SIGNATURE_HEADER), rawBodyOf(req));
}
