import { z } from 'zod';

/** Wire format of every error: `{ error: { code, message, details } }`. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'TRANSITION_NOT_ALLOWED' }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'ErrorResponse' });

/** Standard error responses to spread into a route's `response` map. */
export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  413: ErrorResponse,
  415: ErrorResponse,
  422: ErrorResponse,
  429: ErrorResponse,
  500: ErrorResponse,
  503: ErrorResponse,
} as const;
