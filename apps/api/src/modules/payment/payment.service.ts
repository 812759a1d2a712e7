import {
  PAYMENT_METHOD_LABELS,
  PAYMENT_STATUS_LABELS,
  applyPaymentOutcome,
  buildVietQrPayload,
  quoteFees,
  type Channel,
  type PaymentItem,
  type PaymentMethod,
  type PaymentStatus,
} from '@motcua/domain';
import QRCode from 'qrcode';
import type { DbExecutor } from '../../db/database.ts';
import { AppError } from '../../errors/app-error.ts';
import {
  createPaymentGatewayAdapter,
  type GatewayOrderState,
  type GatewayOrderStatus,
  type PaymentGatewayAdapter,
} from '../../integrations/payment-gateway.adapter.ts';
import { verifyBodySignature } from '../../integrations/webhook-signature.ts';
import { SYSTEM_ACTOR, type Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireAuthenticated, requireOfficer } from '../../shared/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { applyTransition, getDossier } from '../dossier/dossier.service.ts';
import type { DossierDetail } from '../dossier/dossier.schemas.ts';
import { officerHoldsRoleOver } from '../organisation/organisation.service.ts';
import { enqueue } from '../outbox/outbox.service.ts';
import type { OutboxMessage } from '../outbox/outbox.worker.ts';
import { getVersionById } from '../procedure/procedure.service.ts';
import {
  cancelOtherPendingRequests,
  countReceiptsOfYear,
  countRequestsOfDossier,
  findDossierCode,
  findRequest,
  findRequestByReference,
  insertEvent,
  insertRequest,
  listEventsOfRequests,
  listObligationsOfDossier,
  listPendingBefore,
  listRequestsOfDossier,
  lockRequest,
  lockRequestByReference,
  updateRequest,
} from './payment.repository.ts';
import type {
  CounterPaymentInput,
  CreatePaymentInput,
  DossierPayments,
  PaymentIpnInput,
  PaymentRequestView,
  ReconcileResult,
} from './payment.schemas.ts';

/**
 * Payments (issue 5, ADR 0012). What a dossier owes is computed, not stored: the catalog fees of
 * its pinned version for its channel (purpose `fee`) and each financial obligation an officer
 * requested (`request_obligation` writes the `dossier_obligation` row in the transition's
 * transaction; that row is what makes it payable). A payment request is created when the citizen
 * picks a method (gateway or VietQR; an open one of the same method is reused) or when an officer
 * records cash at the counter. Every outcome report (IPN callback, reconciliation poll, counter
 * entry, expiry) is appended to `payment_event` and applied with `applyPaymentOutcome`. When a
 * request becomes paid, the same transaction issues the receipt number, writes the audit entry
 * and enqueues `payment.fulfil_obligation`, whose handler performs `fulfil_obligation` as the
 * system through the normal transition path (idempotent: it does nothing once the obligation is
 * closed), so a paid dossier is never left awaiting payment.
 */

type RequestMeta = { requestId?: string };
type PaymentRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

function gatewayFor(ctx: AppContext): PaymentGatewayAdapter | undefined {
  const c = ctx.config;
  if (!c.PAYMENT_GATEWAY_URL || !c.PAYMENT_GATEWAY_MERCHANT || !c.PAYMENT_GATEWAY_SECRET) return undefined;
  return createPaymentGatewayAdapter({
    url: c.PAYMENT_GATEWAY_URL,
    merchant: c.PAYMENT_GATEWAY_MERCHANT,
    secret: c.PAYMENT_GATEWAY_SECRET,
    timeoutMs: c.INTEGRATION_TIMEOUT_MS,
    now: ctx.clock,
  });
}

function availableMethods(ctx: AppContext): PaymentMethod[] {
  const methods: PaymentMethod[] = [];
  if (gatewayFor(ctx)) methods.push('gateway');
  if (ctx.config.VIETQR_BANK_BIN && ctx.config.VIETQR_ACCOUNT_NUMBER) methods.push('vietqr');
  methods.push('counter');
  return methods;
}

const CLOSED_DOSSIER = ['returned', 'refused', 'stopped'];

