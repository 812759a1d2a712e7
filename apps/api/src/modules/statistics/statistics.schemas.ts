import { DossierStatus, LocalDateString, UnitKind } from '@motcua/domain';
import { z } from 'zod';

/** Request and response schemas of the statistics module (monitoring, issue 4). */

const LabelPair = z.object({ vi: z.string(), en: z.string() });

export const GroupBy = z.enum(['unit', 'receiving_unit', 'procedure', 'field', 'total']);
export type GroupBy = z.infer<typeof GroupBy>;

export const ReportQuery = z.strictObject({
  from: LocalDateString.describe('First day of the period (Vietnam), YYYY-MM-DD'),
  to: LocalDateString.describe('Last day of the period; a period that has not ended is cut at now'),
  unitId: z.uuid().optional().describe('Unit whose subtree is reported; default: your widest scope'),
  groupBy: GroupBy.default('unit').describe(
    'Rows: unit (settling agency, II.06a), receiving_unit (one-stop section), procedure, field (II.07a), total',
  ),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

export const ExportFormat = z.enum(['xlsx', 'pdf', 'csv']);
export const ReportExportQuery = ReportQuery.extend({ format: ExportFormat });
export type ReportExportQuery = z.infer<typeof ReportExportQuery>;

export const Counts = z
  .object({
    receivedTotal: z.number(),
    receivedOnline: z.number(),
    receivedDirect: z.number(),
    carriedOver: z.number(),
    settledTotal: z.number(),
    settledEarly: z.number(),
    settledOnTime: z.number(),
    settledLate: z.number(),
    inProgressTotal: z.number(),
    inProgressWithinTime: z.number(),
    inProgressOverdue: z.number(),
    settledWithdrawn: z.number(),
  })
  .meta({
    id: 'II06aCounts',
    description: 'Columns 3–13 of Biểu II.06a, plus withdrawals (inside column 9)',
  });

export const ReportUnit = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  agencyCode: z.string(),
  kind: UnitKind,
});
export type ReportUnit = z.infer<typeof ReportUnit>;

