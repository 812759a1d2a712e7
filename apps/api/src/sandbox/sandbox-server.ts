import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signBody } from '../integrations/webhook-signature.ts';
import { zaloMac } from '../integrations/zalo-signature.ts';
import { FaultQueue, type Fault } from './faults.ts';
import {
  PAYMENT_MERCHANT,
  PAYMENT_SECRET,
  createPaymentSandbox,
  type PaymentSandbox,
} from './payment-sandbox.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

/**
 * The loopback sandbox: real servers that stand in for the province's outside partners in tests
 * and in the demo. They speak the same protocols as the real ones (SMTP; the HTTP APIs of the
 * adapters), keep what they receive in memory and show it on small pages (the mail viewer), and
 * can be told to fail (`faults`) the way real receivers fail.
 *
 *   SMTP  smtp://127.0.0.1:<smtpPort>         mail catcher       → GET /mail (viewer)
 *   HTTP  POST /sms/messages                   SMS gateway        → GET /sms
 *         POST /zalo/message/template | /cs    Zalo OA API        → GET /zalo
 *         GET  /population/persons/<idNumber>  population registry (CSDL dân cư), demo persons
 *         POST /postal/orders | /orders/<waybill>/cancel  postal carrier → GET /postal (advance a waybill)
 *         POST /exchange/documents | /documents/<id>/acks  document exchange hub → GET /exchange
 *         GET  /exchange/documents/<id>/attachments/<attachment id>  attachment bytes of a pushed document
 */
export interface SandboxSms {
  id: string;
  receivedAt: Date;
  to: string;
  from: string;
  text: string;
  reference: string;
  authorization: string | undefined;
}

export interface SandboxChat {
  id: string;
  receivedAt: Date;
  kind: 'template' | 'text';
  phone: string | undefined;
  userId: string | undefined;
  templateId: string | undefined;
  data: Record<string, string>;
  text: string | undefined;
  trackingId: string | undefined;
  accessToken: string | undefined;
}

export interface SandboxPortalPush {
  receivedAt: Date;
  record: Record<string, unknown>;
  authorization: string | undefined;
}

