import {
  AgencyCode,
  Channel,
  DeadlineRuleSchema,
  ImplementingLevel,
  LocalDateString,
  OnlineServiceLevel,
  ProcedureCode,
  CatalogFile,
  ProcedureVersionContent,
  VersionStatus,
} from '@motcua/domain';
import { z } from 'zod';

/** Request and response schemas of the catalog (procedure) module. */

const VersionNo = z.coerce.number().int().min(1).max(100_000);

/** The content of a version (packages/domain), named once in the OpenAPI document. */
export const VersionContent = ProcedureVersionContent.meta({ id: 'ProcedureVersionContent' });

export const ProcedureCodeParams = z.strictObject({ code: ProcedureCode });

export const VersionParams = z.strictObject({ code: ProcedureCode, versionNo: VersionNo });

export const ProcedureSearchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .meta({ description: 'Words of the name or the code, with or without diacritics' }),
  field: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/)
    .optional()
    .meta({ description: 'Field (lĩnh vực) code' }),
  level: ImplementingLevel.optional(),
  agencyCode: AgencyCode.optional().meta({ description: 'Agency code of the competent agency' }),
  channel: Channel.optional().meta({ description: 'Only procedures offered on this channel (e.g. online)' }),
  onlineServiceLevel: OnlineServiceLevel.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ProcedureSearchQuery = z.infer<typeof ProcedureSearchQuery>;

export const FieldsQuery = z.strictObject({ level: ImplementingLevel.optional() });

export const ProcedureDetailQuery = z.strictObject({
  version: VersionNo.optional().meta({
    description: 'A published version number (drafts: administrators only)',
  }),
});

export const ExportQuery = z.strictObject({
  includeDrafts: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .meta({ description: 'Administrators only' }),
});

const CompetentAgency = z.object({
  code: z.string(),
  name: z
    .string()
    .nullable()
    .meta({ description: 'Name of the unit with this agency code; null if no such unit exists' }),
});

export const ProcedureSummary = z
  .object({
    code: z.string(),
    name: z.string(),
    field: z.object({ code: z.string(), name: z.string() }),
    level: ImplementingLevel,
    competentAgency: CompetentAgency.nullable(),
    processingTime: DeadlineRuleSchema,
    onlineServiceLevel: OnlineServiceLevel,
    channels: z.array(Channel),
    feeTotal: z
      .object({ counter: z.number().nullable(), online: z.number().nullable() })
      .meta({ description: 'Fees and charges in VND per channel; null when the channel is not offered' }),
    versionNo: z.number().int(),
    effectiveFrom: z.string(),
  })
  .meta({ id: 'ProcedureSummary' });
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;

export const ProcedureSearchResult = z
  .object({
    items: z.array(ProcedureSummary),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'ProcedureSearchResult' });
export type ProcedureSearchResult = z.infer<typeof ProcedureSearchResult>;

export const ProcedureField = z
  .object({ code: z.string(), name: z.string(), count: z.number().int() })
  .meta({ id: 'ProcedureField' });
export type ProcedureField = z.infer<typeof ProcedureField>;

export const VersionListItem = z.object({
  versionNo: z.number().int(),
  status: VersionStatus,
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type VersionListItem = z.infer<typeof VersionListItem>;

export const ProcedureVersionView = z
  .object({
    procedureCode: z.string(),
    versionId: z.uuid(),
    versionNo: z.number().int(),
    status: VersionStatus,
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    isInForce: z.boolean().meta({ description: 'Published and in force today (Vietnam date)' }),
    createdAt: z.string(),
    publishedAt: z.string().nullable(),
    competentAgency: CompetentAgency.nullable(),
    content: VersionContent,
  })
  .meta({ id: 'ProcedureVersion' });
export type ProcedureVersionView = z.infer<typeof ProcedureVersionView>;

export const ProcedureDetail = ProcedureVersionView.extend({
  versions: z
    .array(VersionListItem)
    .meta({ description: 'Published versions (and drafts, for administrators), by number' }),
}).meta({ id: 'ProcedureDetail' });
export type ProcedureDetail = z.infer<typeof ProcedureDetail>;

export const CreateProcedureInput = z.strictObject({
  code: ProcedureCode,
  effectiveFrom: LocalDateString,
  content: VersionContent,
});
export type CreateProcedureInput = z.infer<typeof CreateProcedureInput>;

const NewVersionFields = z.strictObject({
  effectiveFrom: LocalDateString.optional().meta({ description: 'Default: today (Vietnam date)' }),
  content: VersionContent.optional().meta({ description: 'Default: a copy of the latest version' }),
});
/** The body is optional: no body (or `{}`) copies the latest version, taking effect today. */
export const NewVersionInput = NewVersionFields.nullish().transform((body) => body ?? {});
export type NewVersionInput = z.infer<typeof NewVersionFields>;

export const SaveDraftInput = z.strictObject({
  effectiveFrom: LocalDateString,
  content: VersionContent,
});
export type SaveDraftInput = z.infer<typeof SaveDraftInput>;

export const CatalogProblemView = z.object({
  path: z.string(),
  code: z.string().meta({ example: 'STEP_BUDGETS_MISMATCH' }),
  message: z.string(),
});
export type CatalogProblemView = z.infer<typeof CatalogProblemView>;

export const VersionValidation = z
  .object({
    procedureCode: z.string(),
    versionNo: z.number().int(),
    status: VersionStatus,
    isPublishable: z.boolean(),
    problems: z.array(CatalogProblemView),
  })
  .meta({ id: 'VersionValidation' });
export type VersionValidation = z.infer<typeof VersionValidation>;

/**
 * The import body: the envelope is checked here; every procedure entry is checked by the import
 * itself against `CatalogProcedureEntry`, so that all problems are reported at once as
 * CATALOG_IMPORT_INVALID (path + message), the same way for the HTTP route and the CLI.
 */
export const CatalogImportBody = z
  .strictObject({
    format: z.literal('motcua.catalog/v1'),
    exportedAt: z.string().optional(),
    procedures: z
      .array(
        z.unknown().meta({
          description:
            'CatalogProcedureEntry: { code, versions: [{ versionNo, status, effectiveFrom, effectiveTo?, content }] }',
        }),
      )
      .max(20_000),
  })
  .meta({
    description: 'A catalog file (CatalogFile, format motcua.catalog/v1), e.g. from GET /api/catalog/export',
  });

export const CatalogImportReport = z
  .object({
    procedures: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
    }),
    versions: z.object({
      created: z.number().int(),
      replaced: z.number().int(),
      unchanged: z.number().int(),
    }),
  })
  .meta({ id: 'CatalogImportReport' });
export type CatalogImportReport = z.infer<typeof CatalogImportReport>;

export const CatalogFileView = CatalogFile.meta({ id: 'CatalogFile' });
