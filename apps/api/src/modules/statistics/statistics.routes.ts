import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import {
  BoundaryStatus,
  BoundaryUploadQuery,
  Dashboard,
  DashboardQuery,
  DrillDownPage,
  DrillDownQuery,
  EnforcementMap,
  IdParam,
  Indicator766Query,
  Indicators766,
  MapQuery,
  PublicPeriodQuery,
  RebuildResult,
  Report06a,
  ReportExportQuery,
  ReportQuery,
  ReportScopes,
  SubscriptionInput,
  SubscriptionView,
  Transparency,
  WeeklyQuery,
  WeeklyReport,
} from './statistics.schemas.ts';
import { computeReport06a, listReportDossiers, listReportScopes } from './statistics.service.ts';
import { exportReport06a } from './statistics-export.service.ts';
import {
  getBoundaryStatus,
  getEnforcementMap,
  getPublicMap,
  removeBoundaries,
  uploadBoundaries,
} from './statistics-map.service.ts';
import {
  computeIndicators766,
  getDashboard,
  getTransparency,
  requestStatisticsRebuild,
} from './statistics-dashboard.service.ts';
import {
  cancelSubscription,
  createSubscription,
  getWeeklyReport,
  listWeeklySubscriptions,
} from './statistics-weekly.service.ts';

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

  app.get('/api/statistics/report-06a/export', {
    config: { auth: 'officer' },
    schema: {
      tags,
      summary: 'The report as Excel (.xlsx, official layout), PDF (A4 landscape) or CSV (UTF-8 with BOM)',
      querystring: ReportExportQuery,
      response: { ...errorResponses },
    },
    handler: async (req, reply) => {
      const file = await exportReport06a(ctx, req.actor, req.query);
      return reply
        .type(file.contentType)
        .header(
          'content-disposition',
          `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('cache-control', 'private, no-store')
        .send(file.body as never);
    },
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

  app.get('/api/statistics/map', {
    config: { auth: 'officer' },
    schema: {
      tags,
      summary: 'Institutional enforcement map: communes (SVG paths) and agencies coloured by on-time rate',
      querystring: MapQuery,
      response: { 200: EnforcementMap, ...errorResponses },
    },
    handler: async (req) => getEnforcementMap(ctx, req.actor, req.query),
  });

  app.get('/api/statistics/map/boundaries', {
    config: { auth: 'officer' },
    schema: {
      tags,
      summary: 'Where the commune boundaries come from and which units they match (admins)',
      response: { 200: BoundaryStatus, ...errorResponses },
    },
    handler: async (req) => getBoundaryStatus(ctx, req.actor),
  });

  app.put('/api/statistics/map/boundaries', {
    config: { auth: 'officer' },
    bodyLimit: 25 * 1024 * 1024,
    schema: {
      tags,
      summary:
        'Upload the province’s commune boundaries: a GeoJSON FeatureCollection whose features name their unit by agencyCode (or name) (admins)',
      querystring: BoundaryUploadQuery,
      response: { 200: BoundaryStatus, ...errorResponses },
    },
    handler: async (req) => uploadBoundaries(ctx, req.actor, req.body, req.query.name, requestMeta(req)),
  });

  app.delete('/api/statistics/map/boundaries', {
    config: { auth: 'officer' },
    schema: {
      tags,
      summary: 'Remove the uploaded boundaries (the MAP_BOUNDARIES_FILE of the configuration applies again)',
      response: { 200: BoundaryStatus, ...errorResponses },
    },
    handler: async (req) => removeBoundaries(ctx, req.actor, requestMeta(req)),
  });

  app.get('/api/statistics/dashboard', {
    config: { auth: 'officer' },
    schema: {
      tags,
      summary:
        "Leaders' overview: today's intake, overdue now, due within one working day, on-time trend, slowest procedures and steps, rates, satisfaction",
      querystring: DashboardQuery,
      response: { 200: Dashboard, ...errorResponses },
    },
    handler: async (req) => getDashboard(ctx, req.actor, req.query),
  });

  app.get('/api/statistics/indicators-766', {
    config: { auth: 'officer' },
    schema: {
      tags,
      summary: 'Decision 766/QĐ-TTg indicators the system can compute, scored, for a unit and period',
      querystring: Indicator766Query,
      response: { 200: Indicators766, ...errorResponses },
    },
    handler: async (req) => computeIndicators766(ctx, req.actor, req.query),
  });

  app.get('/api/statistics/weekly', {
    config: { auth: 'officer' },
    schema: {
      tags,
      summary: 'The weekly report of a unit (last week by default), as e-mailed to subscribers',
      querystring: WeeklyQuery,
      response: { 200: WeeklyReport, ...errorResponses },
    },
    handler: async (req) => getWeeklyReport(ctx, req.actor, req.query),
  });

  app.get('/api/statistics/subscriptions', {
    config: { auth: 'officer' },
    schema: {
      tags,
      summary: 'Weekly report subscriptions of the units you may report on',
      response: { 200: SubscriptionView.array(), ...errorResponses },
    },
    handler: async (req) => listWeeklySubscriptions(ctx, req.actor),
  });

  app.post('/api/statistics/subscriptions', {
    config: { auth: 'officer' },
    schema: {
      tags,
      summary: 'E-mail the weekly report of a unit every Monday morning (07:00) to these addresses',
      body: SubscriptionInput,
      response: { 201: SubscriptionView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await createSubscription(ctx, req.actor, req.body, requestMeta(req))),
  });

  app.delete('/api/statistics/subscriptions/:id', {
    config: { auth: 'officer' },
    schema: {
      tags,
      summary: 'Stop a weekly report subscription',
      params: IdParam,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (req, reply) => {
      await cancelSubscription(ctx, req.actor, req.params.id, requestMeta(req));
      return reply.code(204).send(null);
    },
  });

  app.post('/api/statistics/rebuild', {
    config: { auth: 'officer' },
    schema: {
      tags,
      summary: 'Recompute every report fact and rollup from the dossiers (admins; after a direct data fix)',
      response: { 200: RebuildResult, ...errorResponses },
    },
    handler: async (req) => requestStatisticsRebuild(ctx, req.actor, requestMeta(req)),
  });

  app.get('/api/public/statistics', {
    config: { auth: 'public' },
    schema: {
      tags,
      summary:
        'Public transparency: on-time rates of the province, its agencies and communes (no personal data)',
      querystring: PublicPeriodQuery,
      response: { 200: Transparency, ...errorResponses },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return getTransparency(ctx, req.query);
    },
  });

  app.get('/api/public/statistics/map', {
    config: { auth: 'public' },
    schema: {
      tags,
      summary: 'Public enforcement map of the province (no personal data)',
      querystring: PublicPeriodQuery,
      response: { 200: EnforcementMap, ...errorResponses },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return getPublicMap(ctx, req.query);
    },
  });
}
