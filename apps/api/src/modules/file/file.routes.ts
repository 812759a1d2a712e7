import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { errorResponses } from '../../http/error-response.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { ACCEPTED_CONTENT_TYPES, FileView } from './file.schemas.ts';
import { readFile, uploadFile } from './file.service.ts';

export function fileRoutes(app: AppInstance, ctx: AppContext): void {
  const limit = ctx.config.UPLOAD_MAX_MB * 1024 * 1024;
  app.register(async (scope) => {
    scope.addContentTypeParser(
      [...ACCEPTED_CONTENT_TYPES],
      { parseAs: 'buffer', bodyLimit: limit },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post('/api/files', {
      config: { auth: 'authenticated' },
      bodyLimit: limit,
      schema: {
        tags: ['files'],
        summary: 'Upload one file (PDF, JPEG or PNG) as the raw request body; attach it to a dossier by id',
        querystring: z.strictObject({ name: z.string().min(1).max(255) }),
        response: { 201: FileView, ...errorResponses },
      },
      handler: async (req, reply) => {
        if (!Buffer.isBuffer(req.body))
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as the body with its Content-Type');
        const file = await uploadFile(
          ctx,
          req.actor,
          { data: req.body, declaredType: req.headers['content-type'] ?? '', fileName: req.query.name },
          requestMeta(req),
        );
        return reply.code(201).send(file);
      },
    });
  });

  app.get('/api/files/:fileId', {
    config: { auth: 'authenticated' },
    schema: {
      tags: ['files'],
      summary: 'Download a file you uploaded or that belongs to a dossier you can see',
      params: z.strictObject({ fileId: z.uuid() }),
    },
    handler: async (req, reply) => {
      const { file, stream } = await readFile(ctx, req.actor, req.params.fileId);
      reply.header('content-type', file.contentType);
      reply.header(
        'content-disposition',
        `inline; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
      );
      reply.header('x-content-type-options', 'nosniff');
      return reply.send(stream);
    },
  });
}
