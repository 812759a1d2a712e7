import { ExchangeAckStatus, ExchangeStatus } from '@motcua/domain';
import { z } from 'zod';

export const ExchangedDocumentView = z
  .object({
    id: z.uuid(),
    direction: z.enum(['outbound', 'inbound']),
    dossierCode: z.string().nullable(),
    sender: z.object({ unitId: z.uuid().nullable(), agencyCode: z.string(), name: z.string() }),
    recipient: z.object({ unitId: z.uuid().nullable(), agencyCode: z.string(), name: z.string() }),
    isExternal: z.boolean().describe('Sent to or received from an outside agency through the hub'),
    documentNumber: z.string(),
    summary: z.string(),
    fileIds: z.array(z.uuid()),
    status: ExchangeStatus,
    rejectReason: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
  })
  .meta({ id: 'ExchangedDocument' });
export type ExchangedDocumentView = z.infer<typeof ExchangedDocumentView>;

/**
 * An attachment the hub lists with a pushed document: fetched afterwards from the configured hub
 * (`GET …/documents/{id}/attachments/{attachment id}`), checked against `size` and `sha256` when
 * given, scanned and stored as a file of the document.
 */
export const HubAttachment = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9._~-]+$/, 'Attachment id: letters, digits and . _ ~ -'),
  name: z.string().trim().min(1).max(255),
  contentType: z.string().max(100).optional(),
  size: z.number().int().positive().optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'sha256: 64 hex digits')
    .transform((v) => v.toLowerCase())
    .optional(),
});
export type HubAttachment = z.infer<typeof HubAttachment>;

/** What the exchange hub pushes to us: a document for one of our units, or an acknowledgement. */
export const HubInboundInput = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('document'),
    id: z.string().min(1).max(200).describe('Id of the document at the hub'),
    senderAgencyCode: z.string().min(2).max(40),
    senderName: z.string().min(1).max(300),
    recipientAgencyCode: z.string().min(2).max(40),
    documentNumber: z.string().min(1).max(100),
    summary: z.string().min(1).max(2000),
    dossierCode: z.string().min(1).max(100).optional(),
    attachments: z
      .array(HubAttachment)
      .max(20)
      .refine((list) => new Set(list.map((a) => a.id)).size === list.length, {
        message: 'Attachment ids must be unique',
      })
      .default([])
      .describe('Files of the document, fetched from the hub afterwards (outbox, retried)'),
  }),
  z.strictObject({
    type: z.literal('ack'),
    id: z.string().min(1).max(200).describe('Id of our document at the hub'),
    status: ExchangeAckStatus,
    reason: z.string().min(1).max(1000).optional(),
  }),
]);
export type HubInboundInput = z.infer<typeof HubInboundInput>;

export const HubInboundAnswer = z.object({
  documentId: z.uuid(),
  status: ExchangeStatus,
  isDuplicate: z.boolean(),
});

export const InboxQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
