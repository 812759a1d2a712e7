import { z } from 'zod';
import type { Channel, Fee, FeeCollection, ProcedureVersionContent } from '../catalog/catalog-schemas.ts';

/**
 * Payments (issue 5, ADR 0012): which fees a dossier owes, and the life of a payment request.
 * Pure functions shared by the API and the web app.
 */
export const PaymentMethod = z.enum(['gateway', 'vietqr', 'counter']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const PaymentStatus = z.enum(['pending', 'paid', 'failed', 'expired', 'cancelled']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const PaymentItemSchema = z.strictObject({
  kind: z.enum(['fee', 'charge']),
  name: z.string().min(1).max(300),
  /** Amount in Vietnamese đồng (integer). */
  amount: z.number().int().min(0).max(1_000_000_000_000),
});
export type PaymentItem = z.infer<typeof PaymentItemSchema>;

export interface FeeQuote {
  readonly collection: z.infer<typeof FeeCollection>;
  readonly items: readonly PaymentItem[];
  /** Sum of the items in VND. */
  readonly total: number;
}

type VersionContent = Pick<
  z.infer<typeof ProcedureVersionContent>,
  'channels' | 'feeCollection' | 'variants'
>;

/**
 * The fees owed for a dossier pinned to a procedure version, received on `channel`, optionally
 * under variant `variantCode`. Fees are defined per channel in the catalog (a variant does not
 * override fees today; an unknown variant code is an error so a mis-pinned dossier is not billed
 * silently). A channel without a rule, or `feeCollection: 'none'`, owes nothing.
 */
export function quoteFees(content: VersionContent, channel: Channel, variantCode?: string | null): FeeQuote {
  if (variantCode != null && !content.variants.some((v) => v.code === variantCode)) {
    throw new RangeError(`unknown variant ${variantCode}`);
  }
  if (content.feeCollection === 'none') return { collection: 'none', items: [], total: 0 };
  const rule = content.channels.find((c) => c.channel === channel);
  const items = (rule?.fees ?? []).filter((f: Fee) => f.amount > 0).map(toItem);
  return { collection: content.feeCollection, items, total: sumItems(items) };
}

function toItem(fee: Fee): PaymentItem {
  return { kind: fee.kind, name: fee.name, amount: fee.amount };
}

export function sumItems(items: readonly PaymentItem[]): number {
  let total = 0;
  for (const item of items) total += item.amount;
  if (!Number.isSafeInteger(total)) throw new RangeError('fee total overflows');
  return total;
}

/** Final statuses never change again. */
export function isFinalPaymentStatus(status: PaymentStatus): boolean {
  return status !== 'pending';
}

/**
 * Applies a reported outcome (callback, reconciliation poll or counter entry) to a payment.
 * Returns the new status and whether anything changed. Idempotent: reporting the same outcome
 * twice changes nothing the second time. A final status is never overwritten, except that a
 * confirmed `paid` beats `failed`/`expired`/`cancelled` (money arrived after the request lapsed
 * or after a failed attempt; it must still be recorded so the dossier is not left awaiting
 * payment).
 */
export function applyPaymentOutcome(
  current: PaymentStatus,
  reported: PaymentStatus,
): { status: PaymentStatus; changed: boolean } {
  if (current === reported || reported === 'pending') return { status: current, changed: false };
  if (current === 'pending') return { status: reported, changed: true };
  if (reported === 'paid') {
    return { status: 'paid', changed: true };
  }
  return { status: current, changed: false };
}

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, { vi: string; en: string }> = {
  pending: { vi: 'Chờ thanh toán', en: 'Awaiting payment' },
  paid: { vi: 'Đã thanh toán', en: 'Paid' },
  failed: { vi: 'Thanh toán không thành công', en: 'Payment failed' },
  expired: { vi: 'Hết hạn thanh toán', en: 'Expired' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, { vi: string; en: string }> = {
  gateway: { vi: 'Thanh toán trực tuyến', en: 'Online payment' },
  vietqr: { vi: 'Chuyển khoản bằng mã QR (VietQR)', en: 'Bank transfer by QR (VietQR)' },
  counter: { vi: 'Nộp tiền mặt tại quầy', en: 'Cash at the counter' },
};
