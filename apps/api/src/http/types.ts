import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../shared/actor.ts';

export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Who may call a route; checked before the handler (services check scope again in SQL). */
export type RouteAuth = 'public' | 'authenticated' | 'officer' | 'citizen';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    sessionToken: string | undefined;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}

export interface RequestMeta {
  requestId: string;
  userAgent: string | undefined;
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { requestId: String(request.id), userAgent: request.headers['user-agent'] };
}

export type { FastifyReply, FastifyRequest };
