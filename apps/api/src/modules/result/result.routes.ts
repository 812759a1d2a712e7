import { IdNumber } from '@motcua/domain';
import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { ApplicantResults, MyDocuments, ReuseDocumentInput, ReusedDocument } from './result.schemas.ts';
import { listApplicantResults, listMyDocuments, reuseDocument } from './result.service.ts';

export function resultRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/api/me/documents', {
    config: { auth: 'citizen' },
    schema: {
      tags: ['results'],
      summary: 'My data store: issued results (signed PDFs) and documents I already gave on earlier dossiers',
      response: { 200: MyDocuments, ...errorResponses },
    },
    handler: async (req) => listMyDocuments(ctx, req.actor),
  });

  app.post('/api/me/documents/reuse', {
    config: { auth: 'citizen' },
    schema: {
      tags: ['results'],
      summary:
        'Reuse a document from my data store: the server copies it into a new file of mine, attachable to a new dossier like an upload',
      body: ReuseDocumentInput,
      response: { 201: ReusedDocument, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await reuseDocument(ctx, req.actor, req.body, requestMeta(req))),
  });

  app.get('/api/officer/applicants/:idNumber/results', {
    config: { auth: 'officer' },
    schema: {
      tags: ['results'],
      summary: "An applicant's issued results by ID number (results repository); every look is audited",
      params: z.strictObject({ idNumber: IdNumber }),
      response: { 200: ApplicantResults, ...errorResponses },
    },
    handler: async (req) => listApplicantResults(ctx, req.actor, req.params.idNumber, requestMeta(req)),
  });
}
