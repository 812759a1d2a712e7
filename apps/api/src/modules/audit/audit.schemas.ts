import { z } from 'zod';

/**
 * The closed, documented set of audit events (conventions §7). Each carries a curated summary:
 * what changed, never raw payloads, passwords or tokens.
 */
const s = z.record(z.string(), z.unknown());

export const AuditEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('auth.login_succeeded'),
    entityType: z.literal('session'),
    entityId: z.string(),
    summary: z.object({ actorType: z.string() }),
  }),
  z.object({
    type: z.literal('auth.login_failed'),
    entityType: z.literal('session'),
    entityId: z.string(),
    summary: z.object({ identifier: z.string(), reason: z.string() }),
  }),
  z.object({
    type: z.literal('auth.logout'),
    entityType: z.literal('session'),
    entityId: z.string(),
    summary: s,
  }),
  z.object({
    type: z.literal('applicant.registered'),
    entityType: z.literal('applicant'),
    entityId: z.string(),
    summary: z.object({ kind: z.string() }),
  }),
  z.object({
    type: z.literal('officer.created'),
    entityType: z.literal('officer'),
    entityId: z.string(),
    summary: z.object({ username: z.string() }),
  }),
  z.object({
    type: z.literal('officer.role_granted'),
    entityType: z.literal('officer'),
    entityId: z.string(),
    summary: z.object({ role: z.string(), unitId: z.string(), delegated: z.boolean() }),
  }),
  z.object({
    type: z.literal('officer.role_revoked'),
    entityType: z.literal('officer'),
    entityId: z.string(),
    summary: z.object({ roleId: z.string() }),
  }),
  z.object({
    type: z.literal('unit.created'),
    entityType: z.literal('unit'),
    entityId: z.string(),
    summary: z.object({ agencyCode: z.string(), name: z.string() }),
  }),
  z.object({
    type: z.literal('unit.updated'),
    entityType: z.literal('unit'),
    entityId: z.string(),
    summary: z.object({ changed: z.array(z.string()) }),
  }),
  z.object({
    type: z.literal('procedure.created'),
    entityType: z.literal('procedure'),
    entityId: z.string(),
    summary: z.object({ code: z.string() }),
  }),
  z.object({
    type: z.literal('procedure_version.saved'),
    entityType: z.literal('procedure_version'),
    entityId: z.string(),
    summary: z.object({ code: z.string(), versionNo: z.number() }),
  }),
  z.object({
    type: z.literal('procedure_version.published'),
    entityType: z.literal('procedure_version'),
    entityId: z.string(),
    summary: z.object({ code: z.string(), versionNo: z.number(), effectiveFrom: z.string() }),
  }),
  z.object({
    type: z.literal('catalog.imported'),
    entityType: z.literal('catalog'),
    entityId: z.string(),
    summary: z.object({ procedures: z.number(), versions: z.number() }),
  }),
  z.object({
    type: z.literal('calendar.override_set'),
    entityType: z.literal('calendar'),
    entityId: z.string(),
    summary: z.object({ kind: z.string(), name: z.string() }),
  }),
  z.object({
    type: z.literal('calendar.override_removed'),
    entityType: z.literal('calendar'),
    entityId: z.string(),
    summary: s,
  }),
  z.object({
    type: z.literal('dossier.created'),
    entityType: z.literal('dossier'),
    entityId: z.string(),
    summary: z.object({
      code: z.string(),
      channel: z.string(),
      status: z.string(),
      procedureCode: z.string(),
    }),
  }),
  z.object({
    type: z.literal('dossier.transitioned'),
    entityType: z.literal('dossier'),
    entityId: z.string(),
    summary: z.object({
      code: z.string(),
      action: z.string(),
      from: z.string(),
      to: z.string(),
      version: z.number(),
    }),
  }),
  z.object({
    type: z.literal('dossier.document_printed'),
    entityType: z.literal('dossier'),
    entityId: z.string(),
    summary: z.object({ code: z.string(), form: z.string() }),
  }),
  z.object({
    type: z.literal('dossier.rated'),
    entityType: z.literal('dossier'),
    entityId: z.string(),
    summary: z.object({ code: z.string(), score: z.number(), channel: z.enum(['account', 'lookup']) }),
  }),
  z.object({
    type: z.literal('file.uploaded'),
    entityType: z.literal('file'),
    entityId: z.string(),
    summary: z.object({ contentType: z.string(), sizeBytes: z.number() }),
  }),
  z.object({
    type: z.literal('upload.started'),
    entityType: z.literal('upload_session'),
    entityId: z.string(),
    summary: z.object({ contentType: z.string(), sizeBytes: z.number() }),
  }),
  z.object({
    type: z.literal('upload.completed'),
    entityType: z.literal('upload_session'),
    entityId: z.string(),
    summary: z.object({ fileId: z.string(), sizeBytes: z.number() }),
  }),
  z.object({
    type: z.literal('upload.rejected'),
    entityType: z.literal('upload_session'),
    entityId: z.string(),
    summary: z.object({
      declaredType: z.string(),
      detectedType: z.string().nullable(),
      sizeBytes: z.number(),
    }),
  }),
  z.object({
    type: z.literal('upload.cancelled'),
    entityType: z.literal('upload_session'),
    entityId: z.string(),
    summary: z.object({ offsetBytes: z.number(), sizeBytes: z.number(), isComplete: z.boolean() }),
  }),
  z.object({
    type: z.literal('upload.expired'),
    entityType: z.literal('upload_session'),
    entityId: z.string(),
    summary: z.object({ offsetBytes: z.number(), sizeBytes: z.number(), isComplete: z.boolean() }),
  }),
  z.object({
    type: z.literal('webhook.subscribed'),
    entityType: z.literal('webhook_subscription'),
    entityId: z.string(),
    summary: z.object({ name: z.string(), url: z.string(), eventTypes: z.array(z.string()) }),
  }),
  z.object({
    type: z.literal('webhook.deactivated'),
    entityType: z.literal('webhook_subscription'),
    entityId: z.string(),
    summary: z.object({ name: z.string() }),
  }),
  z.object({
    type: z.literal('national_sync.resync_requested'),
    entityType: z.literal('national_sync'),
    entityId: z.string(),
    summary: z.object({ queued: z.number() }),
  }),
  z.object({
    type: z.literal('dossier.imported'),
    entityType: z.literal('dossier_import'),
    entityId: z.string(),
    summary: z.object({
      source: z.string(),
      dossiers: z.number(),
      firstCode: z.string().nullable(),
      lastCode: z.string().nullable(),
    }),
  }),
  z.object({
    type: z.literal('dataset.generated'),
    entityType: z.literal('dataset'),
    entityId: z.string(),
    summary: z.object({ dossiers: z.number(), templates: z.number(), detail: z.string() }),
  }),
  z.object({
    type: z.literal('statistics.boundaries_uploaded'),
    entityType: z.literal('map_boundary'),
    entityId: z.string(),
    summary: z.object({ name: z.string(), features: z.number(), matched: z.number() }),
  }),
  z.object({
    type: z.literal('statistics.boundaries_removed'),
    entityType: z.literal('map_boundary'),
    entityId: z.string(),
    summary: s,
  }),
  z.object({
    type: z.literal('statistics.subscription_created'),
    entityType: z.literal('report_subscription'),
    entityId: z.string(),
    summary: z.object({ unitId: z.string(), recipients: z.number() }),
  }),
  z.object({
    type: z.literal('statistics.subscription_cancelled'),
    entityType: z.literal('report_subscription'),
    entityId: z.string(),
    summary: s,
  }),
  z.object({
    type: z.literal('statistics.rebuilt'),
    entityType: z.literal('statistics'),
    entityId: z.string(),
    summary: z.object({ dossiers: z.number(), seconds: z.number() }),
  }),
  z.object({
    type: z.literal('population.looked_up'),
    entityType: z.literal('person'),
    entityId: z.string(),
    summary: z.object({ purpose: z.string(), dossierCode: z.string().nullable(), outcome: z.string() }),
  }),
  z.object({
    type: z.literal('result.signed'),
    entityType: z.literal('dossier'),
    entityId: z.string(),
    summary: z.object({ code: z.string(), resultNumber: z.string(), signingMode: z.string() }),
  }),
  z.object({
    type: z.literal('result.repository_viewed'),
    entityType: z.literal('person'),
    entityId: z.string(),
    summary: z.object({ results: z.number() }),
  }),
  z.object({
    type: z.literal('document.reused'),
    entityType: z.literal('file'),
    entityId: z.string(),
    summary: z.object({ sourceFileId: z.string(), componentCode: z.string().nullable() }),
  }),
  z.object({
    type: z.literal('payment.paid'),
    entityType: z.literal('payment_request'),
    entityId: z.string(),
    summary: z.object({
      dossierCode: z.string(),
      reference: z.string(),
      method: z.string(),
      purpose: z.string(),
      amount: z.number(),
      receiptNumber: z.string(),
      source: z.string(),
    }),
  }),
  z.object({
    type: z.literal('postal.order_created'),
    entityType: z.literal('postal_order'),
    entityId: z.string(),
    summary: z.object({ dossierCode: z.string(), kind: z.string(), feeAmount: z.number() }),
  }),
  z.object({
    type: z.literal('postal.order_cancelled'),
    entityType: z.literal('postal_order'),
    entityId: z.string(),
    summary: z.object({ dossierCode: z.string(), waybillNumber: z.string().nullable() }),
  }),
  z.object({
    type: z.literal('exchange.document_sent'),
    entityType: z.literal('exchanged_document'),
    entityId: z.string(),
    summary: z.object({
      dossierCode: z.string(),
      documentNumber: z.string(),
      recipientAgencyCode: z.string(),
      isExternal: z.boolean(),
    }),
  }),
  z.object({
    type: z.literal('exchange.document_acknowledged'),
    entityType: z.literal('exchanged_document'),
    entityId: z.string(),
    summary: z.object({ status: z.string(), documentNumber: z.string() }),
  }),
  z.object({
    type: z.literal('outbox.replayed'),
    entityType: z.literal('outbox_message'),
    entityId: z.string(),
    summary: z.object({ topic: z.string() }),
  }),
]);
export type AuditEvent = z.infer<typeof AuditEvent>;
export type AuditEventType = AuditEvent['type'];