export interface SandboxHook {
  receivedAt: Date;
  name: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface SandboxPopulationLookup {
  receivedAt: Date;
  idNumber: string;
  authorization: string | undefined;
}

/** A person record as the population registry answers it (field names of the registry API). */
export interface SandboxPerson {
  soDinhDanh: string;
  hoVaTen: string;
  ngaySinh: string;
  gioiTinh: 'Nam' | 'Nữ';
  noiThuongTru: string;
  quocTich: string;
}

/** Demo persons of the sandbox population registry (12-digit citizen ID numbers). */
export const SANDBOX_PERSONS: readonly SandboxPerson[] = [
  {
    soDinhDanh: '038090001234',
    hoVaTen: 'Nguyễn Văn An',
    ngaySinh: '1990-04-12',
    gioiTinh: 'Nam',
    noiThuongTru: 'Số 12 Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa',
    quocTich: 'Việt Nam',
  },
  {
    soDinhDanh: '038185002345',
    hoVaTen: 'Lê Thị Bình',
    ngaySinh: '1985-09-30',
    gioiTinh: 'Nữ',
    noiThuongTru: 'Thôn Đông, xã Quảng Phú, tỉnh Thanh Hóa',
    quocTich: 'Việt Nam',
  },
  {
    soDinhDanh: '038072003456',
    hoVaTen: 'Trần Minh Cường',
    ngaySinh: '1972-01-05',
    gioiTinh: 'Nam',
    noiThuongTru: 'Số 5 Trần Phú, phường Sầm Sơn, tỉnh Thanh Hóa',
    quocTich: 'Việt Nam',
  },
];

/** An order the sandbox carrier created (VNPost-style order API). */
export interface SandboxPostalOrder {
  waybillNumber: string;
  reference: string;
  receivedAt: Date;
  body: Record<string, unknown>;
  status: string;
  isCancelled: boolean;
  authorization: string | undefined;
}

/** A document the sandbox exchange hub took from Motcua, with the acknowledgements it received. */
export interface SandboxExchangeDocument {
  id: string;
  reference: string;
  receivedAt: Date;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

/** A signed request the sandbox makes to Motcua (carrier event, hub push): body and signature header. */
export interface SandboxSignedCall {
  body: string;
  signature: string;
}

interface Service<T> {
  readonly received: T[];
  readonly faults: FaultQueue;
}

export interface Sandbox {
  readonly baseUrl: string;
  readonly mail: SmtpSink;
  readonly sms: Service<SandboxSms>;
  readonly zalo: Service<SandboxChat>;
  /** National portal: every push, and the latest record per dossier code. */
  readonly portal: Service<SandboxPortalPush> & { readonly records: Map<string, Record<string, unknown>> };
  /** Webhook receivers: POST /hooks/<name>. */
  readonly hooks: Service<SandboxHook>;
  /** Population registry: every lookup (ID number, token) and the demo persons it knows. */
  readonly population: Service<SandboxPopulationLookup> & {
    readonly persons: Map<string, SandboxPerson>;
  };
  /** Postal carrier: orders by waybill, cancellations, and signed status events back to Motcua. */
  readonly postal: Service<SandboxPostalOrder> & {
    readonly orders: Map<string, SandboxPostalOrder>;
    readonly cancelled: string[];
    /** The signed status event the carrier would POST for a waybill (tests inject it). */
    signedEvent(
      waybillNumber: string,
      status: string,
      options?: { eventId?: string; note?: string; location?: string; at?: Date },
    ): SandboxSignedCall;
    /** Advances a waybill: POSTs the signed event to Motcua (needs setMotcuaUrl); the HTTP status. */
    advance(waybillNumber: string, status: string): Promise<number>;
  };
  /** Document exchange hub: documents from Motcua, acknowledgements, signed pushes back. */
  readonly exchange: Service<SandboxExchangeDocument> & {
    readonly acks: { id: string; status: string; reason: string | null }[];
    /** A signed push of the hub (a document for a unit of ours, or an acknowledgement). */
    signedPush(payload: Record<string, unknown>, at?: Date): SandboxSignedCall;
    /** POSTs a signed push to Motcua (needs setMotcuaUrl); the HTTP status. */
    push(payload: Record<string, unknown>): Promise<number>;
    /** Attachment bytes served at GET /exchange/documents/<id>/attachments/<attachment id>. */
    readonly attachments: Map<string, { contentType: string; data: Buffer }>;
    /** Every attachment download (document id, attachment id, token). */
    readonly attachmentDownloads: {
      documentId: string;
      attachmentId: string;
      authorization: string | undefined;
    }[];
    /** Serves an attachment of a hub document; answers its listing for a push (with size and SHA-256). */
    offerAttachment(
      documentId: string,
      attachment: { id: string; name: string; contentType: string; data: Buffer },
    ): { id: string; name: string; contentType: string; size: number; sha256: string };
  };
  /** Payment gateway and VietQR collection account (ADR 0012), see payment-sandbox.ts. */
  readonly payment: PaymentSandbox;
  /** Configuration values that point the adapters at this sandbox. */
  readonly settings: {
    SMTP_URL: string;
    SMS_GATEWAY_URL: string;
    SMS_GATEWAY_TOKEN: string;
    ZALO_API_URL: string;
    ZALO_ACCESS_TOKEN: string;
    NATIONAL_PORTAL_URL: string;
    NATIONAL_PORTAL_TOKEN: string;
    ZALO_APP_ID: string;
    ZALO_OA_SECRET: string;
    POPULATION_REGISTRY_URL: string;
    POPULATION_REGISTRY_TOKEN: string;
    POSTAL_CARRIER_URL: string;
    POSTAL_CARRIER_TOKEN: string;
    POSTAL_WEBHOOK_SECRET: string;
    DOCUMENT_EXCHANGE_URL: string;
    DOCUMENT_EXCHANGE_TOKEN: string;
    DOCUMENT_EXCHANGE_INBOUND_SECRET: string;
    PAYMENT_GATEWAY_URL: string;
    PAYMENT_GATEWAY_MERCHANT: string;
    PAYMENT_GATEWAY_SECRET: string;
    VIETQR_BANK_BIN: string;
    VIETQR_ACCOUNT_NUMBER: string;
    VIETQR_ACCOUNT_NAME: string;
  };
  /** Where the simulated chat page sends citizens' messages (the Motcua server). */
  setMotcuaUrl(url: string): void;
  /** Sends a signed Zalo "user_send_text" event to Motcua, as a citizen writing to the OA. */
  simulateChat(input: { userId: string; text: string }): Promise<number>;
  readonly mailViewerUrl: string;
  clearAll(): void;
  close(): Promise<void>;
}

const SMS_TOKEN = 'sandbox-sms-token';
const ZALO_TOKEN = 'sandbox-zalo-token';
const PORTAL_TOKEN = 'sandbox-portal-token';
const ZALO_APP_ID = 'sandbox-zalo-app';
const ZALO_OA_SECRET = 'sandbox-zalo-oa-secret';
const POPULATION_TOKEN = 'sandbox-population-token';
const POSTAL_TOKEN = 'sandbox-postal-token';
const POSTAL_WEBHOOK_SECRET = 'sandbox-postal-webhook-secret';
const EXCHANGE_TOKEN = 'sandbox-exchange-token';
const EXCHANGE_INBOUND_SECRET = 'sandbox-exchange-inbound-secret';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}
a{color:#0b4f9c}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}
pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem}.muted{color:#555}nav a{margin-right:1rem}
</style></head><body><nav><a href="/">Hộp thư thử nghiệm / Sandbox</a><a href="/mail">E-mail</a><a href="/sms">SMS</a><a href="/zalo">Zalo</a><a href="/postal">Bưu chính</a><a href="/exchange">Liên thông</a></nav>
<h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function fmt(d: Date): string {
  return d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
}

async function readBody(req: http.IncomingMessage, limit = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A string field of a JSON body ('' when absent or not a string). */
function field(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function send(res: http.ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
  res.end(body);
}

/** Applies a scripted fault; true when the request was answered (failed) by it. */
async function applyFault(fault: Fault | undefined, res: http.ServerResponse): Promise<boolean> {
  if (!fault) return false;
  if (fault.kind === 'delay') {
    await new Promise((r) => setTimeout(r, fault.ms));
    return false;
  }
  if (fault.kind === 'status') {
    send(res, fault.status, fault.body ?? JSON.stringify({ error: `sandbox fault ${fault.status}` }));
    return true;
  }
  return false;
}

export async function startSandbox(
  options: { host?: string; httpPort?: number; smtpPort?: number } = {},
): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const mail = await startSmtpSink({ host, port: options.smtpPort ?? 0 });
  const sms: Service<SandboxSms> = { received: [], faults: new FaultQueue() };
  const zalo: Service<SandboxChat> = { received: [], faults: new FaultQueue() };
  const portal = {
    received: [] as SandboxPortalPush[],
    faults: new FaultQueue(),
    records: new Map<string, Record<string, unknown>>(),
  };
  const hooks: Service<SandboxHook> = { received: [], faults: new FaultQueue() };
  const population = {
    received: [] as SandboxPopulationLookup[],
    faults: new FaultQueue(),
    persons: new Map(SANDBOX_PERSONS.map((p) => [p.soDinhDanh, p])),
  };
  let seq = 0;
  let motcuaUrl: string | undefined;
  const payment = createPaymentSandbox({ baseUrl: () => baseUrl, motcuaUrl: () => motcuaUrl });

  // Postal carrier and document exchange hub (ADR 0014).
  const postalOrders = new Map<string, SandboxPostalOrder>();
  const postal = {
    received: [] as SandboxPostalOrder[],
    faults: new FaultQueue(),
    orders: postalOrders,
    cancelled: [] as string[],
    signedEvent(
      waybillNumber: string,
      status: string,
      options: { eventId?: string; note?: string; location?: string; at?: Date } = {},
    ): SandboxSignedCall {
      const at = options.at ?? new Date();
      const body = JSON.stringify({
        eventId: options.eventId ?? `vnp-${++seq}-${at.getTime()}`,
        waybillNumber,
        status,
        occurredAt: at.toISOString(),
        ...(options.note ? { note: options.note } : {}),
        ...(options.location ? { location: options.location } : {}),
      });
      return { body, signature: signBody(POSTAL_WEBHOOK_SECRET, body, at) };
    },
    async advance(waybillNumber: string, status: string): Promise<number> {
      if (!motcuaUrl) throw new Error('The sandbox does not know the Motcua URL');
      const order = postalOrders.get(waybillNumber);
      if (order) order.status = status;
      const call = postal.signedEvent(waybillNumber, status, {
        location: 'Bưu cục thử nghiệm / sandbox office',
      });
      const res = await fetch(new URL('/api/integrations/postal/events', motcuaUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'motcua-signature': call.signature },
        body: call.body,
      });
      return res.status;
    },
  };
  const exchange = {
    received: [] as SandboxExchangeDocument[],
    faults: new FaultQueue(),
    acks: [] as { id: string; status: string; reason: string | null }[],
    signedPush(payload: Record<string, unknown>, at = new Date()): SandboxSignedCall {
      const body = JSON.stringify(payload);
      return { body, signature: signBody(EXCHANGE_INBOUND_SECRET, body, at) };
    },
    attachments: new Map<string, { contentType: string; data: Buffer }>(),
    attachmentDownloads: [] as {
      documentId: string;
      attachmentId: string;
      authorization: string | undefined;
    }[],
    offerAttachment(
      documentId: string,
      attachment: { id: string; name: string; contentType: string; data: Buffer },
    ) {
      exchange.attachments.set(`${documentId}/${attachment.id}`, {
        contentType: attachment.contentType,
        data: attachment.data,
      });
      return {
        id: attachment.id,
        name: attachment.name,
        contentType: attachment.contentType,
        size: attachment.data.length,
        sha256: crypto.createHash('sha256').update(attachment.data).digest('hex'),
      };
    },
    async push(payload: Record<string, unknown>): Promise<number> {
      if (!motcuaUrl) throw new Error('The sandbox does not know the Motcua URL');
      const call = exchange.signedPush(payload);
      const res = await fetch(new URL('/api/integrations/exchange/inbound', motcuaUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'motcua-signature': call.signature },
        body: call.body,
      });
      return res.status;
    },
  };

  /** Routes of the carrier and the hub; true when the request was theirs. */
  async function handlePostalAndExchange(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    method: string,
    p: string,
    url: URL,
  ): Promise<boolean> {
    if (method === 'POST' && p === '/postal/orders') {
      if (await applyFault(postal.faults.take(), res)) return true;
      if (req.headers.authorization !== `Bearer ${POSTAL_TOKEN}`) {
        send(res, 401, JSON.stringify({ error: 'bad token' }));
        return true;
      }
      const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      const reference = field(body, 'reference');
      const receiver = (body['receiver'] ?? {}) as Record<string, unknown>;
      if (!reference || !field(receiver, 'address')) {
        send(res, 422, JSON.stringify({ error: 'reference and receiver.address are required' }));
        return true;
      }
      const known = [...postalOrders.values()].find((o) => o.reference === reference);
      if (known) {
        send(res, 200, JSON.stringify({ waybillNumber: known.waybillNumber, duplicate: true }));
        return true;
      }
      const order: SandboxPostalOrder = {
        waybillNumber: `EK${String(100000000 + ++seq).slice(1)}VN`,
        reference,
        receivedAt: new Date(),
        body,
        status: 'created',
        isCancelled: false,
        authorization: req.headers.authorization,
      };
      postalOrders.set(order.waybillNumber, order);
      postal.received.push(order);
      send(res, 200, JSON.stringify({ waybillNumber: order.waybillNumber }));
      return true;
    }
    const cancel = /^\/postal\/orders\/([^/]+)\/cancel$/.exec(p);
    if (method === 'POST' && cancel) {
      if (await applyFault(postal.faults.take(), res)) return true;
      if (req.headers.authorization !== `Bearer ${POSTAL_TOKEN}`) {
        send(res, 401, JSON.stringify({ error: 'bad token' }));
        return true;
      }
      const order = postalOrders.get(decodeURIComponent(cancel[1] ?? ''));
      if (!order) {
        send(res, 404, JSON.stringify({ error: 'unknown waybill' }));
        return true;
      }
      if (!order.isCancelled) postal.cancelled.push(order.waybillNumber);
      order.isCancelled = true;
      order.status = 'cancelled';
      send(res, 200, JSON.stringify({ ok: true }));
      return true;
    }
    if (method === 'POST' && p === '/postal/advance') {
      const form = new URLSearchParams(await readBody(req));
      const status = await postal
        .advance(form.get('waybillNumber') ?? '', form.get('status') ?? '')
        .catch(() => 0);
      res.writeHead(303, { location: `/postal?sent=${status}` });
      res.end();
      return true;
    }
    if (method === 'POST' && p === '/exchange/documents') {
      if (await applyFault(exchange.faults.take(), res)) return true;
      if (req.headers.authorization !== `Bearer ${EXCHANGE_TOKEN}`) {
        send(res, 401, JSON.stringify({ error: 'bad token' }));
        return true;
      }
      const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      const reference = field(body, 'reference');
      if (!reference || !field(body, 'recipientAgencyCode')) {
        send(res, 422, JSON.stringify({ error: 'reference and recipientAgencyCode are required' }));
        return true;
      }
      if (field(body, 'recipientAgencyCode') === 'UNKNOWN.AGENCY') {
        send(res, 422, JSON.stringify({ error: 'unknown recipient agency' }));
        return true;
      }
      const known = exchange.received.find((d) => d.reference === reference);
      if (known) {
        send(res, 200, JSON.stringify({ id: known.id, duplicate: true }));
        return true;
      }
      const doc: SandboxExchangeDocument = {
        id: `lgsp-${++seq}`,
        reference,
        receivedAt: new Date(),
        body,
        authorization: req.headers.authorization,
      };
      exchange.received.push(doc);
      send(res, 200, JSON.stringify({ id: doc.id }));
      return true;
    }
    const ack = /^\/exchange\/documents\/([^/]+)\/acks$/.exec(p);
    if (method === 'POST' && ack) {
      if (await applyFault(exchange.faults.take(), res)) return true;
      if (req.headers.authorization !== `Bearer ${EXCHANGE_TOKEN}`) {
        send(res, 401, JSON.stringify({ error: 'bad token' }));
        return true;
      }
      const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      exchange.acks.push({
        id: decodeURIComponent(ack[1] ?? ''),
        status: field(body, 'status'),
        reason: field(body, 'reason') || null,
      });
      send(res, 200, JSON.stringify({ ok: true }));
      return true;
    }
    const attachment = /^\/exchange\/documents\/([^/]+)\/attachments\/([^/]+)$/.exec(p);
    if (method === 'GET' && attachment) {
      if (await applyFault(exchange.faults.take(), res)) return true;
      const documentId = decodeURIComponent(attachment[1] ?? '');
      const attachmentId = decodeURIComponent(attachment[2] ?? '');
      exchange.attachmentDownloads.push({
        documentId,
        attachmentId,
        authorization: req.headers.authorization,
      });
      if (req.headers.authorization !== `Bearer ${EXCHANGE_TOKEN}`) {
        send(res, 401, JSON.stringify({ error: 'bad token' }));
        return true;
      }
      const file = exchange.attachments.get(`${documentId}/${attachmentId}`);
      if (!file) {
        send(res, 404, JSON.stringify({ error: 'unknown attachment' }));
        return true;
      }
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.data.length });
      res.end(file.data);
      return true;
    }
    if (method === 'POST' && p === '/exchange/simulate') {
      const form = new URLSearchParams(await readBody(req));
      const payload: Record<string, unknown> =
        form.get('type') === 'ack'
          ? {
              type: 'ack',
              id: form.get('id') ?? '',
              status: form.get('status') ?? 'received',
              ...(form.get('reason') ? { reason: form.get('reason') } : {}),
            }
          : {
              type: 'document',
              id: `lgsp-in-${++seq}`,
              senderAgencyCode: form.get('senderAgencyCode') || 'G01.BTP',
              senderName: form.get('senderName') || 'Cơ quan ngoài tỉnh (thử nghiệm)',
              recipientAgencyCode: form.get('recipientAgencyCode') ?? '',
              documentNumber: form.get('documentNumber') || `${seq}/CV-TN`,
              summary: form.get('summary') || 'Văn bản thử nghiệm / sandbox document',
              ...(form.get('dossierCode') ? { dossierCode: form.get('dossierCode') } : {}),
            };
      if (payload['type'] === 'document') {
        // The simulated document carries one PDF, fetched by Motcua from this hub afterwards.
        payload['attachments'] = [
          exchange.offerAttachment(String(payload['id']), {
            id: 'van-ban',
            name: `${String(payload['documentNumber']).replace(/[^\w.-]+/g, '-')}.pdf`,
            contentType: 'application/pdf',
            data: Buffer.from(
              `%PDF-1.4\n% ${String(payload['documentNumber'])}: ${String(payload['summary'])}\n%%EOF\n`,
              'utf8',
            ),
          }),
        ];
      }
      const status = await exchange.push(payload).catch(() => 0);
      res.writeHead(303, { location: `/exchange?sent=${status}` });
      res.end();
      return true;
    }
    if (method === 'GET' && p === '/api/postal') {
      send(res, 200, JSON.stringify([...postalOrders.values()]));
      return true;
    }
    if (method === 'GET' && p === '/api/exchange') {
      send(res, 200, JSON.stringify({ documents: exchange.received, acks: exchange.acks }));
      return true;
    }
    const sent = url.searchParams.get('sent')
      ? `<p>Đã gửi, Motcua trả lời HTTP ${escapeHtml(url.searchParams.get('sent') ?? '')}. / Sent; Motcua answered.</p>`
      : '';
    if (method === 'GET' && p === '/postal') {
      const options = ['picked_up', 'in_transit', 'delivered', 'failed', 'returned']
        .map((s) => `<option>${s}</option>`)
        .join('');
      const rows = [...postalOrders.values()]
        .reverse()
        .map((o) => {
          const receiver = (o.body['receiver'] ?? {}) as Record<string, unknown>;
          return `<tr><td>${escapeHtml(o.waybillNumber)}</td><td>${escapeHtml(field(o.body, 'service'))}<br>${escapeHtml(field(o.body, 'dossierCode'))}</td><td>${escapeHtml(field(receiver, 'name'))}<br>${escapeHtml(field(receiver, 'address'))}</td><td>${escapeHtml(o.status)}</td>
<td><form method="post" action="/postal/advance"><input type="hidden" name="waybillNumber" value="${escapeHtml(o.waybillNumber)}"><label>Trạng thái / Status <select name="status">${options}</select></label> <button>Gửi sự kiện / Send event</button></form></td></tr>`;
        })
        .join('');
      send(
        res,
        200,
        page(
          'Bưu chính thử nghiệm / Sandbox carrier',
          sent +
            (rows
              ? `<table><thead><tr><th>Số vận đơn / Waybill</th><th>Dịch vụ, hồ sơ / Service, dossier</th><th>Người nhận / Receiver</th><th>Trạng thái / Status</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
              : '<p>Chưa có đơn nào. / No orders yet.</p>'),
        ),
        'text/html',
      );
      return true;
    }
    if (method === 'GET' && p === '/exchange') {
      const rows = [...exchange.received]
        .reverse()
        .map(
          (d) =>
            `<tr><td>${escapeHtml(d.id)}</td><td>${escapeHtml(field(d.body, 'documentNumber'))}<br>${escapeHtml(field(d.body, 'summary'))}</td><td>${escapeHtml(field(d.body, 'senderAgencyCode'))} → ${escapeHtml(field(d.body, 'recipientAgencyCode'))}</td>
<td><form method="post" action="/exchange/simulate"><input type="hidden" name="type" value="ack"><input type="hidden" name="id" value="${escapeHtml(d.id)}"><select name="status"><option>received</option><option>accepted</option><option>rejected</option></select> <input name="reason" placeholder="Lý do / reason"> <button>Xác nhận / Acknowledge</button></form></td></tr>`,
        )
        .join('');
      send(
        res,
        200,
        page(
          'Trục liên thông văn bản thử nghiệm / Sandbox exchange hub',
          sent +
            `<form method="post" action="/exchange/simulate"><h2>Gửi văn bản tới Motcua / Send a document to Motcua</h2><input type="hidden" name="type" value="document">
<p><label>Mã định danh đơn vị nhận / Recipient agency code<br><input name="recipientAgencyCode" required></label></p>
<p><label>Số, ký hiệu / Number<br><input name="documentNumber"></label></p><p><label>Trích yếu / Summary<br><input name="summary" size="60"></label></p>
<p><label>Mã hồ sơ (nếu có) / Dossier code<br><input name="dossierCode"></label></p><p><button>Gửi / Send</button></p></form>` +
            (rows
              ? `<h2>Văn bản nhận từ Motcua / Documents from Motcua</h2><table><thead><tr><th>Mã / Id</th><th>Văn bản / Document</th><th>Gửi → nhận / From → to</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
              : '<p>Chưa có văn bản nào từ Motcua. / No documents from Motcua yet.</p>'),
        ),
        'text/html',
      );
      return true;
    }
    return false;
  }

  async function simulateChat(input: { userId: string; text: string }): Promise<number> {
    if (!motcuaUrl) throw new Error('The sandbox does not know the Motcua URL');
    const timestamp = String(Date.now());
    const body = JSON.stringify({
      app_id: ZALO_APP_ID,
      event_name: 'user_send_text',
      timestamp,
      sender: { id: input.userId },
      recipient: { id: 'oa-motcua' },
      message: { msg_id: `sim-${++seq}-${timestamp}`, text: input.text },
    });
    const res = await fetch(new URL('/api/integrations/chat/zalo', motcuaUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-zevent-signature': `mac=${zaloMac(ZALO_APP_ID, body, timestamp, ZALO_OA_SECRET)}`,
      },
      body,
    });
    return res.status;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const p = url.pathname;

    if (method === 'POST' && p === '/sms/messages') {
      const fault = sms.faults.take();
      if (await applyFault(fault, res)) return;
      const auth = req.headers.authorization;
      if (auth !== `Bearer ${SMS_TOKEN}`) return send(res, 401, JSON.stringify({ error: 'bad token' }));
      const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      const to = field(body, 'to');
      if (!/^84\d{9,10}$/.test(to)) return send(res, 422, JSON.stringify({ error: 'invalid number' }));
      const reference = field(body, 'reference');
      const existing = sms.received.find((m) => m.reference === reference && reference !== '');
      if (existing) return send(res, 200, JSON.stringify({ id: existing.id, duplicate: true }));
      const message: SandboxSms = {
        id: `sms-${++seq}`,
        receivedAt: new Date(),
        to,
        from: field(body, 'from'),
        text: field(body, 'text'),
        reference,
        authorization: auth,
      };
      sms.received.push(message);
      return send(res, 200, JSON.stringify({ id: message.id }));
    }

    if (method === 'POST' && (p === '/zalo/message/template' || p === '/zalo/message/cs')) {
      const fault = zalo.faults.take();
      if (await applyFault(fault, res)) return;
      if (fault?.kind === 'provider-error') {
        return send(res, 200, JSON.stringify({ error: fault.code, message: fault.message }));
      }
      if (req.headers['access_token'] !== ZALO_TOKEN) {
        return send(res, 200, JSON.stringify({ error: -124, message: 'Access token is invalid' }));
      }
      const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      const isTemplate = p.endsWith('template');
      const trackingId = isTemplate ? field(body, 'tracking_id') : undefined;
      const existing = trackingId ? zalo.received.find((m) => m.trackingId === trackingId) : undefined;
      if (existing)
        return send(
          res,
          200,
          JSON.stringify({ error: 0, message: 'Success', data: { msg_id: existing.id } }),
        );
      const recipient = body['recipient'] as { user_id?: string } | undefined;
      const message = body['message'] as { text?: string } | undefined;
      const item: SandboxChat = {
        id: `zalo-${++seq}`,
        receivedAt: new Date(),
        kind: isTemplate ? 'template' : 'text',
        phone: isTemplate ? field(body, 'phone') : undefined,
        userId: recipient?.user_id,
        templateId: isTemplate ? field(body, 'template_id') : undefined,
        data: isTemplate ? ((body['template_data'] as Record<string, string>) ?? {}) : {},
        text: message?.text,
        trackingId,
        accessToken: String(req.headers['access_token'] ?? ''),
      };
      zalo.received.push(item);
      return send(res, 200, JSON.stringify({ error: 0, message: 'Success', data: { msg_id: item.id } }));
    }

    if (method === 'POST' && p === '/national/dossiers/sync') {
      const fault = portal.faults.take();
      if (await applyFault(fault, res)) return;
      if (req.headers.authorization !== `Bearer ${PORTAL_TOKEN}`) {
        return send(res, 401, JSON.stringify({ error: 'bad token' }));
      }
      const record = JSON.parse(await readBody(req)) as Record<string, unknown>;
      const code = field(record, 'MaHoSo');
      const status = record['TrangThaiHoSo'];
      const version = record['PhienBan'];
      if (!code || typeof status !== 'number' || status < 1 || status > 10 || typeof version !== 'number') {
        return send(res, 422, JSON.stringify({ error: 'invalid record' }));
      }
      portal.received.push({ receivedAt: new Date(), record, authorization: req.headers.authorization });
      const known = portal.records.get(code);
      // Like the real portal: an older version arriving late changes nothing.
      if (!known || (known['PhienBan'] as number) < version) portal.records.set(code, record);
      const kept = portal.records.get(code) ?? record;
      return send(res, 200, JSON.stringify({ ok: true, version: kept['PhienBan'] }));
    }

    const person = /^\/population\/persons\/([^/]+)$/.exec(p);
    if (method === 'GET' && person) {
      const fault = population.faults.take();
      if (await applyFault(fault, res)) return;
      const idNumber = decodeURIComponent(person[1] ?? '');
      population.received.push({
        receivedAt: new Date(),
        idNumber,
        authorization: req.headers.authorization,
      });
      if (req.headers.authorization !== `Bearer ${POPULATION_TOKEN}`) {
        return send(res, 401, JSON.stringify({ error: 'bad token' }));
      }
      if (!/^\d{12}$/.test(idNumber)) return send(res, 400, JSON.stringify({ error: 'invalid id number' }));
      const found = population.persons.get(idNumber);
      if (!found) return send(res, 404, JSON.stringify({ error: 'not found' }));
      return send(res, 200, JSON.stringify(found));
    }

    if (await payment.handle(req, res, method, p)) return;
    if (await handlePostalAndExchange(req, res, method, p, url)) return;

    const hook = /^\/hooks\/([a-z0-9-]{1,40})$/.exec(p);
    if (method === 'POST' && hook) {
      const fault = hooks.faults.take();
      if (await applyFault(fault, res)) return;
      hooks.received.push({
        receivedAt: new Date(),
        name: hook[1] ?? '',
        headers: req.headers,
        body: await readBody(req),
      });
      return send(res, 200, JSON.stringify({ received: true }));
    }

    if (method === 'POST' && p === '/zalo/simulate') {
      const form = new URLSearchParams(await readBody(req));
      const status = await simulateChat({
        userId: form.get('userId') || 'zalo-demo-user',
        text: form.get('text') ?? '',
      }).catch(() => 0);
      res.writeHead(303, { location: `/zalo?sent=${status}` });
      res.end();
      return;
    }

    if (method !== 'GET') return send(res, 404, JSON.stringify({ error: 'not found' }));

    if (p === '/' || p === '') {
      return send(
        res,
        200,
        page(
          'Hộp thư thử nghiệm / Sandbox',
          `<p>Máy chủ giả lập trên máy này, thay cho các đối tác bên ngoài khi chạy thử.<br><span class="muted">Local stand-ins for outside partners (demo and tests).</span></p>
<ul><li><a href="/mail">E-mail đã gửi (${mail.messages.length})</a> — SMTP ${escapeHtml(mail.url)}</li>
<li><a href="/sms">Tin nhắn SMS (${sms.received.length})</a></li><li><a href="/zalo">Tin nhắn Zalo (${zalo.received.length})</a></li>
<li><a href="/api/national">Cổng DVC quốc gia: ${portal.records.size} hồ sơ đã đồng bộ / national portal records</a></li>
<li><a href="/api/hooks">Webhook đã nhận (${hooks.received.length}) / webhooks received</a></li></ul>`,
        ),
        'text/html',
      );
    }
    if (p === '/api/mail') {
      return send(
        res,
        200,
        JSON.stringify(
          mail.messages.map((m) => ({
            id: m.id,
            receivedAt: m.receivedAt,
            to: m.to,
            subject: m.subject,
            text: m.text,
            attachments: m.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              size: a.size,
            })),
          })),
        ),
      );
    }
    if (p === '/api/sms') return send(res, 200, JSON.stringify(sms.received));
    if (p === '/api/zalo') return send(res, 200, JSON.stringify(zalo.received));
    if (p === '/api/national') return send(res, 200, JSON.stringify([...portal.records.values()]));
    if (p === '/api/hooks') return send(res, 200, JSON.stringify(hooks.received));
    if (p === '/mail') {
      const rows = [...mail.messages]
        .reverse()
        .map(
          (m) =>
            `<tr><td>${fmt(m.receivedAt)}</td><td>${escapeHtml(m.to.join(', '))}</td><td><a href="/mail/${m.id}">${escapeHtml(m.subject || '(không tiêu đề)')}</a></td><td>${m.attachments.length}</td></tr>`,
        )
        .join('');
      return send(
        res,
        200,
        page(
          'E-mail đã gửi / Mail catcher',
          rows
            ? `<table><thead><tr><th>Lúc / At</th><th>Đến / To</th><th>Tiêu đề / Subject</th><th>Tệp / Files</th></tr></thead><tbody>${rows}</tbody></table>`
            : '<p>Chưa có e-mail nào. / No mail yet.</p>',
        ),
        'text/html',
      );
    }
    const mailMatch = /^\/mail\/(\d+)(?:\/attachments\/(\d+))?$/.exec(p);
    if (mailMatch) {
      const m = mail.messages.find((x) => x.id === Number(mailMatch[1]));
      if (!m) return send(res, 404, page('Không tìm thấy / Not found', ''), 'text/html');
      if (mailMatch[2] !== undefined) {
        const a = m.attachments[Number(mailMatch[2])];
        if (!a) return send(res, 404, 'not found', 'text/plain');
        res.writeHead(200, {
          'content-type': a.contentType,
          'content-disposition': `inline; filename="${encodeURIComponent(a.filename)}"`,
        });
        res.end(a.content);
        return;
      }
      const files = m.attachments
        .map(
          (a, i) =>
            `<li><a href="/mail/${m.id}/attachments/${i}">${escapeHtml(a.filename)}</a> (${a.size} B)</li>`,
        )
        .join('');
      return send(
        res,
        200,
        page(
          m.subject,
          `<p>Đến / To: ${escapeHtml(m.to.join(', '))}<br>Từ / From: ${escapeHtml(m.from)}<br>Lúc / At: ${fmt(m.receivedAt)}</p>
<pre>${escapeHtml(m.text)}</pre>${files ? `<h2>Tệp đính kèm / Attachments</h2><ul>${files}</ul>` : ''}`,
        ),
        'text/html',
      );
    }
    if (p === '/sms' || p === '/zalo') {
      const list: { at: Date; to: string; text: string }[] =
        p === '/sms'
          ? sms.received.map((m) => ({ at: m.receivedAt, to: m.to, text: m.text }))
          : zalo.received.map((m) => ({
              at: m.receivedAt,
              to: m.phone ?? m.userId ?? '',
              text:
                m.text ??
                Object.entries(m.data)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join('\n'),
            }));
      const rows = [...list]
        .reverse()
        .map(
          (m) =>
            `<tr><td>${fmt(m.at)}</td><td>${escapeHtml(m.to)}</td><td><pre>${escapeHtml(m.text)}</pre></td></tr>`,
        )
        .join('');
      return send(
        res,
        200,
        page(
          p === '/sms' ? 'Tin nhắn SMS / SMS' : 'Tin nhắn Zalo / Zalo messages',
          (p === '/zalo'
            ? `<form method="post" action="/zalo/simulate"><h2>Giả lập người dân nhắn tin / Simulate a citizen's message</h2>
<p><label>Mã người dùng Zalo / Zalo user id<br><input name="userId" value="zalo-demo-user"></label></p>
<p><label>Tin nhắn / Message<br><input name="text" size="60" value="TRA CUU " aria-describedby="hint"></label></p>
<p id="hint" class="muted">Ví dụ / e.g. TRA CUU 000.00.04.H56-261206-0001 ABC234 — NOP 1.001612</p>
<p><button>Gửi / Send</button></p></form>${url.searchParams.get('sent') ? `<p>Đã gửi, Motcua trả lời HTTP ${escapeHtml(url.searchParams.get('sent') ?? '')}. Câu trả lời hiện bên dưới sau vài giây (tải lại trang). / Sent; the answer appears below in a few seconds (reload).</p>` : ''}`
            : '') +
            (rows
              ? `<table><thead><tr><th>Lúc / At</th><th>Đến / To</th><th>Nội dung / Text</th></tr></thead><tbody>${rows}</tbody></table>`
              : '<p>Chưa có tin nào. / Nothing yet.</p>'),
        ),
        'text/html',
      );
    }
    return send(res, 404, page('Không tìm thấy / Not found', ''), 'text/html');
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 400, JSON.stringify({ error: 'bad request' }));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.httpPort ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://${host}:${port}`;
  return {
    baseUrl,
    mail,
    sms,
    zalo,
    portal,
    hooks,
    population,
    postal,
    exchange,
    payment,
    settings: {
      SMTP_URL: mail.url,
      SMS_GATEWAY_URL: `${baseUrl}/sms`,
      SMS_GATEWAY_TOKEN: SMS_TOKEN,
      ZALO_API_URL: `${baseUrl}/zalo`,
      ZALO_ACCESS_TOKEN: ZALO_TOKEN,
      NATIONAL_PORTAL_URL: `${baseUrl}/national`,
      NATIONAL_PORTAL_TOKEN: PORTAL_TOKEN,
      ZALO_APP_ID,
      ZALO_OA_SECRET,
      POPULATION_REGISTRY_URL: `${baseUrl}/population`,
      POPULATION_REGISTRY_TOKEN: POPULATION_TOKEN,
      POSTAL_CARRIER_URL: `${baseUrl}/postal`,
      POSTAL_CARRIER_TOKEN: POSTAL_TOKEN,
      POSTAL_WEBHOOK_SECRET,
      DOCUMENT_EXCHANGE_URL: `${baseUrl}/exchange`,
      DOCUMENT_EXCHANGE_TOKEN: EXCHANGE_TOKEN,
      DOCUMENT_EXCHANGE_INBOUND_SECRET: EXCHANGE_INBOUND_SECRET,
      PAYMENT_GATEWAY_URL: `${baseUrl}/payment`,
      PAYMENT_GATEWAY_MERCHANT: PAYMENT_MERCHANT,
      PAYMENT_GATEWAY_SECRET: PAYMENT_SECRET,
      VIETQR_BANK_BIN: '970436',
      VIETQR_ACCOUNT_NUMBER: '0011004455667',
      VIETQR_ACCOUNT_NAME: 'KHO BAC NHA NUOC THU NGHIEM',
    },
    setMotcuaUrl(value) {
      motcuaUrl = value;
    },
    simulateChat,
    mailViewerUrl: `${baseUrl}/mail`,
    clearAll() {
      mail.clear();
      mail.faults.clear();
      sms.received.length = 0;
      sms.faults.clear();
      zalo.received.length = 0;
      zalo.faults.clear();
      portal.received.length = 0;
      portal.records.clear();
      portal.faults.clear();
      hooks.received.length = 0;
      hooks.faults.clear();
      population.received.length = 0;
      population.faults.clear();
      postal.received.length = 0;
      postal.faults.clear();
      postalOrders.clear();
      postal.cancelled.length = 0;
      exchange.received.length = 0;
      exchange.faults.clear();
      exchange.acks.length = 0;
      exchange.attachments.clear();
      exchange.attachmentDownloads.length = 0;
      payment.clear();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await mail.close();
    },
  };
}

