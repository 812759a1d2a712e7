import { z } from 'zod';
import { AgencyCode, LocalDateString, OfficerRole } from '../organisation/organisation-schemas.ts';

/**
 * The procedure catalog (danh mục thủ tục hành chính), domain.md §2.1.
 *
 * A procedure (identified by its national code) has versions; a published version is immutable and
 * every dossier stays pinned to the version (and variant) it was received under.
 */

/** National procedure code on the national database, e.g. `1.001612`, or a local one `1.000948.H38`. */
export const ProcedureCode = z
  .string()
  .regex(/^[0-9]+\.[0-9]{6}(\.[0-9A-Z]+)?$/, 'Procedure code like 1.001612 or 1.000948.H38')
  .meta({ example: '1.001612' });

export const DurationUnitSchema = z.enum(['working-days', 'working-hours', 'calendar-days']);

export const DeadlineRuleSchema = z.strictObject({
  amount: z.number().min(0).max(3650),
  unit: DurationUnitSchema,
  isSameDay: z.boolean().optional(),
  isDueAtEndOfDay: z.boolean().optional(),
});

export const Channel = z.enum(['counter', 'online', 'postal', 'chat']);
export type Channel = z.infer<typeof Channel>;

/** Channel codes of the national sync (KenhThucHien): 1 counter, 2 online, 3 postal. */
export const CHANNEL_SYNC_CODE: Record<Channel, 1 | 2 | 3> = { counter: 1, online: 2, postal: 3, chat: 2 };

export const CHANNEL_LABELS: Record<Channel, { vi: string; en: string }> = {
  counter: { vi: 'Trực tiếp', en: 'At the counter' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  postal: { vi: 'Dịch vụ bưu chính', en: 'By post' },
  chat: { vi: 'Qua mạng xã hội (Zalo)', en: 'By chat (Zalo)' },
};

export const FeeKind = z.enum(['fee', 'charge']); // phí / lệ phí
export const FeeSchema = z.strictObject({
  kind: FeeKind,
  name: z.string().min(1).max(300),
  /** Amount in Vietnamese đồng. */
  amount: z.number().int().min(0).max(1_000_000_000_000),
  note: z.string().max(1000).optional(),
});
export type Fee = z.infer<typeof FeeSchema>;

export const ChannelRuleSchema = z.strictObject({
  channel: Channel,
  /** Processing time on this channel; omitted = the version's processing time. */
  processingTime: DeadlineRuleSchema.optional(),
  fees: z.array(FeeSchema).max(50).default([]),
  description: z.string().max(2000).optional(),
});
export type ChannelRule = z.infer<typeof ChannelRuleSchema>;

export const ComponentSchema = z.strictObject({
  code: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .meta({ description: 'Stable key of the component inside the version', example: 'to-khai' }),
  name: z.string().min(1).max(500),
  originalCount: z.number().int().min(0).max(20),
  copyCount: z.number().int().min(0).max(20),
  isRequired: z.boolean(),
  /** Only shown (xuất trình) at the counter, not filed. */
  isPresentOnly: z.boolean().default(false),
  formTemplate: z
    .strictObject({ name: z.string().min(1).max(300), url: z.string().url().max(1000).optional() })
    .optional(),
  mustDigitise: z.boolean().default(true),
  /** Where the data can be reused from instead of asking the applicant (never ask twice). */
  reuseSource: z.enum(['population_db', 'personal_store']).optional(),
  note: z.string().max(1000).optional(),
});
export type Component = z.infer<typeof ComponentSchema>;

/** Which unit handles an internal process step. */
export const StepUnitSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('receiving_unit') }),
  z.strictObject({ kind: z.literal('competent_agency') }),
  z.strictObject({ kind: z.literal('fixed'), agencyCode: AgencyCode }),
]);
export type StepUnit = z.infer<typeof StepUnitSchema>;

export const ProcessStepSchema = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  name: z.string().min(1).max(300),
  role: OfficerRole,
  unit: StepUnitSchema,
  budget: DeadlineRuleSchema,
  /** Document produced at this step, e.g. "Tờ trình", "Giấy phép". */
  produces: z.string().max(300).optional(),
});
export type ProcessStep = z.infer<typeof ProcessStepSchema>;

export const EFormFieldSchema = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,60}$/),
  label: z.string().min(1).max(300),
  labelEn: z.string().max(300).optional(),
  type: z.enum(['text', 'textarea', 'number', 'date', 'select', 'id_number', 'phone', 'email', 'address']),
  isRequired: z.boolean().default(false),
  options: z
    .array(z.strictObject({ value: z.string().min(1).max(100), label: z.string().min(1).max(300) }))
    .max(200)
    .optional(),
  maxLength: z.number().int().min(1).max(10_000).optional(),
  help: z.string().max(1000).optional(),
});
export type EFormField = z.infer<typeof EFormFieldSchema>;

