import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, isAppError } from '../errors/app-error.ts';
import { HTTP_STATUS_BY_CODE } from '../errors/http-status.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

function send(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** PostgreSQL error codes that mean "the database is not there" rather than a bug. */
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  'ECONNREFUSED',
]);

/** The one error handler: AppError codes → HTTP statuses; everything unknown → opaque 500. */
export function createErrorHandler(isProduction: boolean) {
  return function errorHandler(
    error: FastifyError | AppError | Error,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    if (isAppError(error)) {
      const status = HTTP_STATUS_BY_CODE[error.code];
      if (status >= 500) request.log.error({ err: error }, error.message);
      return send(reply, status, {
        error: {
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return send(reply, 400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: `Invalid ${error.validationContext ?? 'request'}`,
          details: {
            issues: error.validation.map((v) => ({
              path: `${error.validationContext ?? ''}${v.instancePath}`,
              message: v.message ?? 'invalid',
            })),
          },
        },
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return send(reply, 500, { error: { code: 'INTERNAL', message: 'Internal error' } });
    }
    const fe = error as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      const limit = request.routeOptions.bodyLimit;
      const mb = limit ? ` (${Math.floor(limit / (1024 * 1024)) || 1} MB)` : '';
      return send(reply, 413, {
        error: {
          code: 'PAYLOAD_TOO_LARGE',
          message: `Dữ liệu gửi lên quá lớn / The request body is too large${mb ? `: tối đa / at most${mb}` : ''}`,
          ...(limit ? { details: { limitBytes: limit } } : {}),
        },
      });
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
      return send(reply, 415, {
        error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported content type' },
      });
    }
    if (
      fe.statusCode === 400 ||
      fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
    ) {
      return send(reply, 400, { error: { code: 'VALIDATION_FAILED', message: fe.message } });
    }
    if (fe.statusCode === 429) {
      return send(reply, 429, {
        error: { code: 'RATE_LIMITED', message: 'Too many requests, try again later' },
      });
    }
    const pgCode = (error as { code?: string }).code;
    if (pgCode && UNAVAILABLE_CODES.has(pgCode)) {
      request.log.error({ err: error }, 'database unavailable');
      return send(reply, 503, {
        error: { code: 'DATABASE_UNAVAILABLE', message: 'The database is not available' },
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 500, {
      error: {
        code: 'INTERNAL',
        message: isProduction ? 'Internal error' : `Internal error: ${error.message}`,
      },
    });
  };
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(reply, 404, {
    error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0] ?? ''}` },
  });
}

export { AppError };
