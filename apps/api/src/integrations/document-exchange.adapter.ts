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
}

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
  };
}
