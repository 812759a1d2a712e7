import {
  ApplicantSchema,
  IntakeComponentSchema,
  ProcedureCode,
  RepresentativeSchema,
  ResultDelivery,
} from '@motcua/domain';
import { FormValue } from '@motcua/domain';
import { z } from 'zod';

export const SyncState = z.enum(['pending', 'synced', 'failed', 'dead']);

export const ReconciliationReport = z.object({
  isConfigured: z.boolean(),
  totals: z.object({
    dossiers: z.number(),
    synced: z.number(),
    pending: z.number(),
    failed: z.number(),
    dead: z.number(),
    never: z.number().meta({ description: 'Dossiers never queued for sync (e.g. imported history)' }),
    behind: z.number().meta({ description: 'Synced, but the portal has an older version' }),
  }),
  outOfSync: z.array(
    z.object({
      code: z.string(),
      status: z.string(),
      version: z.number(),
      state: SyncState.nullable(),
      syncedVersion: z.number().nullable(),
      syncedStatusCode: z.number().nullable(),
      attempts: z.number(),
      lastError: z.string().nullable(),
      syncedAt: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
});

export const ReconciliationQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const ResyncInput = z.strictObject({
  codes: z.array(z.string().min(1).max(100)).min(1).max(1000).optional(),
  limit: z.number().int().min(1).max(5000).default(1000),
});

export const DossierSyncView = z.object({
  state: SyncState.nullable(),
  syncedVersion: z.number().nullable(),
  syncedStatusCode: z.number().nullable(),
  syncedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  isConfigured: z.boolean(),
});

/** A file sent inline with a pushed dossier (base64; the request is limited to 2 MB). */
const InlineFile = z.strictObject({
  name: z.string().min(1).max(200),
  contentType: z.string().min(3).max(100),
  contentBase64: z.string().min(4),
});

/** A dossier pushed by the national portal (DVCQG): its id there, and the submission. */
export const PortalDossierInput = z.strictObject({
  externalId: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/)
    .meta({
      description: 'Id of the dossier on the national portal; a repeat with the same id is idempotent',
    }),
  procedureCode: ProcedureCode,
  variantCode: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .optional(),
  competentUnitId: z.uuid().optional(),
  receivingUnitId: z.uuid().optional(),
  applicant: ApplicantSchema,
  representative: RepresentativeSchema.optional(),
  formData: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,60}$/), FormValue).default({}),
  components: z
    .array(
      IntakeComponentSchema.omit({ fileIds: true }).extend({
        files: z.array(InlineFile).max(20).default([]),
      }),
    )
    .max(100)
    .default([]),
  resultDelivery: ResultDelivery.default('online'),
});
export type PortalDossierInput = z.infer<typeof PortalDossierInput>;

export const PortalDossierAnswer = z.object({
  code: z.string().meta({ description: 'Dossier code (mã hồ sơ) given by the province' }),
  status: z.string(),
  syncStatusCode: z.number(),
  isReplay: z.boolean(),
});
