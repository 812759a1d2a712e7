import type { DbTransaction } from '../../db/database.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireCitizen, requireRole } from '../../shared/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { readFileBytes, storeFileInTransaction } from '../file/file.service.ts';
import type { AcceptedContentType, FileView } from '../file/file.schemas.ts';
import {
  findAccountIdNumber,
  findIssuedResultBySignedSha256,
  insertDocumentReuse,
  insertIssuedResult,
  listIssuedResultsOfAccount,
  listIssuedResultsOfIdNumber,
  listSubmittedComponentFiles,
} from './result.repository.ts';
import type {
  ApplicantResults,
  IssuedResultView,
  MyDocuments,
  ReuseDocumentInput,
  SigningMode,
  StoredDocumentView,
} from './result.schemas.ts';

/**
 * Results repository and the citizen's data store (ADR 0013): every issued result is kept per
 * applicant (ID number and account) with its signed document; a citizen sees their results and
 * the documents they already gave on earlier dossiers, and can attach one to a new dossier
 * without uploading it again ("never ask twice"). Officers see an applicant's results by ID
 * number, and every such look is audited.
 */

type IssuedResultRow = Awaited<ReturnType<typeof listIssuedResultsOfIdNumber>>[number];

function toView(r: IssuedResultRow): IssuedResultView {
  return {
    dossierCode: r.dossierCode,
    applicantName: r.applicantName,
    applicantIdNumber: r.applicantIdNumber,
    resultNumber: r.resultNumber,
    summary: r.summary,
    issuedAt: r.issuedAt.toISOString(),
    signingMode: r.signingMode as SigningMode,
    signerName: r.signerName,
    signedAt: r.signedAt?.toISOString() ?? null,
    fileId: r.signedFileId ?? r.originalFileId,
    originalFileId: r.originalFileId,
  };
}

export interface IssuedResultRecord {
  dossierId: string;
  dossierCode: string;
  applicantAccountId: string | null;
  applicantIdNumber: string | null;
  applicantName: string;
  resultNumber: string;
  summary: string;
  originalFileId: string | null;
  signedFileId: string | null;
  signedSha256: string | null;
  signingMode: SigningMode;
  signerName: string | null;
  signedAt: Date | null;
  issuedAt: Date;
  issuedBy: string | null;
}

/** Writes the result into the repository inside the issue_result transaction. */
export async function recordIssuedResult(trx: DbTransaction, record: IssuedResultRecord): Promise<void> {
  await insertIssuedResult(trx, record);
}

/** Our issued result whose signed PDF has this SHA-256, if any (the verification page). */
export async function findIssuedResultBySignedHash(
  ctx: AppContext,
  sha256: string,
): Promise<IssuedResultView | null> {
  const r = await findIssuedResultBySignedSha256(ctx.db, sha256);
  return r ? toView(r) : null;
}

/** An officer (counter intake) looks up an applicant's issued results by ID number; audited. */
export async function listApplicantResults(
  ctx: AppContext,
  actor: Actor,
  idNumber: string,
  meta: { requestId?: string | undefined } = {},
): Promise<ApplicantResults> {
  // An applicant's results are shown to the counter that receives their new dossier, not to
  // every officer (ADR 0013).
  requireRole(actor, 'receiving_officer');
  const rows = await listIssuedResultsOfIdNumber(ctx.db, idNumber);
  await recordAudit(
    ctx.db,
    actor,
    {
      type: 'result.repository_viewed',
      entityType: 'person',
      entityId: idNumber,
      summary: { results: rows.length },
    },
    { at: ctx.clock(), requestId: meta.requestId },
  );
  return { idNumber, results: rows.map(toView) };
}

async function storedDocumentsOf(ctx: AppContext, accountId: string): Promise<StoredDocumentView[]> {
  const rows = await listSubmittedComponentFiles(ctx.db, accountId);
  // One entry per distinct content: the newest submission of it.
  const seen = new Set<string>();
  const out: StoredDocumentView[] = [];
  for (const r of rows) {
    if (seen.has(r.sha256)) continue;
    seen.add(r.sha256);
    out.push({
      fileId: r.fileId,
      componentCode: r.componentCode,
      componentName: r.componentName,
      dossierCode: r.dossierCode,
      originalName: r.originalName,
      contentType: r.contentType,
      sizeBytes: Number(r.sizeBytes),
      addedAt: r.addedAt.toISOString(),
    });
  }
  return out;
}

/** GET /api/me/documents: the citizen's results and the documents they already gave. */
export async function listMyDocuments(ctx: AppContext, actor: Actor): Promise<MyDocuments> {
  requireCitizen(actor);
  const idNumber = await findAccountIdNumber(ctx.db, actor.id);
  const results = await listIssuedResultsOfAccount(ctx.db, actor.id, idNumber);
  return { results: results.map(toView), documents: await storedDocumentsOf(ctx, actor.id) };
}

/**
 * Attaches a document the citizen already gave to a new dossier: the server copies the stored
 * file into a new file owned by the citizen (the id is attached like an upload's) and records the
 * reuse. Only files in the citizen's own store qualify; anything else is DOCUMENT_NOT_REUSABLE.
 */
export async function reuseDocument(
  ctx: AppContext,
  actor: Actor,
  input: ReuseDocumentInput,
  meta: { requestId?: string | undefined } = {},
): Promise<FileView> {
  requireCitizen(actor);
  const mine = await listMyDocuments(ctx, actor);
  const isMine =
    mine.documents.some((d) => d.fileId === input.fileId) ||
    mine.results.some((r) => r.fileId === input.fileId);
  if (!isMine) throw new AppError('DOCUMENT_NOT_REUSABLE', 'This document is not in your data store');
  const { file, data } = await readFileBytes(ctx, input.fileId);
  const now = ctx.clock();
  let storedKey: string | undefined;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const copy = await storeFileInTransaction(ctx, trx, actor, {
        data,
        fileName: file.originalName,
        contentType: file.contentType as AcceptedContentType,
        uploadedBy: { type: 'citizen', id: actor.id },
        now,
      });
      storedKey = copy.storageKey;
      await insertDocumentReuse(trx, {
        applicantAccountId: actor.id,
        sourceFileId: file.id,
        newFileId: copy.id,
        componentCode: input.componentCode ?? null,
        reusedAt: now,
      });
      await recordAudit(
        trx,
        actor,
        {
          type: 'document.reused',
          entityType: 'file',
          entityId: copy.id,
          summary: { sourceFileId: file.id, componentCode: input.componentCode ?? null },
        },
        { at: now, requestId: meta.requestId },
      );
      const { storageKey: _key, ...view } = copy;
      return view;
    });
  } catch (error) {
    if (storedKey) await ctx.files.remove(storedKey).catch(() => undefined);
    throw error;
  }
}
