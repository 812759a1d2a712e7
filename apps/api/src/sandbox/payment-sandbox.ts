import type http from 'node:http';
import { SIGNATURE_HEADER, signBody, verifyBodySignature } from '../integrations/webhook-signature.ts';
import { FaultQueue } from './faults.ts';

/**
 * The sandbox payment gateway (ADR 0012), mounted by sandbox-server.ts under /payment:
 *
 *   POST /payment/orders               create an order (signed, idempotent by reference) → payUrl
 *   GET  /payment/orders/<reference>   order status; also a bank transfer credited with that content
 *   GET  /payment/pay/<transactionId>  "Thanh toán thử" page: Pay / Fail buttons
 *   POST /payment/pay/<transactionId>  applies the choice, POSTs the signed IPN, redirects back
 *
 * Tests drive it directly: `complete` (the citizen paid, with or without the IPN reaching
 * Motcua), `bankTransfer` (a VietQR transfer arrived at the collection account), `signedIpn`
 * (the callback the gateway would send) and `faults` (timeouts, 5xx).
 */
export const PAYMENT_MERCHANT = 'sandbox-merchant';
export const PAYMENT_SECRET = 'sandbox-payment-gateway-secret';

export interface SandboxPaymentOrder {
  reference: string;
  transactionId: string;
  amount: number;
  description: string;
  status: 'pending' | 'paid' | 'failed' | 'expired';
  returnUrl: string;
  ipnUrl: string;
  eInvoiceNumber: string | null;
}

export interface SandboxSignedIpn {
  body: string;
  signature: string;
}

