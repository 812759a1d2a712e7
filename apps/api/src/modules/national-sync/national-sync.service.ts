import {
  CHANNEL_SYNC_CODE,
  DOSSIER_STATUS_SYNC_CODE,
  type Channel,
  type DossierStatus,
} from '@motcua/domain';
import { AppError } from '../../errors/app-error.ts';
import { integrationsFor } from '../../integrations/integrations.ts';
import type { NationalDossierRecord } from '../../integrations/national-portal.adapter.ts';
import { verifyBodySignature } from '../../integrations/webhook-signature.ts';
import { SYSTEM_ACTOR, type Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireRole } from '../../shared/authz.ts';
import { isPermanentDeliveryError } from '../../shared/delivery-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  findNationalPortalDossier,
  getDossier,
  getDossierForPrint,
  submitFromNationalPortal,
} from '../dossier/dossier.service.ts';
import { uploadFile } from '../file/file.service.ts';
import { enqueue } from '../outbox/outbox.service.ts';
import { outboxMaxAttempts } from '../outbox/outbox.schemas.ts';
import type { OutboxMessage } from '../outbox/outbox.worker.ts';
import {
  findSyncState,
  listOutOfSync,
  markSyncFailed,
  markSynced,
  markSyncWanted,
  syncTotals,
} from './national-sync.repository.ts';
import type { PortalDossierInput } from './national-sync.schemas.ts';

/**
 * National portal sync (issue 5, domain.md §5): every dossier state change is pushed to the
 * national public service portal with the national status codes 1–10. A push sends the dossier's
 * **current** state with its version, so pushes are idempotent and a late repeat is harmless;
 * `dossier_sync_state` records what the portal acknowledged, and the reconciliation report lists
 * what it does not have.
 */

interface DossierEventPayload {
  dossierId: string;
  code: string;
  version?: number;
}

/** Outbox handler of dossier events: queue a push of this dossier. */
export async function planNationalSync(ctx: AppContext, message: OutboxMessage): Promise<void> {
  if (!integrationsFor(ctx.config).nationalPortal) return;
  const p = message.payload as DossierEventPayload;
  const version = p.version ?? 1;
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    await markSyncWanted(trx, p.dossierId, version, now);
    await enqueue(
      trx,
      [
        {
          topic: 'national_sync.push',
          aggregateType: 'dossier',
          aggregateId: p.dossierId,
          payload: { dossierId: p.dossierId, code: p.code, version },
        },
      ],
      now,
    );
  });
}

function iso(value: string | null | undefined): string | null {
  return value ?? null;
}

/** Outbox handler of `national_sync.push`. */
export async function pushNationalSync(ctx: AppContext, message: OutboxMessage): Promise<void> {
  const adapter = integrationsFor(ctx.config).nationalPortal;
  if (!adapter) return;
  const p = message.payload as DossierEventPayload;
  const { detail, row } = await getDossierForPrint(ctx, SYSTEM_ACTOR, p.code);
  const state = await findSyncState(ctx.db, row.id);
  if (
    state?.syncedVersion !== null &&
    state?.syncedVersion !== undefined &&
    state.syncedVersion >= row.version
  ) {
    return; // the portal already has this version or a newer one
  }
  const statusCode = DOSSIER_STATUS_SYNC_CODE[row.status as DossierStatus];
  const record: NationalDossierRecord = {
    MaHoSo: row.code,
    MaTTHC: row.procedureCode,
    TrangThaiHoSo: statusCode,
    KenhThucHien: CHANNEL_SYNC_CODE[row.channel as Channel],
    DonViTiepNhan: detail.receivingUnit.agencyCode,
    CoQuanThucHien: detail.competentUnit.agencyCode,
    ChuHoSo: row.applicantName,
    NgayNopHoSo: detail.submittedAt,
    NgayTiepNhan: iso(detail.receivedAt),
    NgayHenTra: iso(detail.dueAt),
    NgayHenTraBanDau: iso(detail.originalDueAt),
    NgayKetThucXuLy: iso(detail.completedAt),
    NgayTra: iso(detail.returnedAt),
    PhienBan: row.version,
  };
  try {
    await adapter.pushDossier(record);
    await markSynced(ctx.db, row.id, { version: row.version, statusCode, at: ctx.clock() });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const isDead = isPermanentDeliveryError(error) || message.attempts >= outboxMaxAttempts(message.topic);
    await markSyncFailed(ctx.db, row.id, { error: text, isDead, at: ctx.clock() });
    throw error;
  }
}

/* ------------------------------------------------------------------ reports and repair */

