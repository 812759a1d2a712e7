import { IdNumber } from '@motcua/domain';
import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { PopulationPersonView, PopulationQuery } from './population.schemas.ts';
import { lookupOwnProfile, lookupPerson } from './population.service.ts';

export function populationRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/api/officer/population/:idNumber', {
    config: { auth: 'officer' },
    schema: {
      tags: ['population'],
      summary:
        'Look a person up in the national population database by ID number (counter intake prefill); every lookup is audited',
      params: z.strictObject({ idNumber: IdNumber }),
      querystring: PopulationQuery,
      response: { 200: PopulationPersonView, ...errorResponses },
    },
    handler: async (req) => lookupPerson(ctx, req.actor, req.params.idNumber, req.query, requestMeta(req)),
  });

  app.get('/api/me/population-profile', {
    config: { auth: 'citizen' },
    schema: {
      tags: ['population'],
      summary:
        "My own record in the national population database, by my account's ID number (prefill of the applicant step); audited",
      // No ID number is taken from the request (an unknown query parameter is refused).
      querystring: z.strictObject({}),
      response: { 200: PopulationPersonView, ...errorResponses },
    },
    handler: async (req) => lookupOwnProfile(ctx, req.actor, requestMeta(req)),
  });
}
