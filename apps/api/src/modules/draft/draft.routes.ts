import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import type { AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { DraftInput, DraftList, DraftView, ProcedureCodeParam } from './draft.schemas.ts';
import { deleteDraft, getDraft, listDrafts, putDraft } from './draft.service.ts';

export function draftRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/api/drafts', {
    config: { auth: 'citizen' },
    schema: {
      tags: ['drafts'],
      summary: 'My drafts of online submissions, most recently saved first',
      response: { 200: DraftList, ...errorResponses },
    },
    handler: async (req) => listDrafts(ctx, req.actor),
  });

  app.get('/api/drafts/:procedureCode', {
    config: { auth: 'citizen' },
    schema: {
      tags: ['drafts'],
      summary: 'My draft for a procedure (404 DRAFT_NOT_FOUND when there is none)',
      params: ProcedureCodeParam,
      response: { 200: DraftView, ...errorResponses },
    },
    handler: async (req) => getDraft(ctx, req.actor, req.params.procedureCode),
  });

  app.put('/api/drafts/:procedureCode', {
    // A little above the 256 KB of JSON the service accepts, so the limit is reported as such.
    bodyLimit: 512 * 1024,
    config: { auth: 'citizen' },
    schema: {
      tags: ['drafts'],
      summary: 'Save (create or replace) my draft for a procedure; data is at most 256 KB of JSON (else 413)',
      params: ProcedureCodeParam,
      body: DraftInput,
      response: { 200: DraftView, ...errorResponses },
    },
    handler: async (req) => putDraft(ctx, req.actor, req.params.procedureCode, req.body.data),
  });

  app.delete('/api/drafts/:procedureCode', {
    config: { auth: 'citizen' },
    schema: {
      tags: ['drafts'],
      summary: 'Delete my draft for a procedure (also done automatically when I submit it)',
      params: ProcedureCodeParam,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (req, reply) => {
      await deleteDraft(ctx, req.actor, req.params.procedureCode);
      return reply.code(204).send(null);
    },
  });
}
