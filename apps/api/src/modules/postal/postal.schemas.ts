import { CarrierStatus, PostalOrderKind, PostalOrderStatus } from '@motcua/domain';
import { z } from 'zod';

export const PostalEventView = z.object({
  status: PostalOrderStatus,
  note: z.string().nullable(),
  location: z.string().nullable(),
  occurredAt: z.string(),
});

export const PostalOrderView = z
  .object({
    id: z.uuid(),
    kind: PostalOrderKind,
    status: PostalOrderStatus,
    waybillNumber: z.string().nullable(),
    recipientName: z.string(),
    recipientPhone: z.string().nullable(),
    address: z.string(),
    feeAmount: z.number(),
    note: z.string().nullable(),
    lastError: z.string().nullable().describe('Last error of the carrier call (officers only)'),
    createdAt: z.string(),
    updatedAt: z.string(),
    events: z.array(PostalEventView).describe('Status history, oldest first (the dossier timeline)'),
  })
  .meta({ id: 'PostalOrder' });
export type PostalOrderView = z.infer<typeof PostalOrderView>;

/** A status event of the carrier's webhook (VNPost-style field names translated to ours). */
export const CarrierEventInput = z.strictObject({
  eventId: z.string().min(1).max(200),
  waybillNumber: z.string().min(1).max(100),
  status: CarrierStatus,
  occurredAt: z.iso.datetime({ offset: true }),
  note: z.string().max(1000).optional(),
  location: z.string().max(300).optional(),
});
export type CarrierEventInput = z.infer<typeof CarrierEventInput>;

export const CarrierEventAnswer = z.object({
  orderId: z.uuid(),
  status: PostalOrderStatus,
  isDuplicate: z.boolean(),
});
