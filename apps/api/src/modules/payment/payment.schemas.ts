import { PaymentItemSchema, PaymentMethod, PaymentStatus } from '@motcua/domain';
import { z } from 'zod';

const Label = z.object({ vi: z.string(), en: z.string() });

export const PaymentRequestView = z
  .object({
    id: z.uuid(),
    purpose: z.enum(['fee', 'obligation']),
    obligationId: z.uuid().nullable(),
    method: PaymentMethod,
    methodLabel: Label,
    status: PaymentStatus,
    statusLabel: Label,
    amount: z.number().int(),
    items: z.array(PaymentItemSchema),
    reference: z.string().describe('Our order reference; the VietQR transfer content'),
    payUrl: z.string().nullable().describe('Gateway page to redirect the citizen to (gateway, pending)'),
    vietqr: z
      .object({
        payload: z.string(),
        imageDataUrl: z.string().describe('SVG QR code of the payload as a data: URL'),
        bankBin: z.string(),
        accountNumber: z.string(),
        accountName: z.string().nullable(),
        amount: z.number().int(),
        transferContent: z.string(),
      })
      .nullable(),
    gatewayTransactionId: z.string().nullable(),
    receiptNumber: z.string().nullable(),
    eInvoiceNumber: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    paidAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'PaymentRequest' });
export type PaymentRequestView = z.infer<typeof PaymentRequestView>;

export const PaymentEventView = z.object({
  source: z.enum(['ipn', 'poll', 'counter', 'expiry']),
  reportedStatus: z.string().nullable(),
  amount: z.number().nullable(),
  outcome: z.string(),
  receivedAt: z.string(),
});

export const OwedItem = z.object({
  purpose: z.enum(['fee', 'obligation']),
  obligationId: z.uuid().nullable(),
  description: z.string(),
  items: z.array(PaymentItemSchema),
  amount: z.number().int(),
  isPaid: z.boolean(),
});

export const DossierPayments = z
  .object({
    dossierCode: z.string(),
    dossierStatus: z.string(),
    feeCollection: z.enum(['before', 'after', 'none']),
    owed: z.array(OwedItem).describe('What the dossier owes (fees, financial obligations), paid or not'),
    outstandingAmount: z.number().int().describe('Sum of the unpaid owed items, VND'),
    requests: z.array(PaymentRequestView),
    availableMethods: z.array(PaymentMethod),
    events: z.array(PaymentEventView.extend({ paymentRequestId: z.uuid() })).describe('Officers only'),
  })
  .meta({ id: 'DossierPayments' });
export type DossierPayments = z.infer<typeof DossierPayments>;

export const CreatePaymentInput = z.strictObject({
  method: z.enum(['gateway', 'vietqr']),
  purpose: z.enum(['fee', 'obligation']),
  /** The obligation paid (purpose obligation; defaults to the open one). */
  obligationId: z.uuid().optional(),
});
export type CreatePaymentInput = z.infer<typeof CreatePaymentInput>;

export const CounterPaymentInput = z.strictObject({
  purpose: z.enum(['fee', 'obligation']),
  obligationId: z.uuid().optional(),
  /** Cash received, VND; must equal the amount owed. */
  amount: z.number().int().positive(),
  note: z.string().max(500).optional(),
});
export type CounterPaymentInput = z.infer<typeof CounterPaymentInput>;

/** The gateway's IPN callback (signed Motcua-Signature over the raw body). */
export const PaymentIpnInput = z.object({
  eventId: z.string().min(1).max(200),
  reference: z.string().min(1).max(100),
  transactionId: z.string().min(1).max(200),
  status: z.enum(['paid', 'failed']),
  amount: z.number().int(),
  eInvoiceNumber: z.string().max(100).nullable().optional(),
});
export type PaymentIpnInput = z.infer<typeof PaymentIpnInput>;

export const PaymentIpnAnswer = z.object({
  reference: z.string(),
  status: PaymentStatus,
  isDuplicate: z.boolean(),
});

export const ReconcileResult = z.object({
  checked: z.number().int(),
  fixed: z.array(z.object({ reference: z.string(), from: PaymentStatus, to: PaymentStatus })),
  errors: z.array(z.object({ reference: z.string(), error: z.string() })),
});
export type ReconcileResult = z.infer<typeof ReconcileResult>;
