import { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { errorResponses } from '../../http/error-response.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import {
  UploadChunkQuery,
  UploadChunkResult,
  UploadCreateInput,
  UploadIdParam,
  UploadSessionView,
} from './upload.schemas.ts';
import { cancelUpload, getUpload, receiveChunk, startUpload } from './upload.service.ts';

export function uploadRoutes(app: AppInstance, ctx: AppContext): void {
  app.post('/api/uploads', {
    config: { auth: 'authenticated' },
    schema: {
      tags: ['files'],
      summary:
        'Start a resumable upload of a large file (declared name, size and type); send the bytes with PUT',
      body: UploadCreateInput,
      response: { 201: UploadSessionView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const session = await startUpload(ctx, req.actor, req.body, requestMeta(req));
      return reply.code(201).send(session);
    },
  });

  app.get('/api/uploads/:uploadId', {
    config: { auth: 'authenticated' },
    schema: {
      tags: ['files'],
      summary: 'Where my upload stands (the offset to resume from, the file id once complete)',
      params: UploadIdParam,
      response: { 200: UploadSessionView, ...errorResponses },
    },
    handler: async (req) => getUpload(ctx, req.actor, req.params.uploadId),
  });

  app.delete('/api/uploads/:uploadId', {
    config: { auth: 'authenticated' },
    schema: {
      tags: ['files'],
      summary: 'Cancel my upload: the session and the bytes received so far are removed',
      params: UploadIdParam,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (req, reply) => {
      await cancelUpload(ctx, req.actor, req.params.uploadId, requestMeta(req));
      return reply.code(204).send(null);
    },
  });

  app.register(async (scope) => {
    // The chunk is handed over as the raw stream: it goes to disk piece by piece, never buffered.
    scope.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().put('/api/uploads/:uploadId', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['files'],
        summary:
          'Send the chunk that starts at `offset` (application/octet-stream body); 409 UPLOAD_OFFSET_MISMATCH tells the offset to use',
        params: UploadIdParam,
        querystring: UploadChunkQuery,
        response: { 200: UploadChunkResult, ...errorResponses },
      },
      handler: async (req) => {
        // Only the raw octet stream is a chunk (a JSON or form body was parsed by another parser).
        if (req.body !== undefined && !(req.body instanceof Readable))
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the chunk as application/octet-stream');
        const length = req.headers['content-length'];
        return receiveChunk(
          ctx,
          req.actor,
          {
            id: req.params.uploadId,
            offset: req.query.offset,
            body: req.body,
            contentLength: length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined,
          },
          requestMeta(req),
        );
      },
    });
  });
}
