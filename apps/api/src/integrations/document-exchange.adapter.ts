import { PermanentDeliveryError } from '../shared/delivery-error.ts';
import { httpCall } from './http-call.ts';
import { withSlash } from './sms.adapter.ts';

/**
 * The document exchange hub (trục liên thông văn bản / LGSP): send an official document to an
 * outside agency by its electronic agency code, and send our acknowledgement of a document the
 * hub delivered to us. The hub pushes documents and acknowledgements back through the signed
 * `POST /api/integrations/exchange/inbound`. Our document id is the `reference`, so a retried
 * send answers the id the hub already gave.
 */
export interface ExchangeDocumentPackage {
  reference: string;
  senderAgencyCode: string;
  senderName: string;
  recipientAgencyCode: string;
  documentNumber: string;
  summary: string;
  dossierCode: string | null;
  files: { name: string; contentType: string; contentBase64: string }[];
}

export interface DocumentExchangeAdapter {
  sendDocument(doc: ExchangeDocumentPackage): Promise<{ externalId: string }>;
  sendAcknowledgement(ack: {
    externalId: string;
    status: 'received' | 'accepted' | 'rejected';
    reason: string | null;
  }): Promise<void>;
  /**
   * The bytes of one attachment of a document the hub pushed to us:
   * `GET {url}/documents/{documentId}/attachments/{attachmentId}` with the hub's token. The URL is
   * always built from the configured hub address (never taken from a push), so the token goes
   * nowhere else. Answers larger than `maxBytes` are refused for good.
   */
  fetchAttachment(ref: { documentId: string; attachmentId: string; maxBytes: number }): Promise<Buffer>;
}

const TRANSIENT_STATUS = new Set([408, 425, 429]);

export function createDocumentExchangeAdapter(settings: {
  url: string;
  token: string | undefined;
  timeoutMs: number;
}): DocumentExchangeAdapter {
  const headers: Record<string, string> = settings.token ? { authorization: `Bearer ${settings.token}` } : {};
  return {
    async sendDocument(doc) {
      const res = await httpCall(new URL('documents', withSlash(settings.url)).toString(), {
        body: doc,
        headers,
        timeoutMs: settings.timeoutMs,
        receiver: 'Document exchange hub',
      });
      const answer = res.json as { id?: unknown } | undefined;
      if (typeof answer?.id !== 'string' || answer.id === '') {
        throw new PermanentDeliveryError(
          `Document exchange hub: unexpected answer ${res.text.slice(0, 200)}`,
        );
      }
      return { externalId: answer.id };
    },
    async sendAcknowledgement(ack) {
      await httpCall(
        new URL(`documents/${encodeURIComponent(ack.externalId)}/acks`, withSlash(settings.url)).toString(),
        {
          body: { status: ack.status, reason: ack.reason },
          headers,
          timeoutMs: settings.timeoutMs,
          receiver: 'Document exchange hub',
        },
      );
    },
    async fetchAttachment(ref) {
      const url = new URL(
        `documents/${encodeURIComponent(ref.documentId)}/attachments/${encodeURIComponent(ref.attachmentId)}`,
        withSlash(settings.url),
      ).toString();
      const receiver = 'Document exchange hub';
      const signal = AbortSignal.timeout(settings.timeoutMs);
      let res: Response;
      try {
        res = await fetch(url, { headers: { ...headers, accept: '*/*' }, signal });
      } catch (error) {
        throw new Error(`${receiver}: attachment ${ref.attachmentId}: ${failure(error, settings.timeoutMs)}`);
      }
      if (!res.ok) {
        const text = (await res.text().catch(() => '')).slice(0, 300);
        const detail = `${receiver} answered HTTP ${res.status} for attachment ${ref.attachmentId}${text ? `: ${text}` : ''}`;
        if (res.status >= 500 || TRANSIENT_STATUS.has(res.status)) throw new Error(detail);
        throw new PermanentDeliveryError(detail);
      }
      const tooLarge = () =>
        new PermanentDeliveryError(
          `${receiver}: attachment ${ref.attachmentId} is larger than ${ref.maxBytes} bytes (the upload limit)`,
        );
      if (Number(res.headers.get('content-length') ?? 0) > ref.maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        throw tooLarge();
      }
      const chunks: Buffer[] = [];
      let total = 0;
      try {
        for await (const chunk of res.body ?? []) {
          total += chunk.length;
          if (total > ref.maxBytes) throw tooLarge();
          chunks.push(Buffer.from(chunk));
        }
      } catch (error) {
        if (error instanceof PermanentDeliveryError) throw error;
        throw new Error(`${receiver}: attachment ${ref.attachmentId}: ${failure(error, settings.timeoutMs)}`);
      }
      return Buffer.concat(chunks);
    },
  };
}

function failure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  return e.cause?.code ?? e.message ?? 'connection failed';
}
