import { CounterIntakeInput, DossierActionInput, OnlineSubmissionInput } from '@motcua/domain';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { errorResponses } from '../../http/error-response.ts';
import { requestMeta, type AppInstance, type FastifyRequest } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import {
  BulkActionInput,
  BulkActionResult,
  CodeParam,
  DossierDetail,
  DossierPage,
  LookupQuery,
  PublicDossierView,
  PublicRatingInput,
  QueueCounts,
  QueueCountsQuery,
  QueueQuery,
  RatingInput,
  RatingView,
} from './dossier.schemas.ts';
import { rateByLookup, rateOwnDossier } from './dossier-rating.service.ts';
import {
  applyBulkAction,
  applyTransition,
  countDossiersByDue,
  getDossier,
  listDossiers,
  lookupPublic,
  receiveAtCounter,
  submitOnline,
} from './dossier.service.ts';
import { DOSSIER_FORMS, renderDossierForm } from './dossier-forms.service.ts';

const IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9_.:-]{8,200}$/;

function idempotencyKey(req: FastifyRequest): string | undefined {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !IDEMPOTENCY_KEY_RE.test(value)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Idempotency-Key must be 8-200 characters of A-Z a-z 0-9 _ . : -',
    );
  }
  return value;
}

const idempotencyHeader = z.object({ 'idempotency-key': z.string().optional() }).passthrough();

export function dossierRoutes(app: AppInstance, ctx: AppContext): void {
  app.post('/api/dossiers', {
    config: { auth: 'citizen' },
    schema: {
      tags: ['dossiers'],
      summary:
        'Submit a dossier online (T1). Send an Idempotency-Key header so a double submit creates one dossier.',
      headers: idempotencyHeader,
      body: OnlineSubmissionInput,
      response: { 200: DossierDetail, 201: DossierDetail, ...errorResponses },
    },
    handler: async (req, reply) => {
      const { dossier, isReplay } = await submitOnline(ctx, req.actor, req.body, {
        ...requestMeta(req),
        idempotencyKey: idempotencyKey(req),
      });
      return reply.code(isReplay ? 200 : 201).send(dossier);
    },
  });

  app.post('/api/dossiers/counter', {
    config: { auth: 'officer' },
    schema: {
      tags: ['dossiers'],
      summary: 'Receive a dossier at the counter or by post (T2): code, due date and receipt at once',
      headers: idempotencyHeader,
      body: CounterIntakeInput,
      response: { 200: DossierDetail, 201: DossierDetail, ...errorResponses },
    },
    handler: async (req, reply) => {
      const { dossier, isReplay } = await receiveAtCounter(ctx, req.actor, req.body, {
        ...requestMeta(req),
        idempotencyKey: idempotencyKey(req),
      });
      return reply.code(isReplay ? 200 : 201).send(dossier);
    },
  });

  app.get('/api/dossiers', {
    config: { auth: 'authenticated' },
    schema: {
      tags: ['dossiers'],
      summary: 'Work queue (officers) or my dossiers (citizens): filters, SLA colour, paging',
      querystring: QueueQuery,
      response: { 200: DossierPage, ...errorResponses },
    },
    handler: async (req) => listDossiers(ctx, req.actor, req.query),
  });

  app.get('/api/dossiers/counts', {
    config: { auth: 'authenticated' },
    schema: {
      tags: ['dossiers'],
      summary:
        'Totals of a work queue by deadline in one query: open, overdue, due within one working day, on track',
      querystring: QueueCountsQuery,
      response: { 200: QueueCounts, ...errorResponses },
    },
    handler: async (req) => countDossiersByDue(ctx, req.actor, req.query),
  });

  app.get('/api/dossiers/:code', {
    config: { auth: 'authenticated' },
    schema: {
      tags: ['dossiers'],
      summary:
        'A dossier with its steps (control slip), history, deadline explanation and the actions allowed now',
      params: CodeParam,
      response: { 200: DossierDetail, ...errorResponses },
    },
    handler: async (req) => getDossier(ctx, req.actor, req.params.code),
  });

  app.post('/api/dossiers/:code/actions', {
    config: { auth: 'authenticated' },
    schema: {
      tags: ['dossiers'],
      summary:
        'Take an action (T2–T14). 409 TRANSITION_NOT_ALLOWED or VERSION_CONFLICT with the current status and allowed actions when it is not possible now.',
      params: CodeParam,
      body: DossierActionInput,
      response: { 200: DossierDetail, ...errorResponses },
    },
    handler: async (req) => applyTransition(ctx, req.actor, req.params.code, req.body, requestMeta(req)),
  });

  app.post('/api/dossiers/bulk-actions', {
    config: { auth: 'officer' },
    schema: {
      tags: ['dossiers'],
      summary:
        'Assign up to 100 dossiers at once. Each item is a separate action with its own version check; one refused item does not stop the others.',
      body: BulkActionInput,
      response: { 200: BulkActionResult, ...errorResponses },
    },
    handler: async (req) => applyBulkAction(ctx, req.actor, req.body, requestMeta(req)),
  });

  app.get('/api/public/lookup', {
    config: { auth: 'public' },
    schema: {
      tags: ['public'],
      summary:
        'Public status lookup by dossier code and the secret printed on the receipt (no personal data)',
      querystring: LookupQuery,
      response: { 200: PublicDossierView, ...errorResponses },
    },
    handler: async (req) => lookupPublic(ctx, req.query.code, req.query.secret),
  });

  app.post('/api/dossiers/:code/rating', {
    config: { auth: 'citizen' },
    schema: {
      tags: ['dossiers'],
      summary:
        'Rate my settled dossier (returned, refused or stopped), once: 409 RATING_NOT_OPEN before that, 409 ALREADY_RATED after',
      params: CodeParam,
      body: RatingInput,
      response: { 201: RatingView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const rating = await rateOwnDossier(ctx, req.actor, req.params.code, req.body, requestMeta(req));
      return reply.code(201).send(rating);
    },
  });

  app.post('/api/public/rating', {
    config: { auth: 'public' },
    schema: {
      tags: ['public'],
      summary:
        'Rate a settled dossier with the code and the secret printed on the receipt (no account needed); same rules as the account rating',
      body: PublicRatingInput,
      response: { 201: RatingView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const rating = await rateByLookup(ctx, req.actor, req.body, requestMeta(req));
      return reply.code(201).send(rating);
    },
  });

  app.get('/api/dossiers/:code/forms/:form', {
    config: { auth: 'authenticated' },
    schema: {
      tags: ['dossiers'],
      summary:
        'Printed form as PDF: receipt (Mẫu 01), supplement-request (02), refusal (03), apology (04), control-slip (05), stop-notice',
      params: CodeParam.extend({ form: z.enum(DOSSIER_FORMS) }),
      response: { ...errorResponses },
    },
    handler: async (req, reply) => {
      const { pdf, fileName } = await renderDossierForm(
        ctx,
        req.actor,
        req.params.code,
        req.params.form,
        requestMeta(req),
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf as never);
    },
  });
}
