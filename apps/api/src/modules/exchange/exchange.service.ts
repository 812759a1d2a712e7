import crypto from 'node:crypto';
import {
  canAcknowledge,
  type ExchangeAckInput,
  type ExchangeStatus,
  type SendExchangeDocumentInput,
} from '@motcua/domain';
import { AppError } from '../../errors/app-error.ts';
import {
  createDocumentExchangeAdapter,
  type DocumentExchangeAdapter,
} from '../../integrations/document-exchange.adapter.ts';
import { verifyBodySignature } from '../../integrations/webhook-signature.ts';
import { SYSTEM_ACTOR, type Actor, type OfficerActor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireOfficer } from '../../shared/authz.ts';
import { isPermanentDeliveryError, PermanentDeliveryError } from '../../shared/delivery-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getDossier } from '../dossier/dossier.service.ts';
import type { DossierDetail } from '../dossier/dossier.schemas.ts';
import { readFile, readFileBytes, sniffContentType, storeFileInTransaction } from '../file/file.service.ts';
import { scanUpload } from '../antivirus/antivirus.service.ts';
import { findUnit, findUnitByCode } from '../organisation/organisation.service.ts';
import { enqueue } from '../outbox/outbox.service.ts';
import { outboxMaxAttempts } from '../outbox/outbox.schemas.ts';
import type { OutboxMessage } from '../outbox/outbox.worker.ts';
import {
  findDocument,
  insertDocument,
  linkDocumentFile,
  listDocumentsOfDossier,
  listInbox,
  lockByExternalId,
  lockDocument,
  updateDocument,
} from './exchange.repository.ts';
import type { ExchangedDocumentView, HubAttachment, HubInboundInput } from './exchange.schemas.ts';

/**
 * Inter-agency document exchange (issue 5, ADR 0014; "trục liên thông văn bản"): an officer sends
 * an official document of a dossier from one of their units to another unit of ours (delivered
 * in-process, it appears in that unit's inbox) or to an outside agency by its electronic code
 * (sent through the outbox to the exchange hub). The recipient acknowledges: received, accepted
 * or rejected with a reason. The hub pushes documents and acknowledgements back, HMAC-signed and
 * idempotent by the hub's id.
 */

type RequestMeta = { requestId?: string };
type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

function exchangeAdapterFor(ctx: AppContext): DocumentExchangeAdapter | undefined {
  const url = ctx.config.DOCUMENT_EXCHANGE_URL;
  if (!url) return undefined;
  return createDocumentExchangeAdapter({
    url,
    token: ctx.config.DOCUMENT_EXCHANGE_TOKEN,
    timeoutMs: ctx.config.INTEGRATION_TIMEOUT_MS,
  });
}

function toView(r: DocumentRow): ExchangedDocumentView {
  return {
    id: r.id,
    direction: r.direction as 'outbound' | 'inbound',
    dossierCode: r.dossierCode,
    sender: { unitId: r.senderUnitId, agencyCode: r.senderAgencyCode, name: r.senderName },
    recipient: { unitId: r.recipientUnitId, agencyCode: r.recipientAgencyCode, name: r.recipientName },
    isExternal: r.direction === 'inbound' || r.recipientUnitId === null,
    documentNumber: r.documentNumber,
    summary: r.summary,
    fileIds: r.fileIds,
    status: r.status as ExchangeStatus,
    rejectReason: r.rejectReason,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
  };
}

function unitIdsOf(actor: OfficerActor): string[] {
  return [...new Set(actor.grants.map((g) => g.unitId))];
}

function filesOf(d: DossierDetail): Set<string> {
  const ids = new Set<string>();
  for (const c of d.components) for (const f of c.files) ids.add(f.id);
  for (const f of d.otherFiles) ids.add(f.id);
  const resultFile = d.result?.['fileId'];
  if (typeof resultFile === 'string') ids.add(resultFile);
  return ids;
}

/** Exchanged documents of a dossier: officers who can see the dossier (citizens: not at all). */
export async function listDossierDocuments(ctx: AppContext, actor: Actor, code: string) {
  const dossier = await getDossier(ctx, actor, code);
  requireOfficer(actor);
  return (await listDocumentsOfDossier(ctx.db, dossier.id)).map(toView);
}

