import { DOSSIER_STATUS_SYNC_CODE, DossierStatus, isDossierCode } from '@motcua/domain';
import { z } from 'zod';

/**
 * `motcua.legacy-dossiers/v1`: dossiers of a province's previous system, one per CSV line (header
 * row with these column names) or one per object in a JSON array (same keys). Codes are in the
 * national format `<agency code>-<YYMMDD>-<NNNN>` (provincial systems already number this way). Times are ISO 8601
 * instants (`2025-03-04T09:30:00+07:00`) or Vietnam local times (`2025-03-04 09:30`, `2025-03-04`).
 */
export const LEGACY_COLUMNS = [
  'code',
  'procedure_code',
  'variant_code',
  'channel',
  'status',
  'receiving_unit',
  'competent_unit',
  'applicant_kind',
  'applicant_name',
  'applicant_id_number',
  'applicant_tax_code',
  'applicant_phone',
  'applicant_email',
  'applicant_address',
  'submitted_at',
  'received_at',
  'due_at',
  'original_due_at',
  'completed_at',
  'returned_at',
  'supplement_count',
  'extension_count',
  'fee_total',
  'result_number',
  'result_signer',
  'lookup_secret',
] as const;

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Parses an instant; a time without an offset is Vietnam local time (UTC+7). */
export function parseLegacyInstant(text: string): Date | undefined {
  const local = LOCAL_TIME.exec(text);
  const iso = local
    ? `${local[1]}T${local[2] ?? '00'}:${local[3] ?? '00'}:${local[4] ?? '00'}+07:00`
    : /[zZ]|[+-]\d{2}:?\d{2}$/.test(text)
      ? text
      : undefined;
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const empty = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (max: number) => z.preprocess(empty, z.string().trim().min(1).max(max));
const optionalText = (max: number) => z.preprocess(empty, z.string().trim().max(max).optional());
const instant = z.preprocess(
  empty,
  z
    .union([z.string(), z.date()])
    .transform((v, c) => {
      const d = v instanceof Date ? v : parseLegacyInstant(v.trim());
      if (!d) {
        c.addIssue({ code: 'custom', message: 'not a date/time (ISO 8601 or YYYY-MM-DD HH:mm)' });
        return z.NEVER;
      }
      return d;
    })
    .optional(),
);
const count = z.preprocess(empty, z.coerce.number().int().min(0).max(99).optional());

const SYNC_TO_STATUS = new Map<string, DossierStatus>(
  Object.entries(DOSSIER_STATUS_SYNC_CODE).map(([status, code]) => [String(code), status as DossierStatus]),
);
const CHANNEL_CODES: Record<string, 'counter' | 'online' | 'postal' | 'chat'> = {
  '1': 'counter',
  '2': 'online',
  '3': 'postal',
  counter: 'counter',
  online: 'online',
  postal: 'postal',
  chat: 'chat',
};

export const LegacyDossierRow = z
  .object({
    code: z.preprocess(
      empty,
      z
        .string()
        .trim()
        .max(80)
        .refine(isDossierCode, 'code: <agency code>-<YYMMDD>-<NNNN> (Circular 03/2025 Art. 13)'),
    ),
    procedure_code: text(40),
    variant_code: optionalText(60),
    channel: z.preprocess(
      empty,
      z
        .string()
        .trim()
        .transform((v, c) => {
          const channel = CHANNEL_CODES[v.toLowerCase()];
          if (!channel) {
            c.addIssue({ code: 'custom', message: 'channel: counter|online|postal|chat or 1|2|3' });
            return z.NEVER;
          }
          return channel;
        }),
    ),
    status: z.preprocess(
      empty,
      z
        .string()
        .trim()
        .transform((v, c) => {
          const status = SYNC_TO_STATUS.get(v) ?? DossierStatus.safeParse(v).data;
          if (!status) {
            c.addIssue({ code: 'custom', message: 'status: a status name or national code 1-10' });
            return z.NEVER;
          }
          return status;
        }),
    ),
    receiving_unit: text(35),
    competent_unit: optionalText(35),
    applicant_kind: z.preprocess(empty, z.enum(['citizen', 'organisation']).default('citizen')),
    applicant_name: text(200),
    applicant_id_number: z.preprocess(
      empty,
      z
        .string()
        .trim()
        .regex(/^(\d{9}|\d{12})$/, 'ID number: 9 or 12 digits')
        .optional(),
    ),
    applicant_tax_code: z.preprocess(
      empty,
      z
        .string()
        .trim()
        .regex(/^\d{10}(-\d{3})?$/, 'tax code: 10 digits (or 10-3)')
        .optional(),
    ),
    applicant_phone: z.preprocess(
      empty,
      z
        .string()
        .trim()
        .regex(/^(\+84|0)[1-9]\d{8,9}$/, 'phone: 10 digits starting with 0, or +84')
        .optional(),
    ),
    applicant_email: z.preprocess(empty, z.email().max(200).optional()),
    applicant_address: optionalText(500),
    submitted_at: instant.refine((d) => d !== undefined, 'submitted_at is required'),
    received_at: instant,
    due_at: instant,
    original_due_at: instant,
    completed_at: instant,
    returned_at: instant,
    supplement_count: count,
    extension_count: count,
    fee_total: z.preprocess(empty, z.coerce.number().int().min(0).max(1e13).optional()),
    result_number: optionalText(100),
    result_signer: optionalText(200),
    lookup_secret: z.preprocess(
      empty,
      z
        .string()
        .trim()
        .regex(/^[A-Z0-9]{4,12}$/, 'lookup secret: 4-12 characters A-Z 0-9')
        .optional(),
    ),
  })
  .superRefine((r, c) => {
    const issue = (path: string, message: string): void => {
      c.addIssue({ code: 'custom', path: [path], message });
    };
    const s = r.status;
    const isReceived = s !== 'submitted' && s !== 'refused';
    if (isReceived && !r.received_at) issue('received_at', `received_at is required for status ${s}`);
    const isCompleted = s === 'refused' || s === 'stopped' || s === 'result_ready' || s === 'returned';
    if (isCompleted && !r.completed_at) issue('completed_at', `completed_at is required for status ${s}`);
    if (!isCompleted && r.completed_at) issue('completed_at', `a dossier in status ${s} has no completed_at`);
    if (s === 'returned' && !r.returned_at)
      issue('returned_at', 'returned_at is required for status returned');
    if (s !== 'returned' && r.returned_at)
      issue('returned_at', `a dossier in status ${s} has no returned_at`);
    const order: [string, Date | undefined][] = [
      ['submitted_at', r.submitted_at],
      ['received_at', r.received_at],
      ['completed_at', r.completed_at],
      ['returned_at', r.returned_at],
    ];
    let previous: [string, Date] | undefined;
    for (const [name, at] of order) {
      if (!at) continue;
      if (previous && at.getTime() < previous[1].getTime()) issue(name, `${name} is before ${previous[0]}`);
      previous = [name, at];
    }
    if (r.due_at && r.received_at && r.due_at.getTime() < r.received_at.getTime())
      issue('due_at', 'due_at is before received_at');
    if (r.applicant_kind === 'organisation' && !r.applicant_tax_code)
      issue('applicant_tax_code', 'an organisation needs a tax code');
  });
export type LegacyDossierRow = z.infer<typeof LegacyDossierRow>;

/** Why a row was not imported. */
export type LegacyRejectReason =
  | 'INVALID'
  | 'DUPLICATE_IN_FILE'
  | 'ALREADY_IMPORTED'
  | 'UNKNOWN_UNIT'
  | 'UNKNOWN_PROCEDURE'
  | 'IN_THE_FUTURE'
  | 'BATCH_FAILED';

export interface LegacyReject {
  /** Line in the CSV file (header = 1) or index + 1 in the JSON array. */
  line: number;
  code: string | null;
  reason: LegacyRejectReason;
  message: string;
}

export interface LegacyImportReport {
  read: number;
  imported: number;
  rejected: number;
  rejectedByReason: Partial<Record<LegacyRejectReason, number>>;
  batches: { committed: number; failed: number };
  seconds: number;
  dossiersPerSecond: number;
  /** What `afterImport` returned (false without one: the batches keep the statistics exact themselves). */
  statisticsRebuilt: boolean | string;
  /** Report facts written and rollup rows added to, in the transactions of the batches. */
  statistics: { facts: number; dailyRows: number; monthlyRows: number };
}