export async function getReconciliationReport(ctx: AppContext, actor: Actor, query: { limit: number }) {
  requireRole(actor, 'admin', 'supervisor');
  const [totals, rows] = await Promise.all([
    syncTotals(ctx.db),
    listOutOfSync(ctx.db, { limit: query.limit }),
  ]);
  return {
    isConfigured: Boolean(integrationsFor(ctx.config).nationalPortal),
    totals,
    outOfSync: rows.map((r) => ({
      code: r.code,
      status: r.status,
      version: r.version,
      state: (r.state as 'pending' | 'synced' | 'failed' | 'dead' | null) ?? null,
      syncedVersion: r.syncedVersion ?? null,
      syncedStatusCode: r.syncedStatusCode ?? null,
      attempts: r.attempts ?? 0,
      lastError: r.lastError ?? null,
      syncedAt: r.syncedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}

/** Queues a push for dossiers the portal does not have (all out of sync, or the given codes). */
export async function requestResync(
  ctx: AppContext,
  actor: Actor,
  input: { codes?: string[] | undefined; limit: number },
  meta: { requestId?: string } = {},
) {
  requireRole(actor, 'admin');
  if (!integrationsFor(ctx.config).nationalPortal) {
    throw new AppError(
      'INTEGRATION_NOT_CONFIGURED',
      'The national portal is not configured (NATIONAL_PORTAL_URL)',
    );
  }
  const rows = await listOutOfSync(ctx.db, { limit: input.limit, codes: input.codes });
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    for (const r of rows) await markSyncWanted(trx, r.id, r.version, now);
    await enqueue(
      trx,
      rows.map((r) => ({
        topic: 'national_sync.push' as const,
        aggregateType: 'dossier',
        aggregateId: r.id,
        payload: { dossierId: r.id, code: r.code, version: r.version },
      })),
      now,
    );
    await recordAudit(
      trx,
      actor,
      {
        type: 'national_sync.resync_requested',
        entityType: 'national_sync',
        entityId: 'dvcqg',
        summary: { queued: rows.length },
      },
      { at: now, requestId: meta.requestId },
    );
  });
  return { queued: rows.length };
}

/** Sync state of one dossier (officers who can see it). */
export async function getDossierSync(ctx: AppContext, actor: Actor, code: string) {
  const d = await getDossier(ctx, actor, code);
  if (actor.type !== 'officer') throw new AppError('FORBIDDEN', 'Officers only');
  const s = await findSyncState(ctx.db, d.id);
  return {
    state: (s?.state as 'pending' | 'synced' | 'failed' | 'dead' | undefined) ?? null,
    syncedVersion: s?.syncedVersion ?? null,
    syncedStatusCode: s?.syncedStatusCode ?? null,
    syncedAt: s?.syncedAt?.toISOString() ?? null,
    lastError: s?.lastError ?? null,
    isConfigured: Boolean(integrationsFor(ctx.config).nationalPortal),
  };
}

/* ------------------------------------------------------------------ inbound push */

/** Checks the HMAC signature of an inbound push before anything else is read. */
export function verifyPortalSignature(ctx: AppContext, header: string | undefined, rawBody: string): void {
  const secret = ctx.config.NATIONAL_PORTAL_INBOUND_SECRET;
  if (!secret) throw new AppError('INTEGRATION_NOT_CONFIGURED', 'Inbound pushes are not configured');
  const check = verifyBodySignature(secret, header, rawBody, ctx.clock());
  if (!check.isValid)
    throw new AppError('SIGNATURE_INVALID', `Bad signature (${check.reason})`, { reason: check.reason });
}

/**
 * A dossier pushed by the national portal becomes an online submission (status 1), idempotent
 * by the portal's id. Inline files are stored first (as system uploads).
 */
export async function receivePortalDossier(
  ctx: AppContext,
  input: PortalDossierInput,
  meta: { requestId?: string } = {},
) {
  // A repeat of a push (same portal id) answers the dossier it created, before any file is stored.
  const existing = await findNationalPortalDossier(ctx, input.externalId);
  if (existing) {
    return {
      code: existing.code,
      status: existing.status,
      syncStatusCode: DOSSIER_STATUS_SYNC_CODE[existing.status],
      isReplay: true,
    };
  }
  const components = [];
  for (const c of input.components) {
    const fileIds: string[] = [];
    for (const f of c.files) {
      const stored = await uploadFile(
        ctx,
        SYSTEM_ACTOR,
        { data: Buffer.from(f.contentBase64, 'base64'), declaredType: f.contentType, fileName: f.name },
        meta,
      );
      fileIds.push(stored.id);
    }
    const { files: _files, ...rest } = c;
    components.push({ ...rest, fileIds });
  }
  const { externalId, ...submission } = input;
  const { dossier, isReplay } = await submitFromNationalPortal(
    ctx,
    { ...submission, channel: 'online', components },
    { externalId, requestId: meta.requestId },
  );
  return { code: dossier.code, status: dossier.status, syncStatusCode: dossier.syncStatusCode, isReplay };
}
