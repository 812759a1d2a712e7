import { OfficerRole } from '@motcua/domain';
import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { CreateUnitInput, UnitListQuery, UnitView, UpdateUnitInput } from './organisation.schemas.ts';
import {
  createUnit,
  listOfficersForRole,
  listUnits,
  requireUnit,
  updateUnit,
} from './organisation.service.ts';

export function organisationRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/api/units', {
    config: { auth: 'public' },
    schema: {
      tags: ['organisation'],
      summary: 'The unit tree (flat, with parent links), optionally as of a date',
      querystring: UnitListQuery,
      response: { 200: z.array(UnitView), ...errorResponses },
    },
    handler: async (req) => listUnits(ctx, req.query),
  });

  app.get('/api/units/:unitId', {
    config: { auth: 'public' },
    schema: {
      tags: ['organisation'],
      summary: 'One unit',
      params: z.strictObject({ unitId: z.uuid() }),
      response: { 200: UnitView, ...errorResponses },
    },
    handler: async (req) => requireUnit(ctx, req.params.unitId),
  });

  app.post('/api/units', {
    config: { auth: 'officer' },
    schema: {
      tags: ['organisation'],
      summary: 'Add a unit (admin of the parent)',
      body: CreateUnitInput,
      response: { 201: UnitView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await createUnit(ctx, req.actor, req.body, requestMeta(req))),
  });

  app.patch('/api/units/:unitId', {
    config: { auth: 'officer' },
    schema: {
      tags: ['organisation'],
      summary: 'Change a unit: rename, move, close (validTo) with a successor, office hours',
      params: z.strictObject({ unitId: z.uuid() }),
      body: UpdateUnitInput,
      response: { 200: UnitView, ...errorResponses },
    },
    handler: async (req) => updateUnit(ctx, req.actor, req.params.unitId, req.body, requestMeta(req)),
  });

  app.get('/api/units/:unitId/officers', {
    config: { auth: 'officer' },
    schema: {
      tags: ['organisation'],
      summary: 'Officers holding a role over a unit (to pick an assignee)',
      params: z.strictObject({ unitId: z.uuid() }),
      querystring: z.strictObject({ role: OfficerRole }),
      response: {
        200: z.array(
          z.object({
            id: z.uuid(),
            fullName: z.string(),
            username: z.string(),
            title: z.string().nullable(),
          }),
        ),
        ...errorResponses,
      },
    },
    handler: async (req) => listOfficersForRole(ctx, req.actor, req.params.unitId, req.query.role),
  });
}