/** The pinned version, read once before any transaction (PGlite has one connection). */
const versions = new WeakMap<DossierDetail, Awaited<ReturnType<typeof getVersionById>>>();
async function versionOf(ctx: AppContext, dossier: DossierDetail) {
  const cached = versions.get(dossier);
  if (cached) return cached;
  const version = await getVersionById(ctx, dossier.procedure.versionId);
  versions.set(dossier, version);
  return version;
}

interface Owed {
  purpose: 'fee' | 'obligation';
  obligationId: string | null;
  description: string;
  items: PaymentItem[];
  amount: number;
  isPaid: boolean;
}

async function owedOf(
  ctx: AppContext,
  dossier: DossierDetail,
  requests: readonly PaymentRow[],
  db: DbExecutor = ctx.db,
): Promise<{ collection: 'before' | 'after' | 'none'; owed: Owed[] }> {
  const version = await versionOf(ctx, dossier);
  const quote = quoteFees(version.content, dossier.channel as Channel, dossier.procedure.variantCode);
  const owed: Owed[] = [];
  if (quote.total > 0) {
    owed.push({
      purpose: 'fee',
      obligationId: null,
      description: 'Phí, lệ phí / Fees and charges',
      items: [...quote.items],
      amount: quote.total,
      isPaid: requests.some((r) => r.purpose === 'fee' && r.status === 'paid'),
    });
  }
  for (const o of await listObligationsOfDossier(db, dossier.id)) {
    if (o.amount <= 0) continue;
    owed.push({
      purpose: 'obligation',
      obligationId: o.id,
      description: o.description,
      items: [{ kind: 'charge', name: o.description.slice(0, 300), amount: o.amount }],
      amount: o.amount,
      isPaid: o.fulfilledAt !== null || requests.some((r) => r.obligationId === o.id && r.status === 'paid'),
    });
  }
  return { collection: quote.collection, owed };
}

function pickOwed(
  owed: readonly Owed[],
  input: { purpose: 'fee' | 'obligation'; obligationId?: string | undefined },
): Owed {
  const found =
    input.purpose === 'fee'
      ? owed.find((o) => o.purpose === 'fee')
      : input.obligationId
        ? owed.find((o) => o.obligationId === input.obligationId)
        : owed.find((o) => o.purpose === 'obligation' && !o.isPaid);
  if (!found) {
    throw new AppError('NOT_FOUND', 'Nothing of this kind is owed for this dossier', {
      purpose: input.purpose,
    });
  }
  if (found.isPaid) throw new AppError('CONFLICT', 'This amount is already paid', { purpose: found.purpose });
  return found;
}

function vietQrView(ctx: AppContext, row: PaymentRow, imageDataUrl: string): PaymentRequestView['vietqr'] {
  if (!row.vietqrPayload) return null;
  return {
    payload: row.vietqrPayload,
    imageDataUrl,
    bankBin: ctx.config.VIETQR_BANK_BIN ?? '',
    accountNumber: ctx.config.VIETQR_ACCOUNT_NUMBER ?? '',
    accountName: ctx.config.VIETQR_ACCOUNT_NAME ?? null,
    amount: row.amount,
    transferContent: row.reference,
  };
}