export const AuditEntry = z.object({
  id: z.number(),
  occurredAt: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  eventType: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  summary: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.strictObject({
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(200).optional(),
  actorId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  beforeId: z.coerce.number().int().min(1).optional(),
});

/** What `motcua audit verify` and GET /api/admin/audit/verify find (ADR 0011). */
export const AuditChainProblemKind = z.enum([
  'altered_content',
  'altered_chain',
  'deleted',
  'inserted',
  'reordered',
]);
export type AuditChainProblemKind = z.infer<typeof AuditChainProblemKind>;

export const AuditChainProblem = z.object({
  kind: AuditChainProblemKind,
  /** audit_log.id (seq) of the entry concerned. */
  seq: z.number(),
  message: z.string(),
});
export type AuditChainProblem = z.infer<typeof AuditChainProblem>;

export const AuditVerification = z.object({
  isIntact: z.boolean(),
  /** Entries present in audit_log. */
  entries: z.number(),
  /** Entries covered by the chain (seq ≤ head). */
  sealed: z.number(),
  /** Entries after the head: recorded within the sealing lag (checked against their content hash only). */
  unsealed: z.number(),
  head: z.object({ seq: z.number(), chainHash: z.string(), sealedCount: z.number() }),
  /** Entries sealed by this run before verifying. */
  newlySealed: z.number(),
  problemCount: z.number(),
  /** The first problems found (at most 1000), in seq order. */
  problems: z.array(AuditChainProblem),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
