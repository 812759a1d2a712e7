import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, isAppError } from '../errors/app-error.ts';
import { isTransactionBlocked } from '../db/retry.ts';
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
  '08004',
  '53300',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

/**
 * node-postgres reports a lost connection as a plain Error without a code (the socket closed
 * between or during queries, or no connection could be made within the pool's timeout).
 */
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed and is not queryable|Cannot use a pool after calling end)/;

/** Whether `error` (or what it wraps) means the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** A 503 the client should retry after `seconds` (the database is busy or not there). */
function sendRetryLater(reply: FastifyReply, seconds: number, code: string, message: string): FastifyReply {
  return send(reply.header('retry-after', String(seconds)), 503, { error: { code, message } });
}

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
    // Another transaction was in the way (db/retry.ts): this one was rolled back, nothing written.
    if (isTransactionBlocked(error)) {
      request.log.warn({ err: error }, 'database busy');
      return sendRetryLater(
        reply,
        2,
        'DATABASE_BUSY',
        'Hệ thống đang bận, chưa ghi nhận thao tác này. Vui lòng thử lại sau vài giây / The service is busy and nothing was saved; please try again in a few seconds',
      );
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      return sendRetryLater(
        reply,
        5,
        'DATABASE_UNAVAILABLE',
        'Hệ thống tạm thời gián đoạn, vui lòng thử lại sau ít phút / The database is not available, please try again shortly',
      );
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