/** Sends a document of the dossier from one of the officer's units. */
export async function sendExchangeDocument(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: SendExchangeDocumentInput,
  meta: RequestMeta = {},
): Promise<ExchangedDocumentView> {
  requireOfficer(actor);
  const dossier = await getDossier(ctx, actor, code);
  if (!unitIdsOf(actor).includes(input.senderUnitId)) {
    throw new AppError('FORBIDDEN', 'You can send documents only on behalf of your own unit');
  }
  const sender = await findUnit(ctx, input.senderUnitId);
  if (!sender) throw new AppError('UNIT_NOT_FOUND', `Unit ${input.senderUnitId} not found`);
  const known = filesOf(dossier);
  const foreign = input.fileIds.filter((id) => !known.has(id));
  if (foreign.length > 0) {
    throw new AppError('FILE_NOT_FOUND', 'Only files of this dossier can be attached', { fileIds: foreign });
  }
  const recipient = input.recipientUnitId
    ? await findUnit(ctx, input.recipientUnitId)
    : await findUnitByCode(ctx, input.recipientAgencyCode ?? '');
  if (input.recipientUnitId && !recipient) {
    throw new AppError('UNIT_NOT_FOUND', `Unit ${input.recipientUnitId} not found`);
  }
  // Our own units are delivered in-process; outside agencies (unknown or `external` units) via the hub.
  const isInternal = recipient !== undefined && recipient.kind !== 'external';
  if (isInternal && recipient.id === sender.id) {
    throw new AppError('VALIDATION_FAILED', 'The recipient must be another unit');
  }
  const recipientAgencyCode = recipient?.agencyCode ?? input.recipientAgencyCode ?? '';
  if (!isInternal && !exchangeAdapterFor(ctx)) {
    throw new AppError(
      'INTEGRATION_NOT_CONFIGURED',
      'The document exchange hub is not configured (DOCUMENT_EXCHANGE_URL)',
    );
  }
  const now = ctx.clock();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertDocument(trx, {
      direction: 'outbound',
      dossierId: dossier.id,
      dossierCode: dossier.code,
      senderUnitId: sender.id,
      senderAgencyCode: sender.agencyCode,
      senderName: sender.name,
      recipientUnitId: isInternal ? recipient.id : null,
      recipientAgencyCode,
      recipientName: recipient?.name ?? recipientAgencyCode,
      documentNumber: input.documentNumber,
      summary: input.summary,
      fileIds: input.fileIds,
      status: isInternal ? 'sent' : 'queued',
      externalId: null,
      createdBy: actor.id,
      sentAt: isInternal ? now : null,
      now,
    });
    if (!inserted) throw new AppError('CONFLICT', 'The document could not be stored');
    await recordAudit(
      trx,
      actor,
      {
        type: 'exchange.document_sent',
        entityType: 'exchanged_document',
        entityId: inserted.id,
        summary: {
          dossierCode: dossier.code,
          documentNumber: input.documentNumber,
          recipientAgencyCode,
          isExternal: !isInternal,
        },
      },
      { at: now, requestId: meta.requestId },
    );
    if (!isInternal) {
      await enqueue(
        trx,
        [
          {
            topic: 'exchange.send',
            aggregateType: 'exchanged_document',
            aggregateId: inserted.id,
            payload: { documentId: inserted.id },
          },
        ],
        now,
      );
    }
    return inserted;
  });
  return toView(row);
}

/** Documents addressed to the officer's units (newest first). */
export async function listUnitInbox(ctx: AppContext, actor: Actor, query: { limit: number }) {
  requireOfficer(actor);
  return (await listInbox(ctx.db, unitIdsOf(actor), query.limit)).map(toView);
}

