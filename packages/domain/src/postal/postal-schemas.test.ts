import { describe, expect, it } from 'vitest';
import {
  canAcknowledge,
  CreatePostalOrderInput,
  ExchangeAckInput,
  nextPostalStatus,
} from './postal-schemas.ts';

describe('nextPostalStatus', () => {
  it('moves forward and never backwards', () => {
    expect(nextPostalStatus('created', 'picked_up')).toBe('picked_up');
    expect(nextPostalStatus('in_transit', 'picked_up')).toBe('in_transit');
    expect(nextPostalStatus('delivered', 'in_transit')).toBe('delivered');
    expect(nextPostalStatus('cancelled', 'picked_up')).toBe('cancelled');
  });
  it('lets a failed attempt be followed by a new attempt or the final outcome', () => {
    expect(nextPostalStatus('in_transit', 'failed')).toBe('failed');
    expect(nextPostalStatus('failed', 'in_transit')).toBe('in_transit');
    expect(nextPostalStatus('failed', 'returned')).toBe('returned');
  });
});

describe('acknowledgements', () => {
  it('go forward only', () => {
    expect(canAcknowledge('sent', 'received')).toBe(true);
    expect(canAcknowledge('received', 'accepted')).toBe(true);
    expect(canAcknowledge('received', 'received')).toBe(false);
    expect(canAcknowledge('accepted', 'rejected')).toBe(false);
    expect(canAcknowledge('queued', 'received')).toBe(false);
  });
  it('a rejection needs a reason', () => {
    expect(ExchangeAckInput.safeParse({ status: 'rejected' }).success).toBe(false);
    expect(ExchangeAckInput.safeParse({ status: 'rejected', reason: 'Thiếu hồ sơ' }).success).toBe(true);
  });
});

describe('CreatePostalOrderInput', () => {
  it('refuses a negative fee and a bad phone', () => {
    const base = { kind: 'pickup', recipientName: 'Trần Thị Bình', address: 'Số 5 Lê Lợi, Hạc Thành' };
    expect(CreatePostalOrderInput.parse(base).feeAmount).toBe(0);
    expect(CreatePostalOrderInput.safeParse({ ...base, feeAmount: -1 }).success).toBe(false);
    expect(CreatePostalOrderInput.safeParse({ ...base, recipientPhone: '123' }).success).toBe(false);
  });
});
