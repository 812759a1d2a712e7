import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import {
  CatalogFileView,
  CatalogImportBody,
  CatalogImportReport,
  CreateProcedureInput,
  ExportQuery,
  FieldsQuery,
  NewVersionInput,
  ProcedureCodeParams,
  ProcedureDetail,
  ProcedureDetailQuery,
  ProcedureField,
  ProcedureSearchQuery,
  ProcedureSearchResult,
  ProcedureVersionView,
  SaveDraftInput,
  VersionParams,
  VersionValidation,
} from './procedure.schemas.ts';
import {
  createDraftVersion,
  createProcedure,
  exportCatalog,
  getProcedure,
  getProcedureVersion,
  importCatalog,
  listFields,
  publishVersion,
  saveDraft,
  searchProcedures,
  validateVersion,
} from './procedure.service.ts';

/** Largest accepted catalog file (a full provincial catalog is a few MB). */
const CATALOG_IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

/**
 * Catalog routes. Reading the published catalog is public; drafts, publication and import are for
 * administrators (officers with the admin role), checked by the service.
 */
export function procedureRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/api/procedures', {
    config: { auth: 'public' },
    schema: {
      tags: ['catalog'],
      summary: 'Search the published catalog in force today (accent-insensitive, by name or code)',
      querystring: ProcedureSearchQuery,
      response: { 200: ProcedureSearchResult, ...errorResponses },
    },
    handler: async (req) => searchProcedures(ctx, req.query),
  });

  app.get('/api/procedures/fields', {
    config: { auth: 'public' },
    schema: {
      tags: ['catalog'],
      summary: 'Fields (lĩnh vực) of the catalog in force today, with the number of procedures',
      querystring: FieldsQuery,
      response: { 200: z.array(ProcedureField), ...errorResponses },
    },
    handler: async (req) => listFields(ctx, req.query),
  });

  app.get('/api/procedures/:code', {
    config: { auth: 'public' },
    schema: {
      tags: ['catalog'],
      summary: 'A procedure: the version in force today (or ?version=N) with the list of versions',
      params: ProcedureCodeParams,
      querystring: ProcedureDetailQuery,
      response: { 200: ProcedureDetail, ...errorResponses },
    },
    handler: async (req) => getProcedure(ctx, req.actor, req.params.code, { version: req.query.version }),
  });

  app.get('/api/procedures/:code/versions/:versionNo', {
    config: { auth: 'public' },
    schema: {
      tags: ['catalog'],
      summary: 'One version of a procedure (drafts: administrators only)',
      params: VersionParams,
      response: { 200: ProcedureVersionView, ...errorResponses },
    },
    handler: async (req) => getProcedureVersion(ctx, req.actor, req.params.code, req.params.versionNo),
  });

  app.post('/api/procedures', {
    config: { auth: 'officer' },
    schema: {
      tags: ['catalog'],
      summary: 'Create a procedure with its first version as a draft (admin)',
      body: CreateProcedureInput,
      response: { 201: ProcedureVersionView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await createProcedure(ctx, req.actor, req.body, requestMeta(req))),
  });

  app.post('/api/procedures/:code/versions', {
    config: { auth: 'officer' },
    schema: {
      tags: ['catalog'],
      summary:
        'New draft version, copied from the latest version or from the given content (admin; one draft at a time)',
      params: ProcedureCodeParams,
      body: NewVersionInput,
      response: { 201: ProcedureVersionView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply
        .code(201)
        .send(await createDraftVersion(ctx, req.actor, req.params.code, req.body, requestMeta(req))),
  });

  app.put('/api/procedures/:code/versions/:versionNo', {
    config: { auth: 'officer' },
    schema: {
      tags: ['catalog'],
      summary: 'Replace the content and effective date of a draft (admin; published versions are immutable)',
      params: VersionParams,
      body: SaveDraftInput,
      response: { 200: ProcedureVersionView, ...errorResponses },
    },
    handler: async (req) =>
      saveDraft(ctx, req.actor, req.params.code, req.params.versionNo, req.body, requestMeta(req)),
  });

  app.get('/api/procedures/:code/versions/:versionNo/validation', {
    config: { auth: 'officer' },
    schema: {
      tags: ['catalog'],
      summary: 'Problems that would stop a draft from being published (admin)',
      params: VersionParams,
      response: { 200: VersionValidation, ...errorResponses },
    },
    handler: async (req) => validateVersion(ctx, req.actor, req.params.code, req.params.versionNo),
  });

  app.post('/api/procedures/:code/versions/:versionNo/publish', {
    config: { auth: 'officer' },
    schema: {
      tags: ['catalog'],
      summary: 'Publish a draft (admin); the version it follows ends the day before it takes effect',
      params: VersionParams,
      response: { 200: ProcedureVersionView, ...errorResponses },
    },
    handler: async (req) =>
      publishVersion(ctx, req.actor, req.params.code, req.params.versionNo, requestMeta(req)),
  });

  app.get('/api/catalog/export', {
    config: { auth: 'public' },
    schema: {
      tags: ['catalog'],
      summary: 'The catalog as a file (motcua.catalog/v1): published versions; drafts too for administrators',
      querystring: ExportQuery,
      response: { 200: CatalogFileView, ...errorResponses },
    },
    handler: async (req) => exportCatalog(ctx, req.actor, { includeDrafts: req.query.includeDrafts }),
  });

  app.post('/api/catalog/import', {
    config: { auth: 'officer' },
    bodyLimit: CATALOG_IMPORT_BODY_LIMIT,
    schema: {
      tags: ['catalog'],
      summary: 'Import a catalog file, all or nothing (admin); re-importing the same file changes nothing',
      body: CatalogImportBody,
      response: { 200: CatalogImportReport, ...errorResponses },
    },
    handler: async (req) => importCatalog(ctx, req.actor, req.body, requestMeta(req)),
  });
}