/** The recipient unit acknowledges a document; an inbound one is acknowledged to the hub too. */
export async function acknowledgeDocument(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  input: ExchangeAckInput,
  meta: RequestMeta = {},
): Promise<ExchangedDocumentView> {
  requireOfficer(actor);
  const now = ctx.clock();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const doc = await lockDocument(trx, documentId);
    if (!doc?.recipientUnitId || !unitIdsOf(actor).includes(doc.recipientUnitId)) {
      throw new AppError('NOT_FOUND', `No document ${documentId} in your inbox`);
    }
    if (!canAcknowledge(doc.status as ExchangeStatus, input.status)) {
      throw new AppError('CONFLICT', `The document is already ${doc.status}`, { status: doc.status });
    }
    await updateDocument(trx, doc.id, {
      status: input.status,
      rejectReason: input.status === 'rejected' ? (input.reason ?? null) : null,
      acknowledgedAt: now,
      updatedAt: now,
    });
    await recordAudit(
      trx,
      actor,
      {
        type: 'exchange.document_acknowledged',
        entityType: 'exchanged_document',
        entityId: doc.id,
        summary: { status: input.status, documentNumber: doc.documentNumber },
      },
      { at: now, requestId: meta.requestId },
    );
    if (doc.direction === 'inbound' && doc.externalId) {
      await enqueue(
        trx,
        [
          {
            topic: 'exchange.ack',
            aggregateType: 'exchanged_document',
            aggregateId: doc.id,
            payload: { documentId: doc.id, status: input.status, reason: input.reason ?? null },
          },
        ],
        now,
      );
    }
    return lockDocument(trx, doc.id);
  });
  if (!row) throw new AppError('NOT_FOUND', `No document ${documentId}`);
  return toView(row);
}

/* ------------------------------------------------------------------ outbox handlers */

/** `exchange.send`: sends one document (with its files) to the hub. */
export async function sendDocumentToHub(ctx: AppContext, message: OutboxMessage): Promise<void> {
  const { documentId } = message.payload as { documentId: string };
  const doc = await findDocument(ctx.db, documentId);
  if (!doc || doc.status !== 'queued') return;
  const adapter = exchangeAdapterFor(ctx);
  if (!adapter) {
    await updateDocument(ctx.db, doc.id, {
      lastError: 'The document exchange hub is not configured (DOCUMENT_EXCHANGE_URL)',
      updatedAt: ctx.clock(),
    });
    return;
  }
  try {
    const files = [];
    for (const id of doc.fileIds) {
      const { file, data } = await readFileBytes(ctx, id);
      files.push({
        name: file.originalName,
        contentType: file.contentType,
        contentBase64: data.toString('base64'),
      });
    }
    const { externalId } = await adapter.sendDocument({
      reference: doc.id,
      senderAgencyCode: doc.senderAgencyCode,
      senderName: doc.senderName,
      recipientAgencyCode: doc.recipientAgencyCode,
      documentNumber: doc.documentNumber,
      summary: doc.summary,
      dossierCode: doc.dossierCode,
      files,
    });
    const now = ctx.clock();
    await updateDocument(ctx.db, doc.id, {
      status: 'sent',
      externalId,
      lastError: null,
      sentAt: now,
      updatedAt: now,
    });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const isDead = isPermanentDeliveryError(error) || message.attempts >= outboxMaxAttempts(message.topic);
    await updateDocument(ctx.db, doc.id, {
      lastError: text.slice(0, 2000),
      updatedAt: ctx.clock(),
      ...(isDead ? { status: 'failed' } : {}),
    });
    throw error;
  }
}

/** `exchange.ack`: tells the hub how we acknowledged a document it delivered. */
export async function sendAcknowledgementToHub(ctx: AppContext, message: OutboxMessage): Promise<void> {
  const p = message.payload as {
    documentId: string;
    status: 'received' | 'accepted' | 'rejected';
    reason: string | null;
  };
  const doc = await findDocument(ctx.db, p.documentId);
  if (!doc?.externalId) return;
  const adapter = exchangeAdapterFor(ctx);
  if (!adapter) return;
  await adapter.sendAcknowledgement({ externalId: doc.externalId, status: p.status, reason: p.reason });
}

