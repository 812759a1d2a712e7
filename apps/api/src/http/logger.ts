import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.ts';

/** Secrets and personal identifiers that may appear in query strings are masked in request logs. */
const MASKED_QUERY_KEYS = /^(mk|secret|token|idNumber|identifier|phone|taxCode|q)$/i;

export function maskUrl(url: string): string {
  const [pathPart, query] = url.split('?', 2);
  if (!query) return url;
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) if (MASKED_QUERY_KEYS.test(key)) params.set(key, '***');
  return `${pathPart ?? ''}?${params.toString()}`;
}

/** Fields holding personal data or secrets, wherever they appear in a logged object. */
const SENSITIVE_FIELDS = ['password', 'idNumber', 'identifier', 'phone', 'taxCode', 'token', 'secret'];

/**
 * pino redaction paths (docs/security.md): session credentials in request and response headers,
 * and the sensitive fields at the top of a logged object and up to three levels below it (pino
 * wildcards match one level each, e.g. `{ body: { applicant: { idNumber } } }`).
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...SENSITIVE_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`]),
];

/** Options of the server's logger (Fastify's pino). */
export function loggerOptions(config: Config): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // Only method, URL (masked) and id: never the headers (session token, cookie).
      req(req: { method?: string; url?: string; id?: string }) {
        return {
          method: req.method,
          url: typeof req.url === 'string' ? maskUrl(req.url) : undefined,
          id: req.id,
        };
      },
    },
  };
}
