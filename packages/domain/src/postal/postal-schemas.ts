import { z } from 'zod';
import { AgencyCode } from '../organisation/organisation-schemas.ts';

/**
 * Postal channel and inter-agency document exchange (issue 5, ADR 0014): order kinds and
 * statuses, the carrier's status codes, acknowledgements of exchanged documents, and their labels
 * (shared by the API and the web app).
 */
export const PostalOrderKind = z.enum(['pickup', 'delivery']);
export type PostalOrderKind = z.infer<typeof PostalOrderKind>;

export const PostalOrderStatus = z.enum([
  'requested',
  'created',
  'picked_up',
  'in_transit',
  'delivered',
  'returned',
  'failed',
  'cancelled',
  'rejected',
]);
export type PostalOrderStatus = z.infer<typeof PostalOrderStatus>;

/** Statuses the carrier reports through its webhook. */
export const CarrierStatus = z.enum(['picked_up', 'in_transit', 'delivered', 'returned', 'failed']);
export type CarrierStatus = z.infer<typeof CarrierStatus>;

/** Once there, an order changes no more (later carrier events are recorded but do not move it). */
export const POSTAL_FINAL_STATUSES: readonly PostalOrderStatus[] = [
  'delivered',
  'returned',
  'cancelled',
  'rejected',
];

/** Order of progress: a late event of an earlier stage does not move the order back. */
const POSTAL_RANK: Record<PostalOrderStatus, number> = {
  requested: 0,
  created: 1,
  picked_up: 2,
  in_transit: 3,
  failed: 4,
  delivered: 5,
  returned: 5,
  cancelled: 5,
  rejected: 5,
};

/** The status an order takes when an event of `incoming` arrives (it never moves backwards). */
export function nextPostalStatus(current: PostalOrderStatus, incoming: PostalOrderStatus): PostalOrderStatus {
  if (POSTAL_FINAL_STATUSES.includes(current)) return current;
  // A failed attempt may be followed by a new attempt (in transit again) or the final outcome.
  if (current === 'failed') return incoming === 'failed' ? current : incoming;
  return POSTAL_RANK[incoming] >= POSTAL_RANK[current] ? incoming : current;
}

/** Statuses the citizen sees on their dossier page (internal steps are officer-only). */
export const CITIZEN_POSTAL_STATUSES: readonly PostalOrderStatus[] = [
  'created',
  'picked_up',
  'in_transit',
  'delivered',
  'returned',
  'failed',
  'cancelled',
];

export const POSTAL_STATUS_LABELS: Record<PostalOrderStatus, { vi: string; en: string }> = {
  requested: { vi: 'Đang gửi yêu cầu tới bưu chính', en: 'Being sent to the carrier' },
  created: { vi: 'Bưu chính đã nhận yêu cầu', en: 'Order created by the carrier' },
  picked_up: { vi: 'Bưu tá đã nhận hồ sơ/bưu gửi', en: 'Picked up' },
  in_transit: { vi: 'Đang vận chuyển', en: 'In transit' },
  delivered: { vi: 'Đã phát thành công', en: 'Delivered' },
  returned: { vi: 'Đã chuyển hoàn', en: 'Returned to sender' },
  failed: { vi: 'Phát không thành công', en: 'Delivery attempt failed' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
  rejected: { vi: 'Bưu chính từ chối yêu cầu', en: 'Refused by the carrier' },
};

export const POSTAL_KIND_LABELS: Record<PostalOrderKind, { vi: string; en: string }> = {
  pickup: { vi: 'Thu gom hồ sơ tại nhà', en: 'Pickup of the papers' },
  delivery: { vi: 'Chuyển phát kết quả', en: 'Delivery of the result' },
};

const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);

/** An officer's request for a postal order (the address is prefilled from the applicant). */
export const CreatePostalOrderInput = z.strictObject({
  kind: PostalOrderKind,
  recipientName: trimmed(2, 200),
  recipientPhone: z
    .string()
    .regex(/^(\+84|0)[1-9]\d{8,9}$/, 'Phone: 10 digits starting with 0, or +84')
    .optional(),
  address: trimmed(5, 500),
  feeAmount: z.number().int().min(0).max(10_000_000).default(0),
  note: z.string().trim().max(1000).optional(),
});
export type CreatePostalOrderInput = z.infer<typeof CreatePostalOrderInput>;

export const ExchangeStatus = z.enum(['queued', 'sent', 'received', 'accepted', 'rejected', 'failed']);
export type ExchangeStatus = z.infer<typeof ExchangeStatus>;

export const ExchangeAckStatus = z.enum(['received', 'accepted', 'rejected']);
export type ExchangeAckStatus = z.infer<typeof ExchangeAckStatus>;

export const SendExchangeDocumentInput = z
  .strictObject({
    senderUnitId: z.uuid(),
    /** A unit of ours (delivered in-process)… */
    recipientUnitId: z.uuid().optional(),
    /** …or an outside agency by its electronic code (sent through the exchange hub). */
    recipientAgencyCode: AgencyCode.optional(),
    documentNumber: trimmed(1, 100),
    summary: trimmed(3, 2000),
    fileIds: z.array(z.uuid()).max(20).default([]),
  })
  .refine((v) => Boolean(v.recipientUnitId) !== Boolean(v.recipientAgencyCode), {
    message: 'Give either a recipient unit or a recipient agency code',
    path: ['recipientUnitId'],
  });
export type SendExchangeDocumentInput = z.infer<typeof SendExchangeDocumentInput>;

export const ExchangeAckInput = z
  .strictObject({ status: ExchangeAckStatus, reason: trimmed(3, 1000).optional() })
  .refine((v) => v.status !== 'rejected' || Boolean(v.reason), {
    message: 'A rejection needs a reason',
    path: ['reason'],
  });
export type ExchangeAckInput = z.infer<typeof ExchangeAckInput>;

export const EXCHANGE_STATUS_LABELS: Record<ExchangeStatus, { vi: string; en: string }> = {
  queued: { vi: 'Đang gửi', en: 'Sending' },
  sent: { vi: 'Đã gửi, chờ xác nhận', en: 'Sent, awaiting acknowledgement' },
  received: { vi: 'Bên nhận đã nhận', en: 'Received' },
  accepted: { vi: 'Bên nhận đã chấp nhận', en: 'Accepted' },
  rejected: { vi: 'Bên nhận từ chối', en: 'Rejected' },
  failed: { vi: 'Gửi không thành công', en: 'Could not be sent' },
};

/** An acknowledgement moves a document forward only (received → accepted/rejected). */
export function canAcknowledge(current: ExchangeStatus, next: ExchangeAckStatus): boolean {
  if (current === 'sent') return true;
  if (current === 'received') return next !== 'received';
  return false;
}
