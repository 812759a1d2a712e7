import { NotificationChannel } from '@motcua/domain';
import { z } from 'zod';

export const NotificationStatus = z.enum(['queued', 'sent', 'failed', 'dead', 'skipped']);

/** One row of a delivery log. */
export const NotificationView = z.object({
  id: z.uuid(),
  event: z.string(),
  channel: NotificationChannel,
  recipient: z.string(),
  language: z.enum(['vi', 'en']),
  subject: z.string().nullable(),
  body: z.string(),
  status: NotificationStatus,
  attempts: z.number(),
  lastError: z.string().nullable().meta({ description: 'Shown to officers only; null for the applicant' }),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  dossierCode: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationPreferenceView = z.object({
  channel: NotificationChannel.nullable().meta({
    description: 'Chosen channel; null = not chosen (e-mail if known, else SMS)',
  }),
  available: z.array(NotificationChannel),
});

export const ChannelStatus = z.object({
  channels: z.array(
    z.object({ channel: NotificationChannel, isConfigured: z.boolean(), endpoint: z.string().nullable() }),
  ),
  sandboxUrl: z.string().nullable().meta({ description: 'Loopback sandbox (mail viewer) in the demo' }),
});

export const NotificationPreferenceInput = z.strictObject({ channel: NotificationChannel });

export const NotificationListQuery = z.strictObject({
  status: NotificationStatus.optional(),
  channel: NotificationChannel.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const EmailAddress = z.email().max(200);

/**
 * Payload of an `email.send` outbox message: any module can send an e-mail (e.g. the weekly
 * report of the statistics module) by enqueueing one in its own transaction (`enqueueEmail`).
 * Attachments: a stored file (`fileId`) or small inline content (base64, at most 5 MB).
 */
export const EmailMessagePayload = z.strictObject({
  to: z.array(EmailAddress).min(1).max(50),
  subject: z.string().min(1).max(300),
  text: z.string().min(1).max(200_000),
  html: z.string().max(500_000).optional(),
  /** Delivery log category, e.g. "weekly_report". */
  category: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,40}$/)
    .default('email'),
  language: z.enum(['vi', 'en']).default('vi'),
  dossierId: z.uuid().optional(),
  attachments: z
    .array(
      z.union([
        z.strictObject({
          filename: z.string().min(1).max(200),
          contentType: z.string().min(3).max(100),
          fileId: z.uuid(),
        }),
        z.strictObject({
          filename: z.string().min(1).max(200),
          contentType: z.string().min(3).max(100),
          contentBase64: z.string().max(7_000_000),
        }),
      ]),
    )
    .max(10)
    .default([]),
});
export type EmailMessagePayload = z.input<typeof EmailMessagePayload>;