export const LegalBasisSchema = z.strictObject({
  number: z.string().min(1).max(100).meta({ example: '168/2025/NĐ-CP' }),
  title: z.string().min(1).max(1000),
  issuedOn: LocalDateString.optional(),
  effectiveFrom: LocalDateString.optional(),
});

export const ResultSpecSchema = z.strictObject({
  name: z.string().min(1).max(500),
  type: z.enum(['decision', 'certificate', 'license', 'extract', 'notice', 'other']),
  isPaperRequired: z.boolean().default(false),
  mustBeSigned: z.boolean().default(true),
});

export const VariantSchema = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  name: z.string().min(1).max(500),
  description: z.string().max(2000).optional(),
  /** Overrides of the version's base definition for this case (trường hợp). */
  processingTime: DeadlineRuleSchema.optional(),
  components: z.array(ComponentSchema).max(100).optional(),
  steps: z.array(ProcessStepSchema).max(30).optional(),
});
export type Variant = z.infer<typeof VariantSchema>;

export const ImplementingLevel = z.enum(['province', 'commune', 'central']);
export const OnlineServiceLevel = z.enum(['full', 'partial', 'none']);
export const FeeCollection = z.enum(['before', 'after', 'none']);
export const ApplicantType = z.enum([
  'citizen',
  'enterprise',
  'organisation',
  'overseas_vietnamese',
  'foreigner',
]);

/** The content of one procedure version (what an admin edits while it is a draft). */
export const ProcedureVersionContent = z.strictObject({
  name: z.string().min(1).max(1000),
  field: z.strictObject({
    code: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/),
    name: z.string().min(1).max(300),
  }),
  level: ImplementingLevel,
  /**
   * Competent agency (cơ quan thực hiện). Required for provincial procedures; for commune
   * procedures the competent agency is the commune that receives the dossier.
   */
  competentAgencyCode: AgencyCode.optional(),
  applicantTypes: z.array(ApplicantType).min(1).max(5),
  processingTime: DeadlineRuleSchema,
  /** Supplement clock mode, domain.md §3.4. */
  supplementMode: z.enum(['pause', 'restart']).default('pause'),
  /** Whether waiting for a financial obligation stops the clock (only where the specialised law says so). */
  isObligationTimeExcluded: z.boolean().default(false),
  channels: z.array(ChannelRuleSchema).min(1).max(4),
  feeCollection: FeeCollection.default('none'),
  onlineServiceLevel: OnlineServiceLevel,
  components: z.array(ComponentSchema).max(100),
  steps: z.array(ProcessStepSchema).min(1).max(30),
  variants: z.array(VariantSchema).max(50).default([]),
  eForm: z.array(EFormFieldSchema).max(200).default([]),
  result: ResultSpecSchema,
  conditions: z.string().max(5000).optional(),
  legalBasis: z.array(LegalBasisSchema).max(50).default([]),
  publicationDecision: z
    .strictObject({ number: z.string().min(1).max(100), issuedOn: LocalDateString })
    .optional(),
  isBoundaryFree: z.boolean().default(false),
  isPostalAllowed: z.boolean().default(true),
  internalProcessCode: z.string().max(100).optional(),
  description: z.string().max(5000).optional(),
});
export type ProcedureVersionContent = z.infer<typeof ProcedureVersionContent>;
export type ProcedureVersionContentInput = z.input<typeof ProcedureVersionContent>;

export const VersionStatus = z.enum(['draft', 'published']);
export type VersionStatus = z.infer<typeof VersionStatus>;

/** One version in a catalog export/import file. */
export const CatalogVersionEntry = z.strictObject({
  versionNo: z.number().int().min(1),
  status: VersionStatus,
  effectiveFrom: LocalDateString,
  effectiveTo: LocalDateString.optional(),
  content: ProcedureVersionContent,
});

export const CatalogProcedureEntry = z.strictObject({
  code: ProcedureCode,
  versions: z.array(CatalogVersionEntry).min(1).max(100),
});

/** A catalog file (import/export). */
export const CatalogFile = z.strictObject({
  format: z.literal('motcua.catalog/v1'),
  exportedAt: z.string().optional(),
  procedures: z.array(CatalogProcedureEntry).max(20_000),
});
export type CatalogFile = z.infer<typeof CatalogFile>;
export type CatalogFileInput = z.input<typeof CatalogFile>;
