import crypto from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AppError } from '../errors/app-error.ts';
import { ANONYMOUS_ACTOR } from '../shared/actor.ts';
import type { AppContext } from '../shared/app-context.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { calendarRoutes } from '../modules/calendar/calendar.routes.ts';
import { chatRoutes } from '../modules/chat/chat.routes.ts';
import { dossierRoutes } from '../modules/dossier/dossier.routes.ts';
import { draftRoutes } from '../modules/draft/draft.routes.ts';
import { fileRoutes } from '../modules/file/file.routes.ts';
import { healthRoutes } from '../modules/health/health.routes.ts';
import { lookupPageRoutes } from '../modules/lookup-page/lookup-page.routes.ts';
import { nationalSyncRoutes } from '../modules/national-sync/national-sync.routes.ts';
import { notificationRoutes } from '../modules/notification/notification.routes.ts';
import { organisationRoutes } from '../modules/organisation/organisation.routes.ts';
import { outboxRoutes } from '../modules/outbox/outbox.routes.ts';
import { procedureRoutes } from '../modules/procedure/procedure.routes.ts';
import { SESSION_COOKIE, resolveSession } from '../modules/user/user.service.ts';
import { uploadRoutes } from '../modules/upload/upload.routes.ts';
import { statisticsRoutes } from '../modules/statistics/statistics.routes.ts';
import { userRoutes } from '../modules/user/user.routes.ts';
import { webhookRoutes } from '../modules/webhook/webhook.routes.ts';
import { populationRoutes } from '../modules/population/population.routes.ts';
import { resultRoutes } from '../modules/result/result.routes.ts';
import { signatureRoutes } from '../modules/signature/signature.routes.ts';
import { postalRoutes } from '../modules/postal/postal.routes.ts';
import { paymentRoutes } from '../modules/payment/payment.routes.ts';
import { exchangeRoutes } from '../modules/exchange/exchange.routes.ts';
import { registerCsrfProtection } from './csrf.ts';
import { createErrorHandler, notFoundHandler } from './error-handler.ts';
import { registerRateLimits } from './rate-limit.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { findWebDir, registerWebApp, sendWebPage, wantsWebPage } from './web-app.ts';
import type { AppInstance, RouteAuth } from './types.ts';

export interface RouteTableEntry {
  method: string;
  url: string;
  auth: RouteAuth;
}

export interface BuildAppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Extra plugin registered after the API (the web app's static files). */
  registerExtra?: (app: AppInstance) => Promise<void> | void;
  /** Built web app to serve; null = none; undefined = look next to the server (WEB_DIR). */
  webDir?: string | null;
}

export const API_VERSION = '0.1.0';

/** TRUST_PROXY as Fastify takes it (a hop count becomes a function over the hop index). */
function trustProxyOption(
  value: boolean | number | string,
): boolean | string | ((addr: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_addr, hop) => hop < value : value;
}

/** Builds the HTTP application: one error model, zod request/response schemas, OpenAPI at /api/openapi.json. */
export async function buildApp(
  ctx: AppContext,
  options: BuildAppOptions = {},
): Promise<AppInstance & { routeTable: RouteTableEntry[] }> {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: trustProxyOption(ctx.config.TRUST_PROXY),
    ajv: { customOptions: { coerceTypes: false } },
    // A malformed URL (bad percent-encoding) or an over-long path parameter is answered by the
    // router before any hook: give it the one error model too (found by test/security/fuzz.test.ts).
    frameworkErrors: (error, _request, reply) => {
      const isTooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (reply as unknown as FastifyReply).code(isTooLong ? 414 : 400).send({
        error: {
          code: 'VALIDATION_FAILED',
          message: isTooLong ? 'A path parameter is too long' : 'The URL is malformed',
        },
      });
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(createErrorHandler(ctx.config.NODE_ENV === 'production'));
  registerSecurityHeaders(app, ctx.config);
  const webDir = options.webDir === undefined ? findWebDir(ctx.config.WEB_DIR) : options.webDir;
  app.setNotFoundHandler((request, reply) =>
    webDir && wantsWebPage(request) ? sendWebPage(reply) : notFoundHandler(request, reply),
  );
  if (webDir) await registerWebApp(app, webDir);

  const routeTable: RouteTableEntry[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    for (const m of methods) {
      if (m === 'HEAD') continue;
      const auth = route.config?.auth;
      if (!auth) throw new Error(`Route ${m} ${route.url} must declare config.auth`);
      routeTable.push({ method: m, url: route.url, auth });
    }
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Motcua API',
        description:
          'Electronic one-stop-shop for administrative procedures (Hệ thống thông tin giải quyết thủ tục hành chính). Errors: `{ error: { code, message, details } }`.',
        version: API_VERSION,
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionToken', undefined);
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS_ACTOR;
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const token = bearer ?? request.cookies[SESSION_COOKIE];
    if (!token || token.length > 200) return;
    const actor = await resolveSession(ctx, token);
    if (actor) {
      request.actor = actor;
      request.sessionToken = token;
    }
  });
  registerCsrfProtection(app, ctx.config);
  registerRateLimits(app, ctx);
  // preValidation: an anonymous caller gets 401 before the body is validated (no schema probing).
  app.addHook('preValidation', async (request) => {
    const auth = request.routeOptions.config.auth;
    if (!auth || auth === 'public') return;
    const actor = request.actor;
    if (actor.type === 'anonymous')
      throw new AppError('UNAUTHENTICATED', 'Please log in / Vui lòng đăng nhập');
    if (auth === 'officer' && actor.type !== 'officer') throw new AppError('FORBIDDEN', 'Officers only');
    if (auth === 'citizen' && actor.type !== 'citizen')
      throw new AppError('FORBIDDEN', 'Citizen accounts only');
  });

  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  healthRoutes(app, ctx);
  userRoutes(app, ctx);
  organisationRoutes(app, ctx);
  calendarRoutes(app, ctx);
  procedureRoutes(app, ctx);
  dossierRoutes(app, ctx);
  draftRoutes(app, ctx);
  fileRoutes(app, ctx);
  uploadRoutes(app, ctx);
  auditRoutes(app, ctx);
  outboxRoutes(app, ctx);
  lookupPageRoutes(app, ctx);
  notificationRoutes(app, ctx);
  webhookRoutes(app, ctx);
  nationalSyncRoutes(app, ctx);
  chatRoutes(app, ctx);
  statisticsRoutes(app, ctx);
  signatureRoutes(app, ctx);
  resultRoutes(app, ctx);
  populationRoutes(app, ctx);
  postalRoutes(app, ctx);
  paymentRoutes(app, ctx);
  exchangeRoutes(app, ctx);

  if (options.registerExtra) await options.registerExtra(app);
  await app.ready();
  return Object.assign(app, { routeTable });
}