async function toView(ctx: AppContext, row: PaymentRow): Promise<PaymentRequestView> {
  const status = row.status as PaymentStatus;
  const method = row.method as PaymentMethod;
  const image =
    row.vietqrPayload && status === 'pending'
      ? `data:image/svg+xml;base64,${Buffer.from(
          await QRCode.toString(row.vietqrPayload, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
        ).toString('base64')}`
      : '';
  return {
    id: row.id,
    purpose: row.purpose as 'fee' | 'obligation',
    obligationId: row.obligationId,
    method,
    methodLabel: PAYMENT_METHOD_LABELS[method],
    status,
    statusLabel: PAYMENT_STATUS_LABELS[status],
    amount: row.amount,
    items: row.items as PaymentItem[],
    reference: row.reference,
    payUrl: status === 'pending' ? row.payUrl : null,
    vietqr: vietQrView(ctx, row, image),
    gatewayTransactionId: row.gatewayTransactionId,
    receiptNumber: row.receiptNumber,
    eInvoiceNumber: row.eInvoiceNumber,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

/** Officers: a receiving officer of the receiving unit, or a specialist of the competent/current unit. */
async function requirePaymentOfficer(ctx: AppContext, actor: Actor, dossier: DossierDetail): Promise<void> {
  requireOfficer(actor);
  if (await officerHoldsRoleOver(ctx, actor.id, dossier.receivingUnit.id, ['receiving_officer'])) return;
  const units = [dossier.competentUnit?.id, dossier.currentUnit?.id].filter(
    (u): u is string => typeof u === 'string',
  );
  for (const unitId of units) {
    if (await officerHoldsRoleOver(ctx, actor.id, unitId, ['specialist'])) return;
  }
  throw new AppError('FORBIDDEN', "Only the dossier's receiving officer or specialist handles its payments");
}

function requireOwner(actor: Actor): void {
  requireAuthenticated(actor);
  if (actor.type !== 'citizen') throw new AppError('FORBIDDEN', 'Citizens only');
}

async function paymentsOf(
  ctx: AppContext,
  dossier: DossierDetail,
  isOfficer: boolean,
): Promise<DossierPayments> {
  const requests = await listRequestsOfDossier(ctx.db, dossier.id);
  const { collection, owed } = await owedOf(ctx, dossier, requests);
  const events = isOfficer
    ? await listEventsOfRequests(
        ctx.db,
        requests.map((r) => r.id),
      )
    : [];
  return {
    dossierCode: dossier.code,
    dossierStatus: dossier.status,
    feeCollection: collection,
    owed,
    outstandingAmount: owed.filter((o) => !o.isPaid).reduce((sum, o) => sum + o.amount, 0),
    requests: await Promise.all(requests.map((r) => toView(ctx, r))),
    availableMethods: availableMethods(ctx),
    events: events.map((e) => ({
      paymentRequestId: e.paymentRequestId ?? '',
      source: e.source as 'ipn' | 'poll' | 'counter' | 'expiry',
      reportedStatus: e.reportedStatus,
      amount: e.amount,
      outcome: e.outcome,
      receivedAt: e.receivedAt.toISOString(),
    })),
  };
}

/** GET /api/me/dossiers/:code/payments — the owner's view (others: 404 through the visibility rule). */
export async function getMyDossierPayments(ctx: AppContext, actor: Actor, code: string) {
  requireOwner(actor);
  const dossier = await getDossier(ctx, actor, code);
  return paymentsOf(ctx, dossier, false);
}

/** GET /api/officer/dossiers/:code/payments — with the event log. */
export async function getOfficerDossierPayments(ctx: AppContext, actor: Actor, code: string) {
  requireOfficer(actor);
  const dossier = await getDossier(ctx, actor, code);
  await requirePaymentOfficer(ctx, actor, dossier);
  return paymentsOf(ctx, dossier, true);
}

function referenceFor(code: string, seq: number): string {
  return `${code.replace(/[^A-Za-z0-9]/g, '').slice(-20)}P${String(seq).padStart(2, '0')}`;
}

async function nextReceiptNumber(trx: DbExecutor, now: Date): Promise<string> {
  const prefix = `BL${now.getUTCFullYear()}-`;
  const n = await countReceiptsOfYear(trx, prefix);
  return `${prefix}${String(n + 1).padStart(6, '0')}`;
}

/**
 * POST /api/me/dossiers/:code/payments — the citizen pays by gateway (answer: `payUrl`) or VietQR
 * (answer: the payload, QR image, account and transfer content). An open request of the same
 * method and purpose is returned again, never duplicated.
 */
export async function createPaymentRequest(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: CreatePaymentInput,
): Promise<PaymentRequestView> {
  requireOwner(actor);
  const dossier = await getDossier(ctx, actor, code);
  if (CLOSED_DOSSIER.includes(dossier.status)) {
    throw new AppError('CONFLICT', `Dossier ${code} is closed (${dossier.status})`, {
      status: dossier.status,
    });
  }
  if (!availableMethods(ctx).includes(input.method)) {
    throw new AppError('INTEGRATION_NOT_CONFIGURED', `Payment method ${input.method} is not offered`);
  }
  await versionOf(ctx, dossier);
  const now = ctx.clock();
  let row = await ctx.db.transaction().execute(async (trx) => {
    const requests = await listRequestsOfDossier(trx, dossier.id);
    const { owed } = await owedOf(ctx, dossier, requests, trx);
    const due = pickOwed(owed, input);
    const open = requests.find(
      (r) =>
        r.status === 'pending' &&
        r.method === input.method &&
        r.purpose === due.purpose &&
        r.obligationId === due.obligationId,
    );
    if (open && (!open.expiresAt || open.expiresAt > now)) return open;
    if (open) {
      await updateRequest(trx, open.id, { status: 'expired', updatedAt: now });
      await insertEvent(trx, {
        paymentRequestId: open.id,
        source: 'expiry',
        dedupKey: open.id,
        reportedStatus: 'expired',
        amount: null,
        isSignatureValid: null,
        outcome: 'applied',
        rawPayload: '{}',
        receivedAt: now,
      });
    }
    const seq = (await countRequestsOfDossier(trx, dossier.id)) + 1;
    const reference = referenceFor(dossier.code, seq);
    const expiresAt = new Date(now.getTime() + ctx.config.PAYMENT_EXPIRY_MINUTES * 60_000);
    const inserted = await insertRequest(trx, {
      dossierId: dossier.id,
      obligationId: due.obligationId,
      purpose: due.purpose,
      method: input.method,
      amount: due.amount,
      items: JSON.stringify(due.items),
      reference,
      vietqrPayload:
        input.method === 'vietqr'
          ? buildVietQrPayload({
              bankBin: ctx.config.VIETQR_BANK_BIN ?? '',
              accountNo: ctx.config.VIETQR_ACCOUNT_NUMBER ?? '',
              amount: due.amount,
              reference,
            })
          : null,
      createdByType: 'citizen',
      createdById: actor.id,
      expiresAt,
      now,
    });
    if (!inserted) throw new AppError('CONFLICT', 'A payment request is being created; try again');
    // Reconciliation: poll the gateway after N minutes, and once more at expiry.
    const pollAt = new Date(now.getTime() + ctx.config.PAYMENT_RECONCILE_AFTER_MINUTES * 60_000);
    await enqueue(
      trx,
      [pollAt, new Date(expiresAt.getTime() + 60_000)].map((availableAt) => ({
        topic: 'payment.reconcile' as const,
        aggregateType: 'payment_request',
        aggregateId: inserted.id,
        payload: { paymentRequestId: inserted.id },
        availableAt,
      })),
      now,
    );
    return inserted;
  });
  if (row.method === 'gateway' && !row.payUrl) {
    const gateway = gatewayFor(ctx);
    if (!gateway) throw new AppError('INTEGRATION_NOT_CONFIGURED', 'The payment gateway is not configured');
    let order;
    try {
      // Idempotent at the gateway by our reference: a retried creation returns the same order.
      order = await gateway.createOrder({
        reference: row.reference,
        amount: row.amount,
        description: `Thanh toan ho so ${dossier.code}`,
        returnUrl: new URL(
          `/api/integrations/payment/return?reference=${encodeURIComponent(row.reference)}`,
          ctx.config.PUBLIC_BASE_URL,
        ).toString(),
        ipnUrl: new URL('/api/integrations/payment/ipn', ctx.config.PUBLIC_BASE_URL).toString(),
        expiresAt: row.expiresAt ?? new Date(now.getTime() + 30 * 60_000),
      });
    } catch (error) {
      throw new AppError('INTEGRATION_UNAVAILABLE', 'The payment gateway did not answer; try again', {
        reason: error instanceof Error ? error.message.slice(0, 300) : String(error),
      });
    }
    row =
      (await updateRequest(ctx.db, row.id, {
        gatewayTransactionId: order.transactionId,
        payUrl: order.payUrl,
        updatedAt: ctx.clock(),
      })) ?? row;
  }
  return toView(ctx, row);
}

/** Marks a locked pending (or lapsed) request paid: receipt, audit, obligation hand-off, in `trx`. */
async function markPaid(
  ctx: AppContext,
  trx: DbExecutor,
  row: PaymentRow,
  paid: {
    actor: Actor;
    source: string;
    eInvoiceNumber: string | null;
    transactionId: string | null;
    now: Date;
  },
  meta: RequestMeta = {},
): Promise<PaymentRow> {
  const receiptNumber = await nextReceiptNumber(trx, paid.now);
  const updated = await updateRequest(trx, row.id, {
    status: 'paid',
    paidAt: paid.now,
    receiptNumber,
    eInvoiceNumber: paid.eInvoiceNumber ?? row.eInvoiceNumber,
    ...(paid.transactionId && !row.gatewayTransactionId ? { gatewayTransactionId: paid.transactionId } : {}),
    updatedAt: paid.now,
  });
  if (!updated) throw new AppError('INTERNAL', 'payment request vanished');
  // The other open requests for the same amount owed are no longer payable.
  await cancelOtherPendingRequests(trx, row, paid.now);
  const dossierCode = await findDossierCode(trx, row.dossierId);
  await recordAudit(
    trx,
    paid.actor,
    {
      type: 'payment.paid',
      entityType: 'payment_request',
      entityId: row.id,
      summary: {
        dossierCode,
        reference: row.reference,
        method: row.method,
        purpose: row.purpose,
        amount: row.amount,
        receiptNumber,
        source: paid.source,
      },
    },
    { at: paid.now, requestId: meta.requestId },
  );
  if (row.purpose === 'obligation') {
    await enqueue(
      trx,
      [
        {
          topic: 'payment.fulfil_obligation',
          aggregateType: 'payment_request',
          aggregateId: row.id,
          payload: { paymentRequestId: row.id },
        },
      ],
      paid.now,
    );
  }
  return updated;
}

/**
 * Applies one reported status to a request (IPN or poll) in `trx`, after the event was logged.
 * Returns the resulting status and whether anything changed.
 */
async function applyReported(
  ctx: AppContext,
  trx: DbExecutor,
  row: PaymentRow,
  reported: PaymentStatus,
  info: { source: string; eInvoiceNumber: string | null; transactionId: string | null; now: Date },
): Promise<{ status: PaymentStatus; changed: boolean }> {
  const outcome = applyPaymentOutcome(row.status as PaymentStatus, reported);
  if (!outcome.changed) return outcome;
  if (outcome.status === 'paid') {
    await markPaid(ctx, trx, row, { actor: SYSTEM_ACTOR, ...info });
  } else {
    await updateRequest(trx, row.id, { status: outcome.status, updatedAt: info.now });
  }
  return outcome;
}

/* ------------------------------------------------------------------ counter (officer) */

/** POST /api/officer/dossiers/:code/payments/counter — cash at the counter; the receipt is issued. */
export async function recordCounterPayment(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: CounterPaymentInput,
  meta: RequestMeta = {},
): Promise<PaymentRequestView> {
  requireOfficer(actor);
  const dossier = await getDossier(ctx, actor, code);
  await requirePaymentOfficer(ctx, actor, dossier);
  await versionOf(ctx, dossier);
  const now = ctx.clock();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const requests = await listRequestsOfDossier(trx, dossier.id);
    const { owed } = await owedOf(ctx, dossier, requests, trx);
    const due = pickOwed(owed, input);
    if (input.amount !== due.amount) {
      throw new AppError('VALIDATION_FAILED', 'The cash received must equal the amount owed', {
        expected: due.amount,
        received: input.amount,
      });
    }
    const seq = (await countRequestsOfDossier(trx, dossier.id)) + 1;
    const inserted = await insertRequest(trx, {
      dossierId: dossier.id,
      obligationId: due.obligationId,
      purpose: due.purpose,
      method: 'counter',
      amount: due.amount,
      items: JSON.stringify(due.items),
      reference: referenceFor(dossier.code, seq),
      vietqrPayload: null,
      createdByType: 'officer',
      createdById: actor.id,
      expiresAt: null,
      now,
    });
    if (!inserted) throw new AppError('CONFLICT', 'A counter payment is being recorded; try again');
    await insertEvent(trx, {
      paymentRequestId: inserted.id,
      source: 'counter',
      dedupKey: inserted.id,
      reportedStatus: 'paid',
      amount: input.amount,
      isSignatureValid: null,
      outcome: 'applied',
      rawPayload: JSON.stringify({ officerId: actor.id, amount: input.amount, note: input.note ?? null }),
      receivedAt: now,
    });
    return markPaid(
      ctx,
      trx,
      inserted,
      { actor, source: 'counter', eInvoiceNumber: null, transactionId: null, now },
      meta,
    );
  });
  return toView(ctx, row);
}

