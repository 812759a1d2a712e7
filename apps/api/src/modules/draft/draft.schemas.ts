import { ProcedureCode } from '@motcua/domain';
import { z } from 'zod';

/** Drafts of online submissions: whatever the web form saved, per account and procedure. */
export const DRAFT_MAX_BYTES = 256 * 1024;

export const DraftView = z
  .object({
    procedureCode: z.string(),
    data: z.record(z.string(), z.unknown()),
    updatedAt: z.string(),
  })
  .meta({ id: 'Draft' });
export type DraftView = z.infer<typeof DraftView>;

export const DraftListItem = z
  .object({ procedureCode: z.string(), procedureName: z.string(), updatedAt: z.string() })
  .meta({ id: 'DraftListItem' });

export const DraftList = z.object({ items: z.array(DraftListItem) });
export type DraftList = z.infer<typeof DraftList>;

export const DraftInput = z
  .strictObject({
    data: z
      .record(z.string(), z.unknown())
      .describe('The form state to keep (a JSON object of at most 256 KB)'),
  })
  .meta({ id: 'DraftSaveRequest' });
export type DraftInput = z.infer<typeof DraftInput>;

export const ProcedureCodeParam = z.strictObject({ procedureCode: ProcedureCode });
