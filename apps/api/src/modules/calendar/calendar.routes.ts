import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import {
  CalendarOverrideView,
  DateParam,
  DayView,
  DaysQuery,
  DueQuery,
  DueResult,
  SetOverrideInput,
} from './calendar.schemas.ts';
import {
  computeDue,
  listCalendarOverrides,
  listYearDays,
  removeCalendarOverride,
  setCalendarOverride,
} from './calendar.service.ts';

export function calendarRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/api/calendar/due', {
    config: { auth: 'public' },
    schema: {
      tags: ['calendar'],
      summary:
        'Due date for a time limit from a start time, with the explanation of counted and skipped periods',
      querystring: DueQuery,
      response: { 200: DueResult, ...errorResponses },
    },
    handler: async (req) => computeDue(ctx, req.query),
  });

  app.get('/api/calendar/days', {
    config: { auth: 'public' },
    schema: {
      tags: ['calendar'],
      summary: 'Every day of a year with its kind (working, weekend, holiday…)',
      querystring: DaysQuery,
      response: { 200: z.array(DayView), ...errorResponses },
    },
    handler: async (req) => listYearDays(ctx, req.query.year, req.query.unit_id),
  });

  app.get('/api/calendar/overrides', {
    config: { auth: 'public' },
    schema: {
      tags: ['calendar'],
      summary: 'Official overrides (extra days off, swapped working days)',
      querystring: z.strictObject({ year: z.coerce.number().int().min(1976).max(2100).optional() }),
      response: { 200: z.array(CalendarOverrideView), ...errorResponses },
    },
    handler: async (req) => listCalendarOverrides(ctx, req.query.year),
  });

  app.put('/api/calendar/overrides/:date', {
    config: { auth: 'officer' },
    schema: {
      tags: ['calendar'],
      summary: 'Set the override of a date (admin)',
      params: DateParam,
      body: SetOverrideInput,
      response: { 200: CalendarOverrideView, ...errorResponses },
    },
    handler: async (req) => setCalendarOverride(ctx, req.actor, req.params.date, req.body, requestMeta(req)),
  });

  app.delete('/api/calendar/overrides/:date', {
    config: { auth: 'officer' },
    schema: {
      tags: ['calendar'],
      summary: 'Remove the override of a date (admin)',
      params: DateParam,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (req, reply) => {
      await removeCalendarOverride(ctx, req.actor, req.params.date, requestMeta(req));
      return reply.code(204).send(null);
    },
  });
}
