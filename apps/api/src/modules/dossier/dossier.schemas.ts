import { DossierAction, DossierStatus, OfficerRole } from '@motcua/domain';
import { z } from 'zod';

/** Response schemas of the dossier module (request schemas live in packages/domain). */
const LabelPair = z.object({ vi: z.string(), en: z.string() });
const UnitRef = z.object({ id: z.uuid(), name: z.string(), agencyCode: z.string() });

export const ExplanationText = z.object({ vi: z.array(z.string()), en: z.array(z.string()) });

export const DeadlineView = z
  .object({
    rule: z.record(z.string(), z.unknown()),
    startedAt: z.string(),
    dueAt: z.string(),
    totalWorkingMinutes: z.number().nullable(),
    calendarVersion: z.string(),
    items: z.array(z.record(z.string(), z.unknown())),
    text: ExplanationText,
  })
  .meta({
    id: 'Deadline',
    description: 'How the due date was computed: counted and skipped periods, pauses, extensions',
  });

export const StepView = z.object({
  stepIndex: z.number(),
  code: z.string(),
  name: z.string(),
  role: OfficerRole,
  unit: z.object({ id: z.uuid(), name: z.string() }),
  assignee: z.object({ id: z.uuid(), fullName: z.string() }).nullable(),
  enteredAt: z.string(),
  enteredByName: z.string().nullable(),
  dueAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  completedByName: z.string().nullable(),
  outcome: z.string().nullable(),
  note: z.string().nullable(),
  timeliness: z.enum(['early', 'on_time', 'late']).nullable(),
});

