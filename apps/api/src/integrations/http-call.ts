import { PermanentDeliveryError } from '../shared/delivery-error.ts';

/**
 * One JSON call to an outside HTTP API with a timeout, classified for the outbox worker:
 * - 2xx: the parsed JSON answer;
 * - 408, 425, 429 and 5xx, a timeout, a refused or reset connection: a transient `Error`
 *   (the worker retries with backoff);
 * - any other 4xx: `PermanentDeliveryError` (the receiver refused this message; retrying cannot
 *   help, it goes to the dead-letter list).
 */
export interface HttpCallOptions {
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  /** JSON body (serialised here) or a ready string body. */
  body?: unknown;
  rawBody?: string;
  timeoutMs: number;
  /** Name of the receiver in error messages, e.g. "SMS gateway". */
  receiver: string;
}

export interface HttpCallResult {
  status: number;
  json: unknown;
  text: string;
}

const TRANSIENT_STATUS = new Set([408, 425, 429]);

export async function httpCall(url: string, options: HttpCallOptions): Promise<HttpCallResult> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const e = error as { name?: string; message?: string; cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      throw new Error(`${options.receiver}: no answer within ${options.timeoutMs} ms`);
    }
    throw new Error(`${options.receiver}: ${e.cause?.code ?? e.message ?? 'connection failed'}`);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) {
    const detail = `${options.receiver} answered HTTP ${res.status}${text ? `: ${text.slice(0, 300)}` : ''}`;
    if (res.status >= 500 || TRANSIENT_STATUS.has(res.status)) throw new Error(detail);
    throw new PermanentDeliveryError(detail);
  }
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, json, text };
}
