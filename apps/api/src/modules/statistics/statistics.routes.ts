import { errorResponses } from '../../http/error-response.ts';
import type { AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { DrillDownPage, DrillDownQuery, Report06a, ReportQuery, ReportScopes } from './statistics.schemas.ts';
import { computeReport06a, listReportDossiers, listReportScopes } from './statistics.service.ts';

const tags = ['statistics'];

export function statisticsRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/api/statistics/scopes', {
    config: { auth: 'officer' },
    schema: {
      tags,
      summary: 'Units you may report on (leaders, supervisors, division heads)',
      response: { 200: ReportScopes, ...errorResponses },
    },
    handler: async (req) => listReportScopes(ctx, req.actor),
  });

  app.get('/api/statistics/report-06a', {
    config: { auth: 'officer' },
    schema: {
      tags,
      summary:
        'Biểu II.06a (rows by settling agency) or II.07a (groupBy=field) for any period and unit subtree, with on-time rates',
      querystring: ReportQuery,
      response: { 200: Report06a, ...errorResponses },
    },
    handler: async (req) => computeReport06a(ctx, req.actor, req.query),
  });

  app.get('/api/statistics/dossiers', {
    config: { auth: 'officer' },
    schema: {
      tags,
      summary: 'The dossiers behind one cell of the report (column 3–13, row key), paged',
      querystring: DrillDownQuery,
      response: { 200: DrillDownPage, ...errorResponses },
    },
    handler: async (req) => listReportDossiers(ctx, req.actor, req.query),
  });
}