export const ReportRow = z.object({
  key: z.string(),
  label: z.string(),
  sublabel: z.string().nullable(),
  unit: ReportUnit.nullable(),
  procedureCode: z.string().nullable(),
  fieldCode: z.string().nullable(),
  level: z.string().nullable(),
  counts: Counts,
  onTimeRate: z.number().nullable(),
  overdueRate: z.number().nullable(),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const ReportColumn = z.object({
  number: z.number(),
  key: z.string(),
  group: z.enum(['received', 'settled', 'inProgress']).nullable(),
  isInPeriod: z.boolean(),
  vi: z.string(),
  en: z.string(),
});

export const Report06a = z
  .object({
    form: z.object({ code: z.string(), vi: z.string(), en: z.string() }),
    period: z.object({ from: z.string(), to: z.string() }),
    periodText: LabelPair,
    /** The `to` that was asked for (later than `period.to` when the period has not ended). */
    requestedTo: z.string(),
    isPartial: z.boolean(),
    /** Instant the in-progress columns are judged at. */
    asOf: z.string(),
    unit: ReportUnit.nullable(),
    scopeKind: z.enum(['all', 'competent', 'receiving']),
    groupBy: GroupBy,
    rowHeader: LabelPair,
    columns: z.array(ReportColumn),
    rows: z.array(ReportRow),
    total: z.object({
      counts: Counts,
      onTimeRate: z.number().nullable(),
      overdueRate: z.number().nullable(),
    }),
    definitions: z.array(z.object({ column: z.string(), vi: z.string(), en: z.string() })),
  })
  .meta({
    id: 'Report06a',
    description: 'Biểu II.06a (rows by unit) or II.07a (rows by field) for a period',
  });
export type Report06a = z.infer<typeof Report06a>;

/* ------------------------------------------------------------------ drill-down */

export const DrillDownQuery = z.strictObject({
  from: LocalDateString,
  to: LocalDateString,
  unitId: z.uuid().optional(),
  column: z.coerce.number().int().min(3).max(13).describe('II.06a column 3–13'),
  groupBy: GroupBy.default('unit'),
  rowKey: z.string().min(1).max(200).optional().describe('Key of the report row (absent: the total row)'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type DrillDownQuery = z.infer<typeof DrillDownQuery>;

export const DrillDownItem = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  channel: z.string(),
  status: DossierStatus,
  statusLabel: LabelPair,
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  isPaused: z.boolean(),
  timeliness: z.enum(['early', 'on_time', 'late']).nullable(),
  isWithdrawn: z.boolean(),
  competentUnitName: z.string(),
  receivingUnitName: z.string(),
});

export const DrillDownPage = z
  .object({
    column: z.number(),
    columnLabel: LabelPair,
    rowLabel: z.string().nullable(),
    period: z.object({ from: z.string(), to: z.string() }),
    unit: ReportUnit.nullable(),
    items: z.array(DrillDownItem),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
  })
  .meta({ id: 'DrillDownPage', description: 'The dossiers behind one cell of the report' });
export type DrillDownPage = z.infer<typeof DrillDownPage>;

export const ReportScope = z.object({
  unit: ReportUnit,
  role: z.string(),
});
export const ReportScopes = z.object({
  scopes: z.array(ReportScope),
  units: z.array(ReportUnit.extend({ parentId: z.uuid().nullable() })),
});

/* ------------------------------------------------------------------ map */

export const MapQuery = z.strictObject({
  from: LocalDateString,
  to: LocalDateString,
  unitId: z.uuid().optional(),
});
export type MapQuery = z.infer<typeof MapQuery>;

export const PublicPeriodQuery = z.strictObject({
  from: LocalDateString.optional(),
  to: LocalDateString.optional(),
});

const RateClass = z.object({ code: z.string(), colour: z.string(), vi: z.string(), en: z.string() });

export const MapArea = z.object({
  unit: ReportUnit,
  path: z.string(),
  labelX: z.number(),
  labelY: z.number(),
  counts: Counts,
  onTimeRate: z.number().nullable(),
  rateClass: z.string(),
});

export const RankedUnit = z.object({
  unit: ReportUnit,
  counts: Counts,
  onTimeRate: z.number().nullable(),
  rateClass: z.string(),
  rank: z.number().nullable(),
});

export const EnforcementMap = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    periodText: LabelPair,
    isPartial: z.boolean(),
    unit: ReportUnit.nullable(),
    boundarySource: z.enum(['upload', 'file', 'none']),
    boundaryName: z.string().nullable(),
    width: z.number(),
    height: z.number(),
    areas: z.array(MapArea),
    /** Communes of the scope without a boundary in the file (shown in the table only). */
    missingAreas: z.array(RankedUnit),
    /** Features whose unit could not be found. */
    unmatchedFeatures: z.array(z.string()),
    agencies: z.array(RankedUnit),
    communes: z.array(RankedUnit),
    classes: z.array(RateClass),
    total: z.object({ counts: Counts, onTimeRate: z.number().nullable() }),
  })
  .meta({ id: 'EnforcementMap', description: 'Bản đồ thực thi thể chế: communes coloured by on-time rate' });
export type EnforcementMap = z.infer<typeof EnforcementMap>;

export const BoundaryStatus = z.object({
  source: z.enum(['upload', 'file', 'none']),
  name: z.string().nullable(),
  featureCount: z.number(),
  uploadedAt: z.string().nullable(),
  matched: z.array(z.object({ feature: z.string(), unitName: z.string(), agencyCode: z.string() })),
  unmatched: z.array(z.string()),
  communesWithoutBoundary: z.array(z.string()),
});
export type BoundaryStatus = z.infer<typeof BoundaryStatus>;

export const BoundaryUploadQuery = z.strictObject({
  name: z.string().trim().min(1).max(200).optional().describe('File name shown to admins'),
});

/* ------------------------------------------------------------------ 766 */

export const Indicator766Query = ReportQuery.omit({ groupBy: true }).extend({
  byUnit: z.enum(['true', 'false']).default('false'),
});

const IndicatorResult = z.object({
  id: z.string(),
  group: z.number(),
  vi: z.string(),
  en: z.string(),
  formula: z.string(),
  target: z.number().nullable(),
  maxPoints: z.number().nullable(),
  unit: z.enum(['percent', 'days']),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  score: z.number().nullable(),
  notAvailableReason: z.string().nullable(),
});

export const Evaluation766 = z.object({
  indicators: z.array(IndicatorResult),
  groups: z.array(
    z.object({
      group: z.number(),
      vi: z.string(),
      en: z.string(),
      maxPoints: z.number(),
      score: z.number().nullable(),
      scoredMax: z.number(),
    }),
  ),
  score: z.number(),
  scoredMax: z.number(),
  percent: z.number().nullable(),
  grade: z.object({ code: z.string(), vi: z.string(), en: z.string(), minPercent: z.number() }).nullable(),
});

export const Indicators766 = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    unit: ReportUnit.nullable(),
    evaluation: Evaluation766,
    units: z.array(z.object({ unit: ReportUnit, evaluation: Evaluation766 })),
    note: LabelPair,
  })
  .meta({ id: 'Indicators766', description: 'Decision 766/QĐ-TTg indicators computed from Motcua data' });