/* ------------------------------------------------------------------ gateway IPN */

/** Checks the gateway's HMAC signature of an IPN before anything is read (401, nothing changes). */
export function verifyIpnSignature(ctx: AppContext, header: string | undefined, rawBody: string): void {
  const secret = ctx.config.PAYMENT_GATEWAY_SECRET;
  if (!secret) throw new AppError('INTEGRATION_NOT_CONFIGURED', 'The payment gateway is not configured');
  const check = verifyBodySignature(secret, header, rawBody, ctx.clock());
  if (!check.isValid) {
    ctx.logger.warn({ reason: check.reason }, 'payment IPN with a bad signature refused');
    throw new AppError('SIGNATURE_INVALID', `Bad signature (${check.reason})`, { reason: check.reason });
  }
}

/**
 * POST /api/integrations/payment/ipn — the gateway's signed result. Logged once by event id (a
 * duplicate answers 200 and changes nothing); an amount that differs from the request is logged
 * and refused; otherwise the outcome is applied.
 */
export async function receivePaymentIpn(ctx: AppContext, input: PaymentIpnInput, rawBody: string) {
  const now = ctx.clock();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockRequestByReference(trx, input.reference);
    const base = {
      source: 'ipn' as const,
      dedupKey: input.eventId,
      reportedStatus: input.status,
      amount: input.amount,
      isSignatureValid: true,
      rawPayload: rawBody,
      receivedAt: now,
    };
    if (!row) {
      await insertEvent(trx, { ...base, paymentRequestId: null, outcome: 'unknown_reference' });
      return { kind: 'unknown' as const };
    }
    const isMismatch = input.amount !== row.amount;
    const logged = await insertEvent(trx, {
      ...base,
      paymentRequestId: row.id,
      outcome: isMismatch
        ? 'amount_mismatch'
        : applyPaymentOutcome(row.status as PaymentStatus, input.status).changed
          ? 'applied'
          : 'unchanged',
    });
    if (!logged) return { kind: 'done' as const, status: row.status as PaymentStatus, isDuplicate: true };
    if (isMismatch) return { kind: 'mismatch' as const, expected: row.amount };
    const outcome = await applyReported(ctx, trx, row, input.status, {
      source: 'ipn',
      eInvoiceNumber: input.eInvoiceNumber ?? null,
      transactionId: input.transactionId,
      now,
    });
    return { kind: 'done' as const, status: outcome.status, isDuplicate: false };
  });
  if (result.kind === 'unknown')
    throw new AppError('NOT_FOUND', `Unknown payment reference ${input.reference}`);
  if (result.kind === 'mismatch') {
    ctx.logger.warn({ reference: input.reference }, 'payment IPN amount mismatch refused');
    throw new AppError('VALIDATION_FAILED', 'The amount does not match the payment request', {
      expected: result.expected,
      received: input.amount,
    });
  }
  return { reference: input.reference, status: result.status, isDuplicate: result.isDuplicate };
}