/** Id of the stored file of an attachment: derived from the document and the hub's attachment id, so a retried job can never store it twice. */
export function attachmentFileId(documentId: string, attachmentId: string): string {
  const h = crypto
    .createHash('sha256')
    .update(`exchange-attachment\0${documentId}\0${attachmentId}`)
    .digest('hex');
  // RFC 9562 version 8 (custom) UUID.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * `exchange.fetch_attachment`: downloads one attachment of an inbound document from the hub,
 * checks its size and SHA-256 (when the hub gave them), scans it (CLAMAV_URL) and stores it as a
 * file of the document. A hub that is down, a short or corrupt transfer (size or hash mismatch)
 * and a scanner that is down are retried; an infected file, a type we do not accept, a file
 * over the upload limit or a 4xx of the hub go to the dead-letter list at once.
 */
export async function fetchInboundAttachment(ctx: AppContext, message: OutboxMessage): Promise<void> {
  const { documentId, attachment } = message.payload as { documentId: string; attachment: HubAttachment };
  const doc = await findDocument(ctx.db, documentId);
  if (!doc || doc.direction !== 'inbound' || !doc.externalId) return;
  const fileId = attachmentFileId(doc.id, attachment.id);
  if (doc.fileIds.includes(fileId)) return;
  const label = `Attachment ${attachment.id} (${attachment.name})`;
  try {
    const adapter = exchangeAdapterFor(ctx);
    if (!adapter) {
      throw new PermanentDeliveryError(
        `${label}: the document exchange hub is not configured (DOCUMENT_EXCHANGE_URL); replay the message once it is`,
      );
    }
    const data = await adapter.fetchAttachment({
      documentId: doc.externalId,
      attachmentId: attachment.id,
      maxBytes: ctx.config.UPLOAD_MAX_MB * 1024 * 1024,
    });
    if (attachment.size !== undefined && data.length !== attachment.size) {
      throw new Error(`${label}: received ${data.length} bytes, the hub announced ${attachment.size}`);
    }
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    if (attachment.sha256 !== undefined && sha256 !== attachment.sha256) {
      throw new Error(
        `${label}: SHA-256 mismatch (the hub announced ${attachment.sha256}, received ${sha256})`,
      );
    }
    const contentType = sniffContentType(data);
    if (!contentType) throw new PermanentDeliveryError(`${label}: only PDF, JPEG and PNG files are accepted`);
    try {
      await scanUpload(ctx, { data });
    } catch (error) {
      if (error instanceof AppError && error.code === 'FILE_INFECTED') {
        throw new PermanentDeliveryError(
          `${label}: ${error.message} (${String(error.details?.['signature'])})`,
        );
      }
      if (error instanceof AppError) throw new Error(`${label}: ${error.message}`);
      throw error;
    }
    let storageKey: string | undefined;
    await ctx.db
      .transaction()
      .execute(async (trx) => {
        const locked = await lockDocument(trx, doc.id);
        if (!locked || locked.fileIds.includes(fileId)) return;
        const now = ctx.clock();
        const stored = await storeFileInTransaction(ctx, trx, SYSTEM_ACTOR, {
          id: fileId,
          data,
          fileName: attachment.name,
          contentType,
          uploadedBy: { type: 'system', id: null },
          now,
        });
        storageKey = stored.storageKey;
        await linkDocumentFile(trx, doc.id, fileId, {
          // A failure of this attachment recorded earlier is over.
          ...(locked.lastError?.startsWith(`${label}:`) ? { lastError: null } : {}),
          updatedAt: now,
        });
      })
      .catch(async (error: unknown) => {
        if (storageKey) await ctx.files.remove(storageKey).catch(() => undefined);
        throw error;
      });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    await updateDocument(ctx.db, doc.id, { lastError: text.slice(0, 2000), updatedAt: ctx.clock() });
    throw error;
  }
}

/**
 * Downloads a file of an exchanged document: officers of its recipient or sender unit, and
 * officers who can see its dossier (like the document itself); anyone else gets 404.
 */
export async function readExchangedDocumentFile(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  fileId: string,
) {
  requireOfficer(actor);
  const doc = await findDocument(ctx.db, documentId);
  const notFound = () => new AppError('NOT_FOUND', `No document ${documentId} with file ${fileId}`);
  if (!doc) throw notFound();
  const units = unitIdsOf(actor);
  let isAllowed =
    (doc.recipientUnitId !== null && units.includes(doc.recipientUnitId)) ||
    (doc.senderUnitId !== null && units.includes(doc.senderUnitId));
  if (!isAllowed && doc.dossierCode) {
    try {
      isAllowed = (await getDossier(ctx, actor, doc.dossierCode)).id === doc.dossierId;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'DOSSIER_NOT_FOUND')) throw error;
    }
  }
  if (!isAllowed || !doc.fileIds.includes(fileId)) throw notFound();
  return readFile(ctx, SYSTEM_ACTOR, fileId);
}