export interface PaymentSandbox {
  readonly orders: Map<string, SandboxPaymentOrder>;
  /** VietQR transfers received at the collection account: transfer content → amount. */
  readonly transfers: Map<string, number>;
  readonly faults: FaultQueue;
  readonly ipnsSent: { reference: string; status: number }[];
  /** The signed IPN the gateway would POST for an order. */
  signedIpn(
    reference: string,
    options?: { status?: 'paid' | 'failed'; amount?: number; eventId?: string; at?: Date },
  ): SandboxSignedIpn;
  /** The citizen paid (or failed); `sendIpn` POSTs the IPN to Motcua (false: the IPN is lost). */
  complete(
    reference: string,
    status: 'paid' | 'failed',
    options?: { sendIpn?: boolean },
  ): Promise<number | null>;
  /** A bank transfer with `reference` as transfer content arrived (VietQR). */
  bankTransfer(reference: string, amount: number): void;
  handle(req: http.IncomingMessage, res: http.ServerResponse, method: string, p: string): Promise<boolean>;
  clear(): void;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res: http.ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
  res.end(body);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function createPaymentSandbox(options: {
  baseUrl: () => string;
  motcuaUrl: () => string | undefined;
}): PaymentSandbox {
  const orders = new Map<string, SandboxPaymentOrder>();
  const transfers = new Map<string, number>();
  const faults = new FaultQueue();
  const ipnsSent: { reference: string; status: number }[] = [];
  let seq = 0;

  const byTransaction = (tx: string) => [...orders.values()].find((o) => o.transactionId === tx);

  async function fault(res: http.ServerResponse): Promise<boolean> {
    const f = faults.take();
    if (!f) return false;
    if (f.kind === 'delay') {
      await new Promise((r) => setTimeout(r, f.ms));
      return false;
    }
    if (f.kind === 'status') {
      send(res, f.status, f.body ?? JSON.stringify({ error: `sandbox fault ${f.status}` }));
      return true;
    }
    return false;
  }

  function isSigned(req: http.IncomingMessage, body: string): boolean {
    const header = req.headers[SIGNATURE_HEADER];
    const check = verifyBodySignature(
      PAYMENT_SECRET,
      Array.isArray(header) ? header[0] : header,
      body,
      new Date(),
      86_400 * 3650,
    );
    return check.isValid && req.headers['x-merchant'] === PAYMENT_MERCHANT;
  }

  const sandbox: PaymentSandbox = {
    orders,
    transfers,
    faults,
    ipnsSent,
    signedIpn(reference, o = {}) {
      const order = orders.get(reference);
      const at = o.at ?? new Date();
      const body = JSON.stringify({
        eventId: o.eventId ?? `ipn-${++seq}-${at.getTime()}`,
        reference,
        transactionId: order?.transactionId ?? `TX-${reference}`,
        status: o.status ?? 'paid',
        amount: o.amount ?? order?.amount ?? 0,
        eInvoiceNumber: order?.eInvoiceNumber ?? null,
      });
      return { body, signature: signBody(PAYMENT_SECRET, body, at) };
    },
    async complete(reference, status, o = {}) {
      const order = orders.get(reference);
      if (!order) throw new Error(`sandbox gateway: no order ${reference}`);
      order.status = status;
      if (status === 'paid') order.eInvoiceNumber = `HDDT-${String(++seq).padStart(7, '0')}`;
      if (o.sendIpn === false) return null;
      const call = sandbox.signedIpn(reference, { status });
      const target = options.motcuaUrl()
        ? new URL('/api/integrations/payment/ipn', options.motcuaUrl()).toString()
        : order.ipnUrl;
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: call.signature },
        body: call.body,
      }).catch(() => undefined);
      ipnsSent.push({ reference, status: res?.status ?? 0 });
      return res?.status ?? 0;
    },
    bankTransfer(reference, amount) {
      transfers.set(reference, amount);
    },
    async handle(req, res, method, p) {
      if (!p.startsWith('/payment/')) return false;
      if (method === 'POST' && p === '/payment/orders') {
        if (await fault(res)) return true;
        const raw = await readBody(req);
        if (!isSigned(req, raw)) {
          send(res, 401, JSON.stringify({ error: 'bad signature' }));
          return true;
        }
        const body = JSON.parse(raw) as Record<string, unknown>;
        const reference = str(body['reference']);
        const amount = Number(body['amount']);
        if (!reference || !Number.isSafeInteger(amount) || amount <= 0) {
          send(res, 422, JSON.stringify({ error: 'invalid order' }));
          return true;
        }
        let order = orders.get(reference);
        if (!order) {
          order = {
            reference,
            transactionId: `GW${Date.now()}${++seq}`,
            amount,
            description: str(body['description']),
            status: 'pending',
            returnUrl: str(body['returnUrl']),
            ipnUrl: str(body['ipnUrl']),
            eInvoiceNumber: null,
          };
          orders.set(reference, order);
        }
        send(
          res,
          200,
          JSON.stringify({
            transactionId: order.transactionId,
            payUrl: `${options.baseUrl()}/payment/pay/${order.transactionId}`,
          }),
        );
        return true;
      }
      const query = /^\/payment\/orders\/([^/]+)$/.exec(p);
      if (method === 'GET' && query) {
        if (await fault(res)) return true;
        if (!isSigned(req, '')) {
          send(res, 401, JSON.stringify({ error: 'bad signature' }));
          return true;
        }
        const reference = decodeURIComponent(query[1] ?? '');
        const order = orders.get(reference);
        const transfer = transfers.get(reference);
        if (order) {
          send(res, 200, JSON.stringify(order));
        } else if (transfer !== undefined) {
          send(
            res,
            200,
            JSON.stringify({
              reference,
              transactionId: `BANK-${reference}`,
              status: 'paid',
              amount: transfer,
              eInvoiceNumber: null,
            }),
          );
        } else {
          send(res, 404, JSON.stringify({ error: 'unknown order' }));
        }
        return true;
      }
      const pay = /^\/payment\/pay\/([^/]+)$/.exec(p);
      if (pay) {
        const order = byTransaction(decodeURIComponent(pay[1] ?? ''));
        if (!order) {
          send(res, 404, '<p>Không tìm thấy giao dịch / Unknown transaction</p>', 'text/html');
          return true;
        }
        if (method === 'POST') {
          const form = new URLSearchParams(await readBody(req));
          await sandbox.complete(order.reference, form.get('outcome') === 'paid' ? 'paid' : 'failed');
          res.writeHead(303, { location: order.returnUrl || '/' });
          res.end();
          return true;
        }
        send(
          res,
          200,
          `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Thanh toán thử / Test payment</title></head><body style="font:16px system-ui;max-width:40rem;margin:2rem auto">
<h1>Cổng thanh toán thử nghiệm / Sandbox payment gateway</h1>
<p>Mã giao dịch / Transaction: <b>${escapeHtml(order.transactionId)}</b><br>Nội dung / Description: ${escapeHtml(order.description)}<br>Số tiền / Amount: <b>${order.amount.toLocaleString('vi-VN')} ₫</b></p>
<p>Trạng thái / Status: ${escapeHtml(order.status)}</p>
<form method="post"><button name="outcome" value="paid">Thanh toán thử: thành công / Pay</button> <button name="outcome" value="failed">Thanh toán thử: thất bại / Fail</button></form>
</body></html>`,
          'text/html',
        );
        return true;
      }
      return false;
    },
    clear() {
      orders.clear();
      transfers.clear();
      faults.clear();
      ipnsSent.length = 0;
    },
  };
  return sandbox;
}
