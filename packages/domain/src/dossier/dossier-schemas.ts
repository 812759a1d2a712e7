import { z } from 'zod';
import { Channel, ProcedureCode } from '../catalog/catalog-schemas.ts';
import { ApplicantKind, LocalDateString } from '../organisation/organisation-schemas.ts';

/**
 * Request schemas of the dossier lifecycle, shared by the API (validation, OpenAPI) and the web
 * app (form validation), so both reject the same input.
 */
const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);

/** Citizen identity number: 12-digit CCCD (9-digit legacy CMND still accepted). */
export const IdNumber = z
  .string()
  .regex(/^(\d{9}|\d{12})$/, 'ID number: 12 digits (CCCD) or 9 digits (old CMND)')
  .meta({ example: '038090001234' });
export const TaxCode = z
  .string()
  .regex(/^\d{10}(-\d{3})?$/, 'Tax code: 10 digits, or 10-3 for a branch')
  .meta({ example: '2801234567' });
export const VnPhone = z
  .string()
  .regex(/^(\+84|0)[1-9]\d{8,9}$/, 'Phone: 10 digits starting with 0, or +84')
  .meta({ example: '0912345678' });

export const ApplicantSchema = z
  .strictObject({
    kind: ApplicantKind,
    fullName: trimmed(2, 200),
    idNumber: IdNumber.optional(),
    taxCode: TaxCode.optional(),
    dateOfBirth: LocalDateString.optional(),
    address: trimmed(1, 500).optional(),
    phone: VnPhone.optional(),
    email: z.email().max(200).optional(),
    /** How the applicant wants to be told about the dossier (e-mail, SMS or Zalo). */
    notifyBy: z.enum(['email', 'sms', 'zalo']).optional(),
  })
  .refine((a) => (a.kind === 'citizen' ? Boolean(a.idNumber) : Boolean(a.taxCode)), {
    message: 'A citizen needs an ID number; an organisation needs a tax code',
    path: ['idNumber'],
  });
export type Applicant = z.infer<typeof ApplicantSchema>;

export const RepresentativeSchema = z.strictObject({
  fullName: trimmed(2, 200),
  idNumber: IdNumber,
  phone: VnPhone.optional(),
  authorisationDocument: trimmed(1, 300).optional(),
});

export const FormValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

export const IntakeComponentSchema = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  originalCount: z.number().int().min(0).max(20).default(0),
  copyCount: z.number().int().min(0).max(20).default(0),
  isProvided: z.boolean(),
  isReused: z.boolean().default(false),
  fileIds: z.array(z.uuid()).max(50).default([]),
  note: z.string().max(1000).optional(),
});

export const ResultDelivery = z.enum(['counter', 'postal', 'online']);

const intakeFields = {
  procedureCode: ProcedureCode,
  variantCode: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .optional(),
  /** For commune procedures received elsewhere (boundary-free): the competent commune. */
  competentUnitId: z.uuid().optional(),
  applicant: ApplicantSchema,
  representative: RepresentativeSchema.optional(),
  formData: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,60}$/), FormValue).default({}),
  components: z.array(IntakeComponentSchema).max(100).default([]),
  resultDelivery: ResultDelivery.default('counter'),
};

const reason = trimmed(3, 2000);
const note = z.string().trim().max(2000).optional();

export const SupplementItemSchema = z.strictObject({
  componentCode: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .optional(),
  name: trimmed(1, 500),
  reason: trimmed(3, 1000),
});

/**
 * What the receiving officer decides at the counter (domain.md §1.3): receive a complete dossier
 * (T2, Mẫu 01), give written guidance once to complete it (T3, Mẫu 02), or refuse it (T4, Mẫu 03).
 */
export const CounterIntakeDecision = z.enum(['receive', 'guide', 'refuse']);
export type CounterIntakeDecision = z.infer<typeof CounterIntakeDecision>;

/**
 * Counter or postal intake by a receiving officer. `receive` (default): the dossier is received at
 * once (T2 at the counter). `guide` / `refuse`: the dossier is recorded as submitted at the counter
 * and gets the written guidance (T3, `items`, `note` printed as the reason) or the refusal (T4,
 * `reason`) in the same transaction; no legal clock starts.
 */