/* ------------------------------------------------------------------ inbound from the hub */

export function verifyHubSignature(ctx: AppContext, header: string | undefined, rawBody: string): void {
  const secret = ctx.config.DOCUMENT_EXCHANGE_INBOUND_SECRET;
  if (!secret) throw new AppError('INTEGRATION_NOT_CONFIGURED', 'Inbound exchange is not configured');
  const check = verifyBodySignature(secret, header, rawBody, ctx.clock());
  if (!check.isValid)
    throw new AppError('SIGNATURE_INVALID', `Bad signature (${check.reason})`, { reason: check.reason });
}

async function findDossierIdByCode(ctx: AppContext, code: string | undefined): Promise<string | null> {
  if (!code) return null;
  try {
    return (await getDossier(ctx, SYSTEM_ACTOR, code)).id;
  } catch (error) {
    if (error instanceof AppError && error.code === 'DOSSIER_NOT_FOUND') return null;
    throw error;
  }
}

/** A document for one of our units, or the acknowledgement of one we sent; repeats change nothing. */
export async function receiveFromHub(ctx: AppContext, input: HubInboundInput) {
  const now = ctx.clock();
  if (input.type === 'document') {
    const recipient = await findUnitByCode(ctx, input.recipientAgencyCode);
    if (!recipient || recipient.kind === 'external') {
      throw new AppError(
        'UNIT_NOT_FOUND',
        `No unit of ours has the agency code ${input.recipientAgencyCode}`,
      );
    }
    const dossierId = await findDossierIdByCode(ctx, input.dossierCode);
    // The document and the jobs fetching its attachments commit together: a hub that is down
    // when we fetch loses nothing (the jobs are retried), and the document is kept either way.
    const inserted = await ctx.db.transaction().execute(async (trx) => {
      const row = await insertDocument(trx, {
        direction: 'inbound',
        dossierId,
        dossierCode: input.dossierCode ?? null,
        senderUnitId: null,
        senderAgencyCode: input.senderAgencyCode,
        senderName: input.senderName,
        recipientUnitId: recipient.id,
        recipientAgencyCode: recipient.agencyCode,
        recipientName: recipient.name,
        documentNumber: input.documentNumber,
        summary: input.summary,
        fileIds: [],
        status: 'sent',
        externalId: input.id,
        createdBy: null,
        sentAt: now,
        now,
      });
      if (row && input.attachments.length > 0) {
        await enqueue(
          trx,
          input.attachments.map((attachment) => ({
            topic: 'exchange.fetch_attachment' as const,
            aggregateType: 'exchanged_document',
            aggregateId: row.id,
            payload: { documentId: row.id, attachment },
          })),
          now,
        );
      }
      return row;
    });
    if (inserted) return { documentId: inserted.id, status: 'sent' as const, isDuplicate: false };
    const existing = await ctx.db.transaction().execute((trx) => lockByExternalId(trx, 'inbound', input.id));
    if (!existing) throw new AppError('CONFLICT', 'The document could not be stored');
    return { documentId: existing.id, status: existing.status as ExchangeStatus, isDuplicate: true };
  }
  return ctx.db.transaction().execute(async (trx) => {
    const doc = await lockByExternalId(trx, 'outbound', input.id);
    if (!doc) throw new AppError('NOT_FOUND', `No document sent as ${input.id}`);
    if (!canAcknowledge(doc.status as ExchangeStatus, input.status)) {
      // A repeated or late acknowledgement: recorded already, nothing changes.
      return { documentId: doc.id, status: doc.status as ExchangeStatus, isDuplicate: true };
    }
    if (input.status === 'rejected' && !input.reason) {
      throw new AppError('VALIDATION_FAILED', 'A rejection needs a reason');
    }
    await updateDocument(trx, doc.id, {
      status: input.status,
      rejectReason: input.status === 'rejected' ? (input.reason ?? null) : null,
      acknowledgedAt: now,
      updatedAt: now,
    });
    return { documentId: doc.id, status: input.status, isDuplicate: false };
  });
}