export type Indicators766 = z.infer<typeof Indicators766>;

/* ------------------------------------------------------------------ dashboards */

export const DashboardQuery = z.strictObject({
  unitId: z.uuid().optional(),
  from: LocalDateString.optional(),
  to: LocalDateString.optional(),
});

const TrendPoint = z.object({
  from: z.string(),
  to: z.string(),
  settled: z.number(),
  onTime: z.number(),
  onTimeRate: z.number().nullable(),
  received: z.number(),
});

export const Dashboard = z
  .object({
    unit: ReportUnit.nullable(),
    now: z.string(),
    today: z.object({
      date: z.string(),
      receivedByChannel: z.record(z.string(), z.number()),
      submittedOnline: z.number(),
      settled: z.number(),
    }),
    overdueNow: z.number(),
    dueWithinOneWorkingDay: z.number(),
    inProgress: z.number(),
    period: z.object({ from: z.string(), to: z.string() }),
    counts: Counts,
    onTimeRate: z.number().nullable(),
    rates: z.object({
      supplement: z.number().nullable(),
      refusal: z.number().nullable(),
      online: z.number().nullable(),
      averageSettlementDays: z.number().nullable(),
    }),
    satisfaction: z.object({
      ratings: z.number(),
      average: z.number().nullable(),
      satisfiedRate: z.number().nullable(),
      unsatisfiedRate: z.number().nullable(),
    }),
    weekly: z.array(TrendPoint),
    monthly: z.array(TrendPoint),
    slowestProcedures: z.array(
      z.object({
        procedureCode: z.string(),
        name: z.string(),
        settled: z.number(),
        late: z.number(),
        lateRate: z.number().nullable(),
        averageDays: z.number().nullable(),
      }),
    ),
    slowestSteps: z.array(
      z.object({
        procedureCode: z.string(),
        procedureName: z.string(),
        stepCode: z.string(),
        stepName: z.string(),
        unitName: z.string(),
        completed: z.number(),
        late: z.number(),
        lateRate: z.number().nullable(),
        averageHours: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'Dashboard', description: "Leaders' overview" });
export type Dashboard = z.infer<typeof Dashboard>;

export const Transparency = z
  .object({
    provinceName: z.string(),
    period: z.object({ from: z.string(), to: z.string() }),
    periodText: LabelPair,
    isPartial: z.boolean(),
    total: z.object({ counts: Counts, onTimeRate: z.number().nullable() }),
    onlineRate: z.number().nullable(),
    satisfaction: z.object({ ratings: z.number(), average: z.number().nullable() }),
    monthly: z.array(TrendPoint),
    agencies: z.array(RankedUnit),
    communes: z.array(RankedUnit),
    generatedAt: z.string(),
  })
  .meta({ id: 'Transparency', description: 'Public transparency page (no personal data)' });
export type Transparency = z.infer<typeof Transparency>;

/* ------------------------------------------------------------------ weekly report */

export const SubscriptionInput = z.strictObject({
  unitId: z.uuid(),
  recipients: z.array(z.email().max(200)).min(1).max(50),
  language: z.enum(['vi', 'en']).default('vi'),
});
export type SubscriptionInput = z.infer<typeof SubscriptionInput>;

export const SubscriptionView = z.object({
  id: z.uuid(),
  unit: ReportUnit,
  recipients: z.array(z.string()),
  language: z.enum(['vi', 'en']),
  createdAt: z.string(),
  lastSentWeek: z.string().nullable(),
  nextRunAt: z.string(),
});
export type SubscriptionView = z.infer<typeof SubscriptionView>;

export const IdParam = z.strictObject({ id: z.uuid() });

export const WeeklyQuery = z.strictObject({
  unitId: z.uuid().optional(),
  weekStart: LocalDateString.optional().describe('Monday of the week; default: last week'),
});

export const WeeklyReport = z
  .object({
    unit: ReportUnit.nullable(),
    week: z.object({ from: z.string(), to: z.string() }),
    previousWeek: z.object({ from: z.string(), to: z.string() }),
    counts: Counts,
    previousCounts: Counts,
    onTimeRate: z.number().nullable(),
    previousOnTimeRate: z.number().nullable(),
    overdueNow: z.number(),
    worstUnits: z.array(RankedUnit),
    subject: z.string(),
    text: z.string(),
  })
  .meta({ id: 'WeeklyReport', description: 'The weekly report (also e-mailed to subscribers)' });
export type WeeklyReport = z.infer<typeof WeeklyReport>;

export const RebuildResult = z.object({ dossiers: z.number(), seconds: z.number() });