/**
 * GET /api/integrations/payment/return — where the gateway sends the citizen back. Only the
 * reference is read from the query (any status in it is ignored); the portal page of the dossier
 * then shows the status from our database.
 */
export async function paymentReturnLocation(ctx: AppContext, reference: string): Promise<string> {
  const row = await findRequestByReference(ctx.db, reference);
  const base = ctx.config.PUBLIC_BASE_URL;
  if (!row) return new URL('/ho-so-cua-toi', base).toString();
  const code = await dossierCodeOf(ctx, row.dossierId);
  return new URL(
    `/ho-so-cua-toi/${encodeURIComponent(code)}?thanh-toan=${encodeURIComponent(row.reference)}`,
    base,
  ).toString();
}

async function dossierCodeOf(ctx: AppContext, dossierId: string): Promise<string> {
  return findDossierCode(ctx.db, dossierId);
}

/* ------------------------------------------------------------------ outbox handlers and reconciliation */

/** `payment.fulfil_obligation`: the paid obligation moves the dossier back to processing. */
export async function fulfilPaidObligation(ctx: AppContext, message: OutboxMessage): Promise<void> {
  const { paymentRequestId } = message.payload as { paymentRequestId: string };
  const row = await findRequest(ctx.db, paymentRequestId);
  if (row?.status !== 'paid' || !row.obligationId) return;
  const code = await dossierCodeOf(ctx, row.dossierId);
  const dossier = await getDossier(ctx, SYSTEM_ACTOR, code);
  const obligations = await listObligationsOfDossier(ctx.db, row.dossierId);
  const open = obligations.find((o) => o.fulfilledAt === null);
  // Already fulfilled (an officer confirmed it, or an earlier attempt did), or not awaiting it.
  if (dossier.status !== 'awaiting_obligation' || open?.id !== row.obligationId) return;
  await applyTransition(ctx, SYSTEM_ACTOR, code, {
    action: 'fulfil_obligation',
    expectedVersion: dossier.version,
    paymentReference: row.receiptNumber ?? row.reference,
  });
}