export const TransitionView = z.object({
  seq: z.number(),
  action: z.string(),
  actionLabel: LabelPair,
  fromStatus: DossierStatus.nullable(),
  toStatus: DossierStatus,
  actorType: z.string(),
  actorName: z.string().nullable(),
  occurredAt: z.string(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

/* ------------------------------------------------------------------ satisfaction rating */

const RatingScore = z.number().int().min(1).max(5);

export const RatingAspects = z
  .strictObject({
    timeliness: RatingScore.optional().describe('Đúng hẹn / on time'),
    attitude: RatingScore.optional().describe('Thái độ cán bộ / attitude of the staff'),
    clarity: RatingScore.optional().describe('Hướng dẫn rõ ràng / clear guidance'),
  })
  .meta({ id: 'RatingAspects' });
export type RatingAspects = z.infer<typeof RatingAspects>;

export const RatingInput = z
  .strictObject({
    score: RatingScore.describe(
      '1 = rất không hài lòng / very unsatisfied … 5 = rất hài lòng / very satisfied',
    ),
    comment: z.string().trim().max(1000).optional(),
    aspects: RatingAspects.optional(),
  })
  .meta({ id: 'RatingRequest' });
export type RatingInput = z.infer<typeof RatingInput>;

export const PublicRatingInput = RatingInput.extend({
  code: z.string().trim().min(5).max(80),
  secret: z.string().trim().min(4).max(12),
}).meta({ id: 'PublicRatingRequest' });
export type PublicRatingInput = z.infer<typeof PublicRatingInput>;

export const RatingView = z
  .object({
    score: z.number(),
    comment: z.string().nullable(),
    aspects: RatingAspects,
    ratedAt: z.string(),
    channel: z.enum(['account', 'lookup']),
  })
  .meta({ id: 'Rating' });
export type RatingView = z.infer<typeof RatingView>;

const DossierFileView = z.object({
  id: z.uuid(),
  originalName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  purpose: z.string(),
});

export const ComponentView = z.object({
  code: z.string(),
  name: z.string(),
  originalCount: z.number(),
  copyCount: z.number(),
  isRequired: z.boolean(),
  isProvided: z.boolean(),
  isReused: z.boolean(),
  note: z.string().nullable(),
  files: z.array(DossierFileView),
});

export const DossierDetail = z
  .object({
    id: z.uuid(),
    code: z.string(),
    version: z.number(),
    status: DossierStatus,
    statusLabel: LabelPair,
    /** The deadline colour, as in the queue (unit calendar, one working day = 8 hours). */
    sla: z.enum(['on_track', 'due_soon', 'overdue', 'paused', 'done', 'not_started']),
    syncStatusCode: z.number(),
    channel: z.string(),
    procedure: z.object({
      code: z.string(),
      name: z.string(),
      versionNo: z.number(),
      versionId: z.uuid(),
      variantCode: z.string().nullable(),
      variantName: z.string().nullable(),
    }),
    receivingUnit: UnitRef,
    competentUnit: UnitRef,
    currentUnit: UnitRef.nullable(),
    currentStep: StepView.nullable(),
    applicant: z.record(z.string(), z.unknown()),
    representative: z.record(z.string(), z.unknown()).nullable(),
    formData: z.record(z.string(), z.unknown()),
    resultDelivery: z.string(),
    submittedAt: z.string(),
    receivedAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    originalDueAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    returnedAt: z.string().nullable(),
    returnMethod: z.string().nullable(),
    isClockPaused: z.boolean(),
    pausedAt: z.string().nullable(),
    deadline: DeadlineView.nullable(),
    supplementCount: z.number(),
    extensionCount: z.number(),
    isApproved: z.boolean(),
    result: z.record(z.string(), z.unknown()).nullable(),
    feeTotal: z.number(),
    lookupSecret: z.string().nullable(),
    components: z.array(ComponentView),
    otherFiles: z
      .array(DossierFileView)
      .describe('Files not tied to a component of the procedure (e.g. other documents sent as a supplement)'),
    supplements: z.array(
      z.object({
        phase: z.string(),
        requestedAt: z.string(),
        reason: z.string(),
        items: z.array(z.record(z.string(), z.unknown())),
        respondBy: z.string().nullable(),
        suppliedAt: z.string().nullable(),
        responseNote: z.string().nullable(),
        pausedWorkingMinutes: z.number().nullable(),
      }),
    ),
    obligations: z.array(
      z.object({
        requestedAt: z.string(),
        description: z.string(),
        amount: z.number(),
        fulfilledAt: z.string().nullable(),
        paymentReference: z.string().nullable(),
      }),
    ),
    extensions: z.array(
      z.object({
        createdAt: z.string(),
        reason: z.string(),
        previousDueAt: z.string(),
        newDueAt: z.string(),
        signerName: z.string().nullable(),
        letterNumber: z.string().nullable(),
      }),
    ),
    steps: z.array(StepView),
    history: z.array(TransitionView),
    availableActions: z.array(DossierAction),
    rating: RatingView.nullable().describe('The satisfaction rating, once given'),
  })
  .meta({ id: 'Dossier' });
export type DossierDetail = z.infer<typeof DossierDetail>;

export const DossierSummary = z
  .object({
    id: z.uuid(),
    code: z.string(),
    version: z.number(),
    status: DossierStatus,
    statusLabel: LabelPair,
    channel: z.string(),
    procedureCode: z.string(),
    procedureName: z.string(),
    applicantName: z.string(),
    submittedAt: z.string(),
    receivedAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    currentUnitId: z.uuid().nullable(),
    currentAssigneeId: z.uuid().nullable(),
    sla: z.enum(['on_track', 'due_soon', 'overdue', 'paused', 'done', 'not_started']),
  })
  .meta({ id: 'DossierSummary' });
export type DossierSummary = z.infer<typeof DossierSummary>;

export const DossierPage = z.object({
  items: z.array(DossierSummary),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});

export const QueueQuery = z.strictObject({
  scope: z.enum(['my_units', 'assigned_to_me', 'all_visible', 'mine']).default('my_units'),
  status: z
    .union([DossierStatus, z.array(DossierStatus)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  procedureCode: z.string().max(40).optional(),
  channel: z.enum(['counter', 'online', 'postal', 'chat']).optional(),
  due: z.enum(['overdue', 'due_soon', 'on_track']).optional(),
  submittedFrom: z.iso.datetime({ offset: true }).optional(),
  submittedTo: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(['due_asc', 'submitted_desc', 'updated_desc']).default('due_asc'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

export const QueueCountsQuery = z.strictObject({
  scope: z.enum(['my_units', 'assigned_to_me', 'all_visible', 'mine']).default('my_units'),
});
export type QueueCountsQuery = z.infer<typeof QueueCountsQuery>;

/** The queue's totals by deadline (the quick filters above the queue). */
export const QueueCounts = z.object({
  open: z.number().int(),
  overdue: z.number().int(),
  dueSoon: z.number().int(),
  onTrack: z.number().int(),
});

/** What anyone with the code and the secret from the receipt may see: no personal data. */
export const PublicDossierView = z
  .object({
    code: z.string(),
    status: DossierStatus,
    statusLabel: LabelPair,
    procedureName: z.string(),
    procedureCode: z.string(),
    receivingUnit: z.string(),
    currentUnit: z.string().nullable(),
    applicantInitials: z.string(),
    submittedAt: z.string(),
    receivedAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    returnedAt: z.string().nullable(),
    deadlineText: ExplanationText.nullable(),
    supplementRequest: z
      .object({ reason: z.string(), items: z.array(z.object({ name: z.string(), reason: z.string() })) })
      .nullable(),
    timeline: z.array(z.object({ at: z.string(), label: LabelPair, unit: z.string().nullable() })),
    canRate: z.boolean().describe('Settled (returned, refused or stopped) and not rated yet'),
    rating: z.object({ score: z.number(), ratedAt: z.string() }).nullable(),
  })
  .meta({ id: 'PublicDossier' });
export type PublicDossierView = z.infer<typeof PublicDossierView>;

export const LookupQuery = z.strictObject({
  code: z.string().trim().min(5).max(80),
  secret: z.string().trim().min(4).max(12),
});

const DossierCode = z
  .string()
  .min(5)
  .max(80)
  .regex(/^[0-9A-Z.]+-\d{6}-\d{4,}$/, 'Dossier code');

export const CodeParam = z.strictObject({ code: DossierCode });

/* ------------------------------------------------------------------ bulk actions */

export const BulkActionInput = z
  .strictObject({
    action: z.literal('assign'),
    assigneeId: z.uuid(),
    items: z
      .array(z.strictObject({ code: DossierCode, expectedVersion: z.number().int().min(1) }))
      .min(1)
      .max(100),
  })
  .meta({ id: 'BulkActionRequest' });
export type BulkActionInput = z.infer<typeof BulkActionInput>;

export const BulkActionItemResult = z
  .discriminatedUnion('ok', [
    z.object({ code: z.string(), ok: z.literal(true), version: z.number(), status: DossierStatus }),
    z.object({
      code: z.string(),
      ok: z.literal(false),
      error: z.object({ code: z.string(), message: z.string() }),
    }),
  ])
  .meta({ id: 'BulkActionItemResult' });
export type BulkActionItemResult = z.infer<typeof BulkActionItemResult>;

export const BulkActionResult = z
  .object({ results: z.array(BulkActionItemResult) })
  .meta({ id: 'BulkActionResult' });
export type BulkActionResult = z.infer<typeof BulkActionResult>;
