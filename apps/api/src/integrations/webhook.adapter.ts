import { httpCall } from './http-call.ts';
import { SIGNATURE_HEADER, signBody } from './webhook-signature.ts';

/**
 * POSTs one CloudEvents message (structured mode, `application/cloudevents+json`) to a
 * subscriber, signed with its secret. Retries keep the same body and CloudEvents id, so the
 * receiver de-duplicates on `id`; the signature is fresh (its timestamp is the sending time).
 */
export async function postCloudEvent(input: {
  url: string;
  secret: string;
  body: string;
  eventId: string;
  at: Date;
  timeoutMs: number;
}): Promise<{ status: number }> {
  const res = await httpCall(input.url, {
    method: 'POST',
    rawBody: input.body,
    headers: {
      'content-type': 'application/cloudevents+json; charset=utf-8',
      [SIGNATURE_HEADER]: signBody(input.secret, input.body, input.at),
      'user-agent': 'Motcua-Webhooks/1.0',
    },
    timeoutMs: input.timeoutMs,
    receiver: 'Webhook receiver',
  });
  return { status: res.status };
}
