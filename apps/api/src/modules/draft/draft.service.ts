import { toLocalDate } from '@motcua/domain';
import type { DbExecutor } from '../../db/database.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor, CitizenActor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireCitizen } from '../../shared/authz.ts';
import {
  deleteDraftRow,
  findDraft,
  isProcedureOffered,
  listDraftsOfAccount,
  upsertDraft,
} from './draft.repository.ts';
import { DRAFT_MAX_BYTES, type DraftList, type DraftView } from './draft.schemas.ts';

/**
 * Drafts of online submissions (bản nháp): a citizen account keeps at most one per procedure, so
 * a long form can be finished later or on another device. The server stores the form state as
 * given; it is validated only when the dossier is submitted, which deletes the draft.
 */

function toView(row: { procedureCode: string; data: unknown; updatedAt: Date }): DraftView {
  return {
    procedureCode: row.procedureCode,
    data: (row.data ?? {}) as Record<string, unknown>,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function draftNotFound(procedureCode: string): AppError {
  return new AppError('DRAFT_NOT_FOUND', `You have no draft for procedure ${procedureCode}`);
}

async function requireOfferedProcedure(ctx: AppContext, procedureCode: string): Promise<void> {
  if (!(await isProcedureOffered(ctx.db, procedureCode)))
    throw new AppError('PROCEDURE_NOT_FOUND', `Procedure ${procedureCode} not found`);
}

export async function listDrafts(ctx: AppContext, actor: Actor): Promise<DraftList> {
  requireCitizen(actor);
  const rows = await listDraftsOfAccount(ctx.db, actor.id, toLocalDate(ctx.clock()));
  return {
    items: rows.map((r) => ({
      procedureCode: r.procedureCode,
      procedureName: r.procedureName ?? r.procedureCode,
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}

export async function getDraft(ctx: AppContext, actor: Actor, procedureCode: string): Promise<DraftView> {
  requireCitizen(actor);
  const row = await findDraft(ctx.db, actor.id, procedureCode);
  if (row) return toView(row);
  await requireOfferedProcedure(ctx, procedureCode);
  throw draftNotFound(procedureCode);
}

export async function putDraft(
  ctx: AppContext,
  actor: Actor,
  procedureCode: string,
  data: Record<string, unknown>,
): Promise<DraftView> {
  requireCitizen(actor);
  const json = JSON.stringify(data);
  if (Buffer.byteLength(json, 'utf8') > DRAFT_MAX_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', `A draft is limited to ${DRAFT_MAX_BYTES / 1024} KB of JSON`, {
      maxBytes: DRAFT_MAX_BYTES,
    });
  // PostgreSQL jsonb cannot hold the NUL character.
  if (json.includes('\\u0000'))
    throw new AppError('VALIDATION_FAILED', 'The draft contains a NUL character (\\u0000)');
  await requireOfferedProcedure(ctx, procedureCode);
  const row = await upsertDraft(ctx.db, {
    applicantAccountId: actor.id,
    procedureCode,
    data: json,
    updatedAt: ctx.clock(),
  });
  return toView(row);
}

/** Deletes the draft; deleting a draft that does not exist (any more) is not an error. */
export async function deleteDraft(ctx: AppContext, actor: Actor, procedureCode: string): Promise<void> {
  requireCitizen(actor);
  await requireOfferedProcedure(ctx, procedureCode);
  await deleteDraftRow(ctx.db, actor.id, procedureCode);
}

/** Called inside the online-submission transaction: the submitted draft is gone with the commit. */
export async function discardDraftOnSubmit(
  trx: DbExecutor,
  actor: CitizenActor,
  procedureCode: string,
): Promise<void> {
  await deleteDraftRow(trx, actor.id, procedureCode);
}