const POLLABLE: ReadonlySet<GatewayOrderStatus> = new Set(['paid', 'failed', 'expired']);

/**
 * Polls the gateway for every pending request older than PAYMENT_RECONCILE_AFTER_MINUTES and
 * applies what it says (a lost IPN is recovered here); expires requests past their time. Gateway
 * errors are collected (the outbox handler rethrows them so the run is retried with backoff).
 */
export async function reconcilePayments(ctx: AppContext): Promise<ReconcileResult> {
  const now = ctx.clock();
  const before = new Date(now.getTime() - ctx.config.PAYMENT_RECONCILE_AFTER_MINUTES * 60_000);
  const gateway = gatewayFor(ctx);
  const result: ReconcileResult = { checked: 0, fixed: [], errors: [] };
  for (const candidate of await listPendingBefore(ctx.db, before, 500)) {
    result.checked++;
    let state: GatewayOrderState | undefined;
    if (gateway && candidate.method !== 'counter') {
      try {
        state = await gateway.queryOrder(candidate.reference);
      } catch (error) {
        result.errors.push({
          reference: candidate.reference,
          error: error instanceof Error ? error.message.slice(0, 300) : String(error),
        });
        continue;
      }
    }
    const fixed = await ctx.db.transaction().execute(async (trx) => {
      const row = await lockRequest(trx, candidate.id);
      if (row?.status !== 'pending') return undefined;
      if (state && POLLABLE.has(state.status)) {
        const isMismatch = state.amount !== row.amount;
        await insertEvent(trx, {
          paymentRequestId: row.id,
          source: 'poll',
          dedupKey: `${row.id}:${state.status}:${now.toISOString()}`,
          reportedStatus: state.status,
          amount: state.amount,
          isSignatureValid: null,
          outcome: isMismatch ? 'amount_mismatch' : 'applied',
          rawPayload: JSON.stringify(state),
          receivedAt: now,
        });
        if (!isMismatch) {
          const outcome = await applyReported(ctx, trx, row, state.status, {
            source: 'poll',
            eInvoiceNumber: state.eInvoiceNumber,
            transactionId: state.transactionId,
            now,
          });
          if (outcome.changed)
            return { reference: row.reference, from: 'pending' as const, to: outcome.status };
        }
        return undefined;
      }
      if (row.expiresAt && row.expiresAt <= now) {
        await insertEvent(trx, {
          paymentRequestId: row.id,
          source: 'expiry',
          dedupKey: row.id,
          reportedStatus: 'expired',
          amount: null,
          isSignatureValid: null,
          outcome: 'applied',
          rawPayload: JSON.stringify(state ?? {}),
          receivedAt: now,
        });
        await updateRequest(trx, row.id, { status: 'expired', updatedAt: now });
        return { reference: row.reference, from: 'pending' as const, to: 'expired' as const };
      }
      return undefined;
    });
    if (fixed) result.fixed.push(fixed);
  }
  return result;
}

/** `payment.reconcile`: one reconciliation run; gateway errors make the message retry. */
export async function reconcilePaymentsJob(ctx: AppContext): Promise<void> {
  const result = await reconcilePayments(ctx);
  if (result.fixed.length > 0) ctx.logger.info({ fixed: result.fixed }, 'payments reconciled');
  if (result.errors.length > 0) {
    throw new Error(`Payment gateway poll failed: ${result.errors.map((e) => e.error).join('; ')}`);
  }
}