/** The configuration with every unset integration URL pointed at the running sandbox. */
export function withSandboxSettings<C extends Record<string, unknown>>(config: C, sandbox: Sandbox): C {
  const s = sandbox.settings;
  const pick = (key: keyof Sandbox['settings'], urlKey: string): Record<string, unknown> =>
    config[urlKey] ? {} : { [key]: s[key] };
  return Object.freeze({
    ...config,
    ...pick('SMTP_URL', 'SMTP_URL'),
    ...pick('SMS_GATEWAY_URL', 'SMS_GATEWAY_URL'),
    ...pick('SMS_GATEWAY_TOKEN', 'SMS_GATEWAY_URL'),
    ...pick('ZALO_API_URL', 'ZALO_API_URL'),
    ...pick('ZALO_ACCESS_TOKEN', 'ZALO_API_URL'),
    ...pick('NATIONAL_PORTAL_URL', 'NATIONAL_PORTAL_URL'),
    ...pick('NATIONAL_PORTAL_TOKEN', 'NATIONAL_PORTAL_URL'),
    ...pick('ZALO_APP_ID', 'ZALO_APP_ID'),
    ...pick('ZALO_OA_SECRET', 'ZALO_APP_ID'),
    ...pick('POPULATION_REGISTRY_URL', 'POPULATION_REGISTRY_URL'),
    ...pick('POPULATION_REGISTRY_TOKEN', 'POPULATION_REGISTRY_URL'),
    ...pick('POSTAL_CARRIER_URL', 'POSTAL_CARRIER_URL'),
    ...pick('POSTAL_CARRIER_TOKEN', 'POSTAL_CARRIER_URL'),
    ...pick('POSTAL_WEBHOOK_SECRET', 'POSTAL_WEBHOOK_SECRET'),
    ...pick('DOCUMENT_EXCHANGE_URL', 'DOCUMENT_EXCHANGE_URL'),
    ...pick('DOCUMENT_EXCHANGE_TOKEN', 'DOCUMENT_EXCHANGE_URL'),
    ...pick('DOCUMENT_EXCHANGE_INBOUND_SECRET', 'DOCUMENT_EXCHANGE_INBOUND_SECRET'),
    ...pick('PAYMENT_GATEWAY_URL', 'PAYMENT_GATEWAY_URL'),
    ...pick('PAYMENT_GATEWAY_MERCHANT', 'PAYMENT_GATEWAY_URL'),
    ...pick('PAYMENT_GATEWAY_SECRET', 'PAYMENT_GATEWAY_URL'),
    ...pick('VIETQR_BANK_BIN', 'VIETQR_BANK_BIN'),
    ...pick('VIETQR_ACCOUNT_NUMBER', 'VIETQR_BANK_BIN'),
    ...pick('VIETQR_ACCOUNT_NAME', 'VIETQR_BANK_BIN'),
    SANDBOX_URL: sandbox.baseUrl,
  });
}