export const CounterIntakeInput = z
  .strictObject({
    ...intakeFields,
    channel: z.enum(['counter', 'postal']).default('counter'),
    receivingUnitId: z.uuid(),
    note: z.string().max(2000).optional(),
    decision: CounterIntakeDecision.default('receive').meta({
      description:
        'receive (T2, Mẫu 01), guide: written guidance to complete the dossier (T3, Mẫu 02, needs items), refuse (T4, Mẫu 03, needs reason)',
    }),
    /** guide: what is missing or incorrect, per document component, and why (Mẫu 02). */
    items: z.array(SupplementItemSchema).min(1).max(100).optional(),
    /** refuse: the reason printed on Mẫu 03. */
    reason: reason.optional(),
  })
  .superRefine((v, issue) => {
    if (v.decision === 'guide' && !v.items)
      issue.addIssue({
        code: 'custom',
        path: ['items'],
        message: 'List at least one component to complete (Mẫu 02)',
      });
    if (v.decision !== 'guide' && v.items)
      issue.addIssue({ code: 'custom', path: ['items'], message: 'Items go with the decision "guide" only' });
    if (
      v.decision === 'guide' &&
      v.note !== undefined &&
      v.note.trim().length > 0 &&
      v.note.trim().length < 3
    )
      issue.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'The guidance note needs at least 3 characters',
      });
    if (v.decision === 'refuse' && !v.reason)
      issue.addIssue({ code: 'custom', path: ['reason'], message: 'Give the reason for refusing (Mẫu 03)' });
    if (v.decision !== 'refuse' && v.reason)
      issue.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'A reason goes with the decision "refuse" only',
      });
  });
export type CounterIntakeInput = z.infer<typeof CounterIntakeInput>;

/** Online submission by a citizen (T1): the dossier waits for a receiving officer to accept it. */
export const OnlineSubmissionInput = z.strictObject({
  ...intakeFields,
  channel: z.enum(['online', 'chat']).default('online'),
  /** One-stop section to submit to; defaults from the procedure (provincial centre or the commune's section). */
  receivingUnitId: z.uuid().optional(),
});
export type OnlineSubmissionInput = z.infer<typeof OnlineSubmissionInput>;

const expectedVersion = z
  .number()
  .int()
  .min(1)
  .meta({ description: 'The dossier version the actor saw; a stale version gets 409 VERSION_CONFLICT' });

/** Body of POST /api/dossiers/{code}/actions: one schema per action. */
export const DossierActionInput = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept'), expectedVersion, note }),
  z.strictObject({ action: z.literal('refuse'), expectedVersion, reason }),
  z.strictObject({ action: z.literal('transfer'), expectedVersion, note }),
  z.strictObject({ action: z.literal('assign'), expectedVersion, assigneeId: z.uuid(), note }),
  z.strictObject({
    action: z.literal('complete_step'),
    expectedVersion,
    note,
    assigneeId: z.uuid().optional(),
  }),
  z.strictObject({ action: z.literal('return_step'), expectedVersion, reason }),
  z.strictObject({
    action: z.literal('request_supplement'),
    expectedVersion,
    reason,
    items: z.array(SupplementItemSchema).min(1).max(100),
    respondWithinDays: z.number().int().min(1).max(90).optional(),
  }),
  z.strictObject({
    action: z.literal('supply'),
    expectedVersion,
    note,
    files: z
      .array(
        z.strictObject({
          componentCode: z
            .string()
            .regex(/^[A-Za-z0-9_-]{1,40}$/)
            .optional(),
          fileId: z.uuid(),
        }),
      )
      .max(100)
      .default([]),
    /** Components handed in on paper at the counter (no scan): ticked as provided, so Mẫu 01 lists them. */
    providedComponentCodes: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/))
      .max(100)
      .default([]),
  }),
  z.strictObject({
    action: z.literal('request_obligation'),
    expectedVersion,
    description: trimmed(3, 2000),
    amount: z.number().int().min(0).max(1_000_000_000_000),
  }),
  z.strictObject({
    action: z.literal('fulfil_obligation'),
    expectedVersion,
    paymentReference: trimmed(1, 200),
  }),
  z.strictObject({
    action: z.literal('extend'),
    expectedVersion,
    reason,
    newDueAt: z.iso.datetime({ offset: true }),
    letterNumber: trimmed(1, 100).optional(),
  }),
  z.strictObject({ action: z.literal('request_withdrawal'), expectedVersion, reason }),
  z.strictObject({ action: z.literal('confirm_withdrawal'), expectedVersion, note }),
  z.strictObject({ action: z.literal('decline_withdrawal'), expectedVersion, reason }),
  z.strictObject({
    action: z.literal('stop'),
    expectedVersion,
    reason,
    documentNumber: trimmed(1, 100).optional(),
  }),
  z.strictObject({ action: z.literal('approve'), expectedVersion, note }),
  z.strictObject({
    action: z.literal('issue_result'),
    expectedVersion,
    resultNumber: trimmed(1, 100),
    summary: trimmed(1, 2000),
    fileId: z.uuid().optional(),
  }),
  z.strictObject({
    action: z.literal('return_result'),
    expectedVersion,
    method: ResultDelivery,
    receiverName: trimmed(2, 200),
    receiverIdNumber: IdNumber.optional(),
    waybillNumber: trimmed(1, 100).optional(),
  }),
]);
export type DossierActionInput = z.infer<typeof DossierActionInput>;

export const DossierChannel = Channel;
