import { describe, expect, it } from 'vitest';
import { applyPaymentOutcome, isFinalPaymentStatus, quoteFees, sumItems } from './payment-fees.ts';

const content = {
  feeCollection: 'before' as const,
  variants: [{ code: 'cap-lai', name: 'Cấp lại' }],
  channels: [
    {
      channel: 'counter' as const,
      fees: [
        { kind: 'charge' as const, name: 'Lệ phí cấp giấy', amount: 50_000 },
        { kind: 'fee' as const, name: 'Phí thẩm định', amount: 150_000 },
      ],
    },
    {
      channel: 'online' as const,
      fees: [
        { kind: 'charge' as const, name: 'Lệ phí (trực tuyến giảm 50%)', amount: 25_000 },
        { kind: 'fee' as const, name: 'Miễn', amount: 0 },
      ],
    },
  ],
};

describe('quoteFees', () => {
  it('takes the fees of the dossier channel', () => {
    expect(quoteFees(content, 'counter')).toEqual({
      collection: 'before',
      total: 200_000,
      items: [
        { kind: 'charge', name: 'Lệ phí cấp giấy', amount: 50_000 },
        { kind: 'fee', name: 'Phí thẩm định', amount: 150_000 },
      ],
    });
    const online = quoteFees(content, 'online', 'cap-lai');
    expect(online.total).toBe(25_000);
    expect(online.items).toHaveLength(1); // zero-amount lines are not billed
  });
  it('owes nothing without a channel rule or when no fee is collected', () => {
    expect(quoteFees(content, 'postal').total).toBe(0);
    expect(quoteFees({ ...content, feeCollection: 'none' }, 'counter')).toEqual({
      collection: 'none',
      items: [],
      total: 0,
    });
  });
  it('rejects an unknown variant', () => {
    expect(() => quoteFees(content, 'counter', 'nope')).toThrow(RangeError);
  });
  it('sums safely', () => {
    expect(sumItems([])).toBe(0);
    expect(() =>
      sumItems([
        { kind: 'fee', name: 'a', amount: Number.MAX_SAFE_INTEGER },
        { kind: 'fee', name: 'b', amount: 1 },
      ]),
    ).toThrow(RangeError);
  });
});

describe('applyPaymentOutcome', () => {
  it('is idempotent and never reopens a final payment', () => {
    expect(applyPaymentOutcome('pending', 'paid')).toEqual({ status: 'paid', changed: true });
    expect(applyPaymentOutcome('paid', 'paid')).toEqual({ status: 'paid', changed: false });
    expect(applyPaymentOutcome('paid', 'failed')).toEqual({ status: 'paid', changed: false });
    expect(applyPaymentOutcome('failed', 'pending')).toEqual({ status: 'failed', changed: false });
    expect(applyPaymentOutcome('pending', 'pending')).toEqual({ status: 'pending', changed: false });
  });
  it('records money that arrived after the request lapsed', () => {
    expect(applyPaymentOutcome('expired', 'paid')).toEqual({ status: 'paid', changed: true });
    expect(applyPaymentOutcome('failed', 'paid')).toEqual({ status: 'paid', changed: true });
    expect(applyPaymentOutcome('cancelled', 'expired')).toEqual({ status: 'cancelled', changed: false });
  });
  it('knows final statuses', () => {
    expect(isFinalPaymentStatus('pending')).toBe(false);
    expect(isFinalPaymentStatus('paid')).toBe(true);
  });
});
