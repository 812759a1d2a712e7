import { PermanentDeliveryError } from '../shared/delivery-error.ts';
import { httpCall } from './http-call.ts';
import { withSlash } from './sms.adapter.ts';

/**
 * The postal carrier (VNPost-style order API): create a pickup or delivery order and get its
 * waybill number (số vận đơn), cancel an order. Status changes come back through the carrier's
 * signed webhook (`POST /api/integrations/postal/events`). The order id is sent as `reference`
 * so the carrier answers a retried creation with the waybill it already issued.
 */
export interface PostalOrderRequest {
  reference: string;
  kind: 'pickup' | 'delivery';
  dossierCode: string;
  recipientName: string;
  recipientPhone: string | null;
  address: string;
  feeAmount: number;
  note: string | null;
  /** Sender (pickup: where the papers go; delivery: where the parcel comes from). */
  officeName: string;
}

export interface PostalAdapter {
  createOrder(order: PostalOrderRequest): Promise<{ waybillNumber: string }>;
  cancelOrder(waybillNumber: string): Promise<void>;
}

export function createPostalAdapter(settings: {
  url: string;
  token: string | undefined;
  timeoutMs: number;
}): PostalAdapter {
  const headers: Record<string, string> = settings.token ? { authorization: `Bearer ${settings.token}` } : {};
  return {
    async createOrder(order) {
      const res = await httpCall(new URL('orders', withSlash(settings.url)).toString(), {
        body: {
          reference: order.reference,
          service: order.kind === 'pickup' ? 'THU_GOM' : 'PHAT_HANH_CHINH_CONG',
          dossierCode: order.dossierCode,
          receiver: { name: order.recipientName, phone: order.recipientPhone, address: order.address },
          sender: { name: order.officeName },
          codAmount: 0,
          feeAmount: order.feeAmount,
          note: order.note,
        },
        headers,
        timeoutMs: settings.timeoutMs,
        receiver: 'Postal carrier',
      });
      const answer = res.json as { waybillNumber?: unknown } | undefined;
      if (typeof answer?.waybillNumber !== 'string' || answer.waybillNumber === '') {
        throw new PermanentDeliveryError(`Postal carrier: unexpected answer ${res.text.slice(0, 200)}`);
      }
      return { waybillNumber: answer.waybillNumber };
    },
    async cancelOrder(waybillNumber) {
      await httpCall(
        new URL(`orders/${encodeURIComponent(waybillNumber)}/cancel`, withSlash(settings.url)).toString(),
        { method: 'POST', body: {}, headers, timeoutMs: settings.timeoutMs, receiver: 'Postal carrier' },
      );
    },
  };
}
