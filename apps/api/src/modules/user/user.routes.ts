import { OfficerRole } from '@motcua/domain';
import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { requestMeta, type AppInstance, type FastifyReply } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import {
  CitizenLoginInput,
  CitizenRegistrationInput,
  CreateOfficerInput,
  GrantRoleInput,
  LoginResult,
  Me,
  OfficerLoginInput,
  OfficerSummary,
} from './user.schemas.ts';
import {
  SESSION_COOKIE,
  createOfficer,
  getMe,
  getOfficer,
  grantRole,
  listOfficers,
  loginCitizen,
  loginOfficer,
  logout,
  registerCitizen,
  revokeRole,
} from './user.service.ts';

export function userRoutes(app: AppInstance, ctx: AppContext): void {
  const isSecure = ctx.config.PUBLIC_BASE_URL.startsWith('https:');
  function setSessionCookie(reply: FastifyReply, result: LoginResult): void {
    reply.setCookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: isSecure,
      path: '/',
      expires: new Date(result.expiresAt),
    });
  }

  app.post('/api/auth/login', {
    config: { auth: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Officer login (đăng nhập cán bộ)',
      body: OfficerLoginInput,
      response: { 200: LoginResult, ...errorResponses },
    },
    handler: async (req, reply) => {
      const result = await loginOfficer(ctx, req.body, requestMeta(req));
      setSessionCookie(reply, result);
      return result;
    },
  });

  app.post('/api/auth/citizen/login', {
    config: { auth: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Citizen or organisation login by ID number / tax code',
      body: CitizenLoginInput,
      response: { 200: LoginResult, ...errorResponses },
    },
    handler: async (req, reply) => {
      const result = await loginCitizen(ctx, req.body, requestMeta(req));
      setSessionCookie(reply, result);
      return result;
    },
  });

  app.post('/api/auth/citizen/register', {
    config: { auth: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Register a citizen or organisation account',
      body: CitizenRegistrationInput,
      response: { 201: LoginResult, ...errorResponses },
    },
    handler: async (req, reply) => {
      const result = await registerCitizen(ctx, req.body, requestMeta(req));
      setSessionCookie(reply, result);
      return reply.code(201).send(result);
    },
  });

  app.post('/api/auth/logout', {
    config: { auth: 'authenticated' },
    schema: { tags: ['auth'], summary: 'End the session', response: { 204: z.null(), ...errorResponses } },
    handler: async (req, reply) => {
      if (req.sessionToken) await logout(ctx, req.sessionToken, requestMeta(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  });

  app.get('/api/me', {
    config: { auth: 'authenticated' },
    schema: {
      tags: ['auth'],
      summary: 'The logged-in officer (with roles) or citizen',
      response: { 200: Me, ...errorResponses },
    },
    handler: async (req) => getMe(ctx, req.actor),
  });

  app.get('/api/officers', {
    config: { auth: 'officer' },
    schema: {
      tags: ['organisation'],
      summary: 'Officers in the units you administer or supervise',
      querystring: z.strictObject({
        unitId: z.uuid().optional(),
        role: OfficerRole.optional(),
        q: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).max(100_000).default(0),
      }),
      response: { 200: z.array(OfficerSummary), ...errorResponses },
    },
    handler: async (req) => listOfficers(ctx, req.actor, req.query),
  });

  app.post('/api/officers', {
    config: { auth: 'officer' },
    schema: {
      tags: ['organisation'],
      summary: 'Create an officer (admin)',
      body: CreateOfficerInput,
      response: { 201: OfficerSummary, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await createOfficer(ctx, req.actor, req.body, requestMeta(req))),
  });

  app.get('/api/officers/:officerId', {
    config: { auth: 'officer' },
    schema: {
      tags: ['organisation'],
      summary: 'One officer with roles',
      params: z.strictObject({ officerId: z.uuid() }),
      response: { 200: OfficerSummary, ...errorResponses },
    },
    handler: async (req) => getOfficer(ctx, req.actor, req.params.officerId),
  });

  app.post('/api/officers/:officerId/roles', {
    config: { auth: 'officer' },
    schema: {
      tags: ['organisation'],
      summary: 'Grant a role (admin) or delegate one you hold (leader, with an end date)',
      params: z.strictObject({ officerId: z.uuid() }),
      body: GrantRoleInput,
      response: { 200: OfficerSummary, ...errorResponses },
    },
    handler: async (req) => grantRole(ctx, req.actor, req.params.officerId, req.body, requestMeta(req)),
  });

  app.delete('/api/officers/:officerId/roles/:roleId', {
    config: { auth: 'officer' },
    schema: {
      tags: ['organisation'],
      summary: 'End a role now (admin)',
      params: z.strictObject({ officerId: z.uuid(), roleId: z.uuid() }),
      response: { 200: OfficerSummary, ...errorResponses },
    },
    handler: async (req) =>
      revokeRole(ctx, req.actor, req.params.officerId, req.params.roleId, requestMeta(req)),
  });
}
