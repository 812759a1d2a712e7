import { PermanentDeliveryError } from '../shared/delivery-error.ts';
import { httpCall } from './http-call.ts';
import { withSlash } from './sms.adapter.ts';
import { SIGNATURE_HEADER, signBody } from './webhook-signature.ts';

/**
 * The payment gateway (a VNPay/PayOS-style collection service, ADR 0012): create an order and get
 * the page the citizen pays on, and query an order's status by our reference (the reconciliation
 * poll). The gateway also watches the collection account, so a VietQR bank transfer whose
 * transfer content is our reference is reported by the same query. Every call is signed with
 * `Motcua-Signature` (HMAC-SHA256 over the raw body, PAYMENT_GATEWAY_SECRET) and names the
 * merchant; the gateway's IPN callbacks are signed the same way.
 */
export type GatewayOrderStatus = 'pending' | 'paid' | 'failed' | 'expired';

export interface GatewayOrderRequest {
  reference: string;
  amount: number;
  description: string;
  returnUrl: string;
  ipnUrl: string;
  expiresAt: Date;
}

export interface GatewayOrderState {
  reference: string;
  transactionId: string | null;
  status: GatewayOrderStatus;
  amount: number;
  eInvoiceNumber: string | null;
}

export interface PaymentGatewayAdapter {
  createOrder(order: GatewayOrderRequest): Promise<{ transactionId: string; payUrl: string }>;
  /** The order's state; undefined when the gateway knows nothing under this reference. */
  queryOrder(reference: string): Promise<GatewayOrderState | undefined>;
}

const STATUSES: readonly string[] = ['pending', 'paid', 'failed', 'expired'];

export function createPaymentGatewayAdapter(settings: {
  url: string;
  merchant: string;
  secret: string;
  timeoutMs: number;
  now?: () => Date;
}): PaymentGatewayAdapter {
  const now = settings.now ?? (() => new Date());
  const signed = (body: string): Record<string, string> => ({
    'content-type': 'application/json',
    'x-merchant': settings.merchant,
    [SIGNATURE_HEADER]: signBody(settings.secret, body, now()),
  });
  return {
    async createOrder(order) {
      const body = JSON.stringify({
        merchant: settings.merchant,
        reference: order.reference,
        amount: order.amount,
        currency: 'VND',
        description: order.description,
        returnUrl: order.returnUrl,
        ipnUrl: order.ipnUrl,
        expiresAt: order.expiresAt.toISOString(),
      });
      const res = await httpCall(new URL('orders', withSlash(settings.url)).toString(), {
        method: 'POST',
        rawBody: body,
        headers: signed(body),
        timeoutMs: settings.timeoutMs,
        receiver: 'Payment gateway',
      });
      const answer = res.json as { transactionId?: unknown; payUrl?: unknown } | undefined;
      if (typeof answer?.transactionId !== 'string' || typeof answer.payUrl !== 'string') {
        throw new PermanentDeliveryError(`Payment gateway: unexpected answer ${res.text.slice(0, 200)}`);
      }
      return { transactionId: answer.transactionId, payUrl: answer.payUrl };
    },
    async queryOrder(reference) {
      let res;
      try {
        res = await httpCall(
          new URL(`orders/${encodeURIComponent(reference)}`, withSlash(settings.url)).toString(),
          { method: 'GET', headers: signed(''), timeoutMs: settings.timeoutMs, receiver: 'Payment gateway' },
        );
      } catch (error) {
        if (error instanceof PermanentDeliveryError && /HTTP 404/.test(error.message)) return undefined;
        throw error;
      }
      const a = res.json as Record<string, unknown> | undefined;
      if (
        typeof a?.['status'] !== 'string' ||
        !STATUSES.includes(a['status']) ||
        typeof a['amount'] !== 'number'
      ) {
        throw new Error(`Payment gateway: unexpected answer ${res.text.slice(0, 200)}`);
      }
      return {
        reference,
        transactionId: typeof a['transactionId'] === 'string' ? a['transactionId'] : null,
        status: a['status'] as GatewayOrderStatus,
        amount: a['amount'],
        eInvoiceNumber: typeof a['eInvoiceNumber'] === 'string' ? a['eInvoiceNumber'] : null,
      };
    },
  };
}
