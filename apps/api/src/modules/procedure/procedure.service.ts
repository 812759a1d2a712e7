import {
  CatalogProcedureEntry,
  ProcedureVersionContent,
  addLocalDays,
  resolveProcedure,
  toLocalDate,
  toSearchText,
  validateVersionContent,
  type CatalogFile,
  type Channel,
} from '@motcua/domain';
import type { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireRole } from '../../shared/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findUnitByCode } from '../organisation/organisation.service.ts';
import type { UnitView } from '../organisation/organisation.schemas.ts';
import {
  catalogImportInvalid,
  isImmutabilityViolation,
  isUniqueViolation,
  procedureNotFound,
  versionImmutable,
  versionInvalid,
  versionNotFound,
  type CatalogProblemItem,
} from './procedure.errors.ts';
import {
  closeOverlappingVersions,
  countFieldsInForce,
  findEffectiveVersion,
  findEffectiveVersionIdByCode,
  findLatestVersion,
  findProcedureByCode,
  findUpcomingVersion,
  findVersionById,
  findVersionByNo,
  insertProcedure,
  insertProcedures,
  insertVersion,
  insertVersions,
  listVersionHeaders,
  listVersionsForExport,
  listVersionsOfProcedures,
  lockProcedureByCode,
  lockProceduresByCodes,
  markPublished,
  searchInForce,
  updateDraft,
  type NewVersionRow,
  type VersionRow,
  type VersionValues,
} from './procedure.repository.ts';
import {
  CatalogImportBody,
  type CatalogImportReport,
  type CreateProcedureInput,
  type NewVersionInput,
  type ProcedureDetail,
  type ProcedureField,
  type ProcedureSearchQuery,
  type ProcedureSearchResult,
  type ProcedureSummary,
  type ProcedureVersionView,
  type SaveDraftInput,
  type VersionListItem,
  type VersionValidation,
} from './procedure.schemas.ts';

/**
 * The procedure catalog: versioned procedures (docs/adr/0004-catalog-versions.md). Drafts are
 * edited by administrators; a published version is immutable (also guarded by a trigger) and
 * dossiers stay pinned to the version they were received under, so publishing a new version never
 * moves an existing dossier.
 */

interface RequestMeta {
  requestId?: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Pinned versions (used by the dossier module)
// ---------------------------------------------------------------------------------------------

/** A published procedure version as the dossier module needs it. */
export interface PinnedVersion {
  versionId: string;
  procedureCode: string;
  versionNo: number;
  effectiveFrom: string;
  content: ProcedureVersionContent;
}

// Published versions never change, so they can be cached by id for the life of the process.
const publishedCache = new Map<string, PinnedVersion>();

function toPinned(
  row: { id: string; versionNo: number; effectiveFrom: string; content: unknown; status: string },
  code: string,
): PinnedVersion {
  return {
    versionId: row.id,
    procedureCode: code,
    versionNo: row.versionNo,
    effectiveFrom: row.effectiveFrom,
    content: ProcedureVersionContent.parse(row.content),
  };
}

/** The published version a new dossier is received under: the one in force on the intake day. */
export async function getVersionForIntake(
  ctx: AppContext,
  procedureCode: string,
  at: Date,
): Promise<PinnedVersion> {
  // The version in force is chosen by SQL every time (a new version may take effect at any
  // moment); its content, immutable once published, comes from the cache when it is there.
  const found = await findEffectiveVersionIdByCode(ctx.db, procedureCode, toLocalDate(at));
  if (!found) throw new AppError('PROCEDURE_NOT_FOUND', `Procedure ${procedureCode} not found`);
  if (!found.versionId)
    throw new AppError('NO_PUBLISHED_VERSION', `Procedure ${procedureCode} has no version in force today`);
  return getVersionById(ctx, found.versionId);
}

/** The exact version a dossier is pinned to. */
export async function getVersionById(ctx: AppContext, versionId: string): Promise<PinnedVersion> {
  const cached = publishedCache.get(versionId);
  if (cached) return cached;
  const row = await findVersionById(ctx.db, versionId);
  if (!row) throw new AppError('VERSION_NOT_FOUND', `Procedure version ${versionId} not found`);
  const pinned = toPinned(row, row.procedureCode);
  if (row.status === 'published') publishedCache.set(versionId, pinned);
  return pinned;
}

// ---------------------------------------------------------------------------------------------
// Access
// ---------------------------------------------------------------------------------------------

/** Catalog administration: an officer with the admin role, or the system (CLI, seed). */
export function isCatalogAdmin(actor: Actor): boolean {
  return (
    actor.type === 'system' || (actor.type === 'officer' && actor.grants.some((g) => g.role === 'admin'))
  );
}

function requireCatalogAdmin(actor: Actor): void {
  if (actor.type === 'system') return;
  requireRole(actor, 'admin');
}

function actorId(actor: Actor): string | null {
  return actor.type === 'officer' ? actor.id : null;
}

// ---------------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------------

type VersionStatus = 'draft' | 'published';

/** The denormalised columns stored next to the content (search, lists, filters). */
function versionValues(code: string, effectiveFrom: string, content: ProcedureVersionContent): VersionValues {
  return {
    effectiveFrom,
    name: content.name,
    searchText: toSearchText(`${code} ${content.name} ${content.field.name}`),
    fieldCode: content.field.code,
    fieldName: content.field.name,
    level: content.level,
    competentAgencyCode: content.competentAgencyCode ?? null,
    onlineServiceLevel: content.onlineServiceLevel,
    content: JSON.stringify(content),
  };
}

function isInForce(
  row: { status: string; effectiveFrom: string; effectiveTo: string | null },
  today: string,
): boolean {
  return (
    row.status === 'published' &&
    row.effectiveFrom <= today &&
    (row.effectiveTo === null || row.effectiveTo >= today)
  );
}

async function competentAgencyOf(
  ctx: AppContext,
  content: ProcedureVersionContent,
): Promise<ProcedureVersionView['competentAgency']> {
  if (!content.competentAgencyCode) return null;
  const unit = await findUnitByCode(ctx, content.competentAgencyCode);
  return { code: content.competentAgencyCode, name: unit?.name ?? null };
}

async function toVersionView(
  ctx: AppContext,
  row: VersionRow,
  procedureCode: string,
): Promise<ProcedureVersionView> {
  const content = ProcedureVersionContent.parse(row.content);
  return {
    procedureCode,
    versionId: row.id,
    versionNo: row.versionNo,
    status: row.status as VersionStatus,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    isInForce: isInForce(row, toLocalDate(ctx.clock())),
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    competentAgency: await competentAgencyOf(ctx, content),
    content,
  };
}

function feeTotalOn(content: ProcedureVersionContent, channel: Channel): number | null {
  const resolved = resolveProcedure(content, channel);
  return 'error' in resolved ? null : resolved.feeTotal;
}

/** Key-order-independent JSON, to compare a stored (jsonb) content with a file's content. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The stored content in its canonical form, or null if it no longer satisfies the schema. */
function canonicalStoredContent(stored: unknown): string | null {
  const parsed = ProcedureVersionContent.safeParse(stored);
  return parsed.success ? canonicalJson(parsed.data) : null;
}

function zodProblems(error: z.ZodError, prefix: string): CatalogProblemItem[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.'),
    code: 'SCHEMA_INVALID',
    message: issue.message,
  }));
}

/** Paths of the domain rules are relative to the version content. */
function contentPath(path: string): string {
  return path ? `content.${path}` : 'content';
}

// ---------------------------------------------------------------------------------------------
// Validation (shared by publish, the live validation and the import)
// ---------------------------------------------------------------------------------------------

type UnitLookup = ReadonlyMap<string, UnitView | undefined>;

/** Every agency code a version refers to: the competent agency and fixed step units. */
function agencyCodesOf(content: ProcedureVersionContent): { path: string; code: string }[] {
  const refs: { path: string; code: string }[] = [];
  if (content.competentAgencyCode)
    refs.push({ path: 'content.competentAgencyCode', code: content.competentAgencyCode });
  content.steps.forEach((step, i) => {
    if (step.unit.kind === 'fixed')
      refs.push({ path: `content.steps.${i}.unit.agencyCode`, code: step.unit.agencyCode });
  });
  content.variants.forEach((variant, vi) => {
    variant.steps?.forEach((step, i) => {
      if (step.unit.kind === 'fixed')
        refs.push({ path: `content.variants.${vi}.steps.${i}.unit.agencyCode`, code: step.unit.agencyCode });
    });
  });
  return refs;
}

async function lookupUnits(ctx: AppContext, codes: Iterable<string>): Promise<UnitLookup> {
  const map = new Map<string, UnitView | undefined>();
  for (const code of codes) {
    if (!map.has(code)) map.set(code, await findUnitByCode(ctx, code));
  }
  return map;
}

/** Business rules and unit references of a content (schema validity is already established). */
function contentProblems(
  content: ProcedureVersionContent,
  effectiveFrom: string,
  units: UnitLookup,
): CatalogProblemItem[] {
  const problems: CatalogProblemItem[] = validateVersionContent(content).map((p) => ({
    path: contentPath(p.path),
    code: p.code,
    message: p.message,
  }));
  for (const ref of agencyCodesOf(content)) {
    const unit = units.get(ref.code);
    if (!unit) {
      problems.push({
        path: ref.path,
        code: 'UNIT_NOT_FOUND',
        message: `No unit has the agency code ${ref.code}`,
      });
    } else if (unit.validTo !== null && unit.validTo < effectiveFrom) {
      problems.push({
        path: ref.path,
        code: 'UNIT_CLOSED',
        message: `Unit ${ref.code} (${unit.name}) was closed on ${unit.validTo}, before the version takes effect`,
      });
    }
  }
  return problems;
}

/**
 * Dates of a version about to be published, against the versions already published: the first
 * version may take effect in the past; later ones from today on, and strictly after the latest
 * published version (versions take effect in order, so each one ends where the next begins).
 */
function dateProblems(
  effectiveFrom: string,
  today: string,
  published: readonly { versionNo: number; effectiveFrom: string }[],
): CatalogProblemItem[] {
  if (published.length === 0) return [];
  const problems: CatalogProblemItem[] = [];
  if (effectiveFrom < today) {
    problems.push({
      path: 'effectiveFrom',
      code: 'EFFECTIVE_FROM_IN_PAST',
      message: `A new version cannot take effect before today (${today}); effectiveFrom is ${effectiveFrom}`,
    });
  }
  const latest = published.reduce((a, b) => (b.effectiveFrom > a.effectiveFrom ? b : a));
  if (effectiveFrom <= latest.effectiveFrom) {
    problems.push({
      path: 'effectiveFrom',
      code: 'EFFECTIVE_FROM_NOT_AFTER_PREVIOUS',
      message: `effectiveFrom must be after ${latest.effectiveFrom}, when version ${latest.versionNo} takes effect`,
    });
  }
  return problems;
}

/** Schema, business rules, units and dates of a stored draft. */
async function draftProblems(
  ctx: AppContext,
  draft: { content: unknown; effectiveFrom: string },
  published: readonly { versionNo: number; effectiveFrom: string }[],
  today: string,
): Promise<CatalogProblemItem[]> {
  const parsed = ProcedureVersionContent.safeParse(draft.content);
  if (!parsed.success) return zodProblems(parsed.error, 'content');
  const units = await lookupUnits(
    ctx,
    agencyCodesOf(parsed.data).map((r) => r.code),
  );
  return [
    ...contentProblems(parsed.data, draft.effectiveFrom, units),
    ...dateProblems(draft.effectiveFrom, today, published),
  ];
}

function publishedHeaders(headers: readonly { versionNo: number; status: string; effectiveFrom: string }[]) {
  return headers.filter((h) => h.status === 'published');
}

// ---------------------------------------------------------------------------------------------
// Public reading
// ---------------------------------------------------------------------------------------------

/** Search the published catalog in force today. */
export async function searchProcedures(
  ctx: AppContext,
  query: ProcedureSearchQuery,
): Promise<ProcedureSearchResult> {
  const today = toLocalDate(ctx.clock());
  const words = query.q ? toSearchText(query.q).split(' ').filter(Boolean).slice(0, 12) : [];
  const { rows, total } = await searchInForce(ctx.db, today, {
    words,
    field: query.field,
    level: query.level,
    agencyCode: query.agencyCode,
    channel: query.channel,
    onlineServiceLevel: query.onlineServiceLevel,
    limit: query.limit,
    offset: query.offset,
  });
  const items = rows.map((row): ProcedureSummary => {
    const content = ProcedureVersionContent.parse(row.content);
    return {
      code: row.code,
      name: row.name,
      field: { code: row.fieldCode, name: row.fieldName },
      level: content.level,
      competentAgency: row.competentAgencyCode
        ? { code: row.competentAgencyCode, name: row.agencyName ?? null }
        : null,
      processingTime: content.processingTime,
      onlineServiceLevel: content.onlineServiceLevel,
      channels: content.channels.map((c) => c.channel),
      feeTotal: { counter: feeTotalOn(content, 'counter'), online: feeTotalOn(content, 'online') },
      versionNo: row.versionNo,
      effectiveFrom: row.effectiveFrom,
    };
  });
  return { items, total, limit: query.limit, offset: query.offset };
}

/** Fields (lĩnh vực) of the catalog in force today, with the number of procedures. */
export async function listFields(
  ctx: AppContext,
  query: { level?: string | undefined } = {},
): Promise<ProcedureField[]> {
  const rows = await countFieldsInForce(ctx.db, toLocalDate(ctx.clock()), query.level);
  return rows.map((r) => ({ code: r.fieldCode, name: r.fieldName ?? r.fieldCode, count: Number(r.count) }));
}

function toListItem(h: Awaited<ReturnType<typeof listVersionHeaders>>[number]): VersionListItem {
  return {
    versionNo: h.versionNo,
    status: h.status as VersionStatus,
    effectiveFrom: h.effectiveFrom,
    effectiveTo: h.effectiveTo,
    publishedAt: h.publishedAt?.toISOString() ?? null,
  };
}

/**
 * A procedure: the version in force today (else the next one to take effect; for administrators,
 * else the draft), or the given version; plus the list of versions. Drafts: administrators only.
 */
export async function getProcedure(
  ctx: AppContext,
  actor: Actor,
  code: string,
  options: { version?: number | undefined } = {},
): Promise<ProcedureDetail> {
  const procedure = await findProcedureByCode(ctx.db, code);
  if (!procedure) throw procedureNotFound(code);
  const isAdmin = isCatalogAdmin(actor);
  const today = toLocalDate(ctx.clock());
  let row: VersionRow | undefined;
  if (options.version !== undefined) {
    row = await findVersionByNo(ctx.db, procedure.id, options.version);
    if (!row) throw versionNotFound(code, options.version);
    if (row.status !== 'published') requireCatalogAdmin(actor);
  } else {
    row =
      (await findEffectiveVersion(ctx.db, procedure.id, today)) ??
      (await findUpcomingVersion(ctx.db, procedure.id, today));
    if (!row && isAdmin) row = await findLatestVersion(ctx.db, procedure.id);
    if (!row) throw procedureNotFound(code);
  }
  const headers = await listVersionHeaders(ctx.db, procedure.id);
  return {
    ...(await toVersionView(ctx, row, procedure.code)),
    versions: headers.filter((h) => isAdmin || h.status === 'published').map(toListItem),
  };
}

/** One version: published versions are public, drafts are for administrators. */
export async function getProcedureVersion(
  ctx: AppContext,
  actor: Actor,
  code: string,
  versionNo: number,
): Promise<ProcedureVersionView> {
  const procedure = await findProcedureByCode(ctx.db, code);
  if (!procedure) throw procedureNotFound(code);
  const row = await findVersionByNo(ctx.db, procedure.id, versionNo);
  if (!row) throw versionNotFound(code, versionNo);
  if (row.status !== 'published') requireCatalogAdmin(actor);
  return toVersionView(ctx, row, procedure.code);
}

// ---------------------------------------------------------------------------------------------
// Administration: drafts and publication
// ---------------------------------------------------------------------------------------------

async function requireVersionRow(
  ctx: AppContext,
  code: string,
  versionNo: number,
): Promise<{ code: string; row: VersionRow }> {
  const procedure = await findProcedureByCode(ctx.db, code);
  if (!procedure) throw procedureNotFound(code);
  const row = await findVersionByNo(ctx.db, procedure.id, versionNo);
  if (!row) throw versionNotFound(code, versionNo);
  return { code: procedure.code, row };
}

/** Creates a procedure with its first version as a draft. */
export async function createProcedure(
  ctx: AppContext,
  actor: Actor,
  input: CreateProcedureInput,
  meta: RequestMeta = {},
): Promise<ProcedureVersionView> {
  requireCatalogAdmin(actor);
  const taken = (): AppError =>
    new AppError('PROCEDURE_CODE_TAKEN', `Procedure ${input.code} already exists`);
  if (await findProcedureByCode(ctx.db, input.code)) throw taken();
  const now = ctx.clock();
  const row = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const procedure = await insertProcedure(trx, input.code);
      const version = await insertVersion(trx, {
        ...versionValues(input.code, input.effectiveFrom, input.content),
        procedureId: procedure.id,
        versionNo: 1,
        status: 'draft',
        effectiveTo: null,
        createdBy: actorId(actor),
        publishedAt: null,
        publishedBy: null,
      });
      await recordAudit(
        trx,
        actor,
        [
          {
            type: 'procedure.created',
            entityType: 'procedure',
            entityId: procedure.id,
            summary: { code: input.code },
          },
          {
            type: 'procedure_version.saved',
            entityType: 'procedure_version',
            entityId: version.id,
            summary: { code: input.code, versionNo: 1 },
          },
        ],
        { at: now, requestId: meta.requestId },
      );
      return version;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw taken();
      throw error;
    });
  return toVersionView(ctx, row, input.code);
}

/**
 * A new draft: a copy of the latest version (or the given content), numbered max + 1. One draft
 * at a time per procedure.
 */
export async function createDraftVersion(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: NewVersionInput,
  meta: RequestMeta = {},
): Promise<ProcedureVersionView> {
  requireCatalogAdmin(actor);
  const now = ctx.clock();
  const effectiveFrom = input.effectiveFrom ?? toLocalDate(now);
  const conflict = (versionNo?: number): AppError =>
    new AppError(
      'CONFLICT',
      `Procedure ${code} already has a draft${versionNo ? ` (version ${versionNo})` : ''}; edit or publish it first`,
      {
        ...(versionNo ? { draftVersionNo: versionNo } : {}),
      },
    );
  const row = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const procedure = await lockProcedureByCode(trx, code);
      if (!procedure) throw procedureNotFound(code);
      const headers = await listVersionHeaders(trx, procedure.id);
      const draft = headers.find((h) => h.status === 'draft');
      if (draft) throw conflict(draft.versionNo);
      const latest = await findLatestVersion(trx, procedure.id);
      const content = input.content ?? (latest ? ProcedureVersionContent.parse(latest.content) : undefined);
      if (!content)
        throw new AppError('VALIDATION_FAILED', `Procedure ${code} has no version to copy; give the content`);
      const versionNo = (latest?.versionNo ?? 0) + 1;
      const version = await insertVersion(trx, {
        ...versionValues(procedure.code, effectiveFrom, content),
        procedureId: procedure.id,
        versionNo,
        status: 'draft',
        effectiveTo: null,
        createdBy: actorId(actor),
        publishedAt: null,
        publishedBy: null,
      });
      await recordAudit(
        trx,
        actor,
        {
          type: 'procedure_version.saved',
          entityType: 'procedure_version',
          entityId: version.id,
          summary: { code: procedure.code, versionNo },
        },
        { at: now, requestId: meta.requestId },
      );
      return version;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw conflict();
      throw error;
    });
  return toVersionView(ctx, row, code);
}

/** Replaces the content and effectiveFrom of a draft. Published versions are immutable. */
export async function saveDraft(
  ctx: AppContext,
  actor: Actor,
  code: string,
  versionNo: number,
  input: SaveDraftInput,
  meta: RequestMeta = {},
): Promise<ProcedureVersionView> {
  requireCatalogAdmin(actor);
  const now = ctx.clock();
  const row = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const procedure = await lockProcedureByCode(trx, code);
      if (!procedure) throw procedureNotFound(code);
      const existing = await findVersionByNo(trx, procedure.id, versionNo);
      if (!existing) throw versionNotFound(code, versionNo);
      if (existing.status !== 'draft') throw versionImmutable(code, versionNo);
      const saved = await updateDraft(
        trx,
        existing.id,
        versionValues(procedure.code, input.effectiveFrom, input.content),
      );
      if (!saved) throw versionImmutable(code, versionNo);
      await recordAudit(
        trx,
        actor,
        {
          type: 'procedure_version.saved',
          entityType: 'procedure_version',
          entityId: saved.id,
          summary: { code: procedure.code, versionNo },
        },
        { at: now, requestId: meta.requestId },
      );
      return saved;
    })
    .catch((error: unknown) => {
      if (isImmutabilityViolation(error)) throw versionImmutable(code, versionNo);
      throw error;
    });
  return toVersionView(ctx, row, code);
}

/** The problems that would stop a version from being published (the admin UI shows them live). */
export async function validateVersion(
  ctx: AppContext,
  actor: Actor,
  code: string,
  versionNo: number,
): Promise<VersionValidation> {
  requireCatalogAdmin(actor);
  const { code: procedureCode, row } = await requireVersionRow(ctx, code, versionNo);
  if (row.status === 'published') {
    return { procedureCode, versionNo, status: 'published', isPublishable: false, problems: [] };
  }
  const headers = await listVersionHeaders(ctx.db, row.procedureId);
  const problems = await draftProblems(ctx, row, publishedHeaders(headers), toLocalDate(ctx.clock()));
  return { procedureCode, versionNo, status: 'draft', isPublishable: problems.length === 0, problems };
}

/**
 * Publishes a draft: it must satisfy the schema, the business rules, refer to existing units, and
 * take effect in order. The published version it follows gets effective_to = effectiveFrom − 1.
 * Dossiers keep their pinned version id, so existing dossiers never move.
 */
export async function publishVersion(
  ctx: AppContext,
  actor: Actor,
  code: string,
  versionNo: number,
  meta: RequestMeta = {},
): Promise<ProcedureVersionView> {
  requireCatalogAdmin(actor);
  const now = ctx.clock();
  const today = toLocalDate(now);
  // Units are looked up before the transaction (through the organisation service); the draft is
  // checked again under the procedure lock.
  const before = await requireVersionRow(ctx, code, versionNo);
  if (before.row.status !== 'draft') throw versionImmutable(code, versionNo);
  const beforeContent = ProcedureVersionContent.safeParse(before.row.content);
  const units = await lookupUnits(
    ctx,
    beforeContent.success ? agencyCodesOf(beforeContent.data).map((r) => r.code) : [],
  );
  const row = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const procedure = await lockProcedureByCode(trx, code);
      if (!procedure) throw procedureNotFound(code);
      const draft = await findVersionByNo(trx, procedure.id, versionNo);
      if (!draft) throw versionNotFound(code, versionNo);
      if (draft.status !== 'draft') throw versionImmutable(code, versionNo);
      const parsed = ProcedureVersionContent.safeParse(draft.content);
      if (!parsed.success) throw versionInvalid(code, versionNo, zodProblems(parsed.error, 'content'));
      if (agencyCodesOf(parsed.data).some((r) => !units.has(r.code))) {
        throw new AppError('CONFLICT', 'The draft changed while it was being published; try again');
      }
      const headers = await listVersionHeaders(trx, procedure.id);
      const problems = [
        ...contentProblems(parsed.data, draft.effectiveFrom, units),
        ...dateProblems(draft.effectiveFrom, today, publishedHeaders(headers)),
      ];
      if (problems.length > 0) throw versionInvalid(code, versionNo, problems);
      await closeOverlappingVersions(
        trx,
        procedure.id,
        draft.effectiveFrom,
        addLocalDays(draft.effectiveFrom, -1),
      );
      const published = await markPublished(trx, draft.id, {
        publishedAt: now,
        publishedBy: actorId(actor),
        effectiveTo: null,
      });
      if (!published) throw versionImmutable(code, versionNo);
      await recordAudit(
        trx,
        actor,
        {
          type: 'procedure_version.published',
          entityType: 'procedure_version',
          entityId: published.id,
          summary: { code: procedure.code, versionNo, effectiveFrom: published.effectiveFrom },
        },
        { at: now, requestId: meta.requestId },
      );
      return published;
    })
    .catch((error: unknown) => {
      if (isImmutabilityViolation(error)) throw versionImmutable(code, versionNo);
      throw error;
    });
  return toVersionView(ctx, row, before.code);
}

// ---------------------------------------------------------------------------------------------
// Export and import
// ---------------------------------------------------------------------------------------------

export const CATALOG_FORMAT = 'motcua.catalog/v1';

/** The catalog as a file: published versions (and drafts, for administrators), ordered. */
export async function exportCatalog(
  ctx: AppContext,
  actor: Actor,
  options: { includeDrafts: boolean },
): Promise<CatalogFile> {
  if (options.includeDrafts) requireCatalogAdmin(actor);
  const rows = await listVersionsForExport(ctx.db, options.includeDrafts);
  const procedures: CatalogFile['procedures'] = [];
  let current: CatalogFile['procedures'][number] | undefined;
  for (const row of rows) {
    if (!current || current.code !== row.code) {
      current = { code: row.code, versions: [] };
      procedures.push(current);
    }
    current.versions.push({
      versionNo: row.versionNo,
      status: row.status as VersionStatus,
      effectiveFrom: row.effectiveFrom,
      ...(row.effectiveTo ? { effectiveTo: row.effectiveTo } : {}),
      content: ProcedureVersionContent.parse(row.content),
    });
  }
  return { format: CATALOG_FORMAT, exportedAt: ctx.clock().toISOString(), procedures };
}

type ParsedEntry = z.infer<typeof CatalogProcedureEntry>;
type EntryVersion = ParsedEntry['versions'][number];

interface ExistingVersion {
  id: string;
  versionNo: number;
  status: VersionStatus;
  effectiveFrom: string;
  content: unknown;
}

type VersionAction =
  | { kind: 'create'; version: EntryVersion }
  | { kind: 'replace'; version: EntryVersion; existingId: string }
  | { kind: 'unchanged' };

interface ProcedurePlan {
  code: string;
  procedureId: string | undefined;
  actions: { version: EntryVersion; action: VersionAction }[];
}

/** Plans one procedure entry against the database; pushes problems, returns the actions. */
function planProcedure(
  entry: ParsedEntry,
  path: string,
  existing: readonly ExistingVersion[],
  units: UnitLookup,
  today: string,
  problems: CatalogProblemItem[],
): ProcedurePlan['actions'] {
  const byNo = new Map(existing.map((v) => [v.versionNo, v]));
  const hadPublished = existing.some((v) => v.status === 'published');
  const actions: ProcedurePlan['actions'] = [];
  const seen = new Set<number>();
  const indexed = entry.versions
    .map((version, index) => ({ version, index }))
    .sort((a, b) => a.version.versionNo - b.version.versionNo);
  const finalState = new Map<number, { status: VersionStatus; effectiveFrom: string; path: string }>(
    existing.map((v) => [
      v.versionNo,
      {
        status: v.status,
        effectiveFrom: v.effectiveFrom,
        path: `${path} (version ${v.versionNo} in the database)`,
      },
    ]),
  );
  for (const { version, index } of indexed) {
    const vPath = `${path}.versions.${index}`;
    if (seen.has(version.versionNo)) {
      problems.push({
        path: `${vPath}.versionNo`,
        code: 'DUPLICATE_VERSION',
        message: `Version ${version.versionNo} of ${entry.code} is listed twice`,
      });
      continue;
    }
    seen.add(version.versionNo);
    const stored = byNo.get(version.versionNo);
    const isSame =
      stored !== undefined &&
      stored.status === version.status &&
      stored.effectiveFrom === version.effectiveFrom &&
      canonicalStoredContent(stored.content) === canonicalJson(version.content);
    if (stored?.status === 'published') {
      if (!isSame) {
        problems.push({
          path: vPath,
          code: 'VERSION_IMMUTABLE',
          message: `Version ${version.versionNo} of ${entry.code} is published and differs from the file; published versions cannot change (add a new version instead)`,
        });
      }
      actions.push({ version, action: { kind: 'unchanged' } });
      continue;
    }
    finalState.set(version.versionNo, {
      status: version.status,
      effectiveFrom: version.effectiveFrom,
      path: vPath,
    });
    if (isSame) {
      actions.push({ version, action: { kind: 'unchanged' } });
      continue;
    }
    actions.push({
      version,
      action: stored ? { kind: 'replace', version, existingId: stored.id } : { kind: 'create', version },
    });
    if (version.status === 'published') {
      for (const p of contentProblems(version.content, version.effectiveFrom, units)) {
        problems.push({ ...p, path: `${vPath}.${p.path}` });
      }
      if (hadPublished && version.effectiveFrom < today) {
        problems.push({
          path: `${vPath}.effectiveFrom`,
          code: 'EFFECTIVE_FROM_IN_PAST',
          message: `A new published version of ${entry.code} cannot take effect before today (${today})`,
        });
      }
    }
  }
  // The resulting set of versions: published versions take effect in order, one draft at most,
  // and the draft comes after every published version.
  const ordered = [...finalState.entries()].sort(([a], [b]) => a - b);
  let previous: { versionNo: number; effectiveFrom: string } | undefined;
  const drafts = ordered.filter(([, v]) => v.status === 'draft');
  const lastPublishedNo = Math.max(
    0,
    ...ordered.filter(([, v]) => v.status === 'published').map(([no]) => no),
  );
  for (const [no, v] of ordered) {
    if (v.status !== 'published') continue;
    if (previous && v.effectiveFrom <= previous.effectiveFrom) {
      problems.push({
        path: `${v.path}.effectiveFrom`,
        code: 'EFFECTIVE_FROM_NOT_AFTER_PREVIOUS',
        message: `Version ${no} of ${entry.code} must take effect after ${previous.effectiveFrom} (version ${previous.versionNo})`,
      });
    }
    previous = { versionNo: no, effectiveFrom: v.effectiveFrom };
  }
  if (drafts.length > 1) {
    problems.push({
      path,
      code: 'MULTIPLE_DRAFTS',
      message: `${entry.code} would have ${drafts.length} drafts (versions ${drafts.map(([no]) => no).join(', ')}); one at most`,
    });
  }
  for (const [no, v] of drafts) {
    if (no < lastPublishedNo) {
      problems.push({
        path: v.path,
        code: 'DRAFT_NOT_LATEST',
        message: `Draft version ${no} of ${entry.code} is older than published version ${lastPublishedNo}`,
      });
    }
  }
  return actions;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Imports a catalog file, all or nothing, in one transaction. Procedures are matched by code and
 * versions by number: an identical version is skipped (re-importing is idempotent), drafts are
 * replaced, a published version that differs is a problem (published versions are immutable), and
 * published versions in the file are checked like a publication (business rules, existing units,
 * order of effect; a version added to a procedure that already has published versions takes effect
 * from today on). `effectiveTo` in the file is derived data and is ignored: each published version
 * ends the day before the next one takes effect. Any problem: CATALOG_IMPORT_INVALID listing all
 * of them, and nothing is written.
 */
export async function importCatalog(
  ctx: AppContext,
  actor: Actor,
  file: unknown,
  meta: RequestMeta = {},
): Promise<CatalogImportReport> {
  requireCatalogAdmin(actor);
  const now = ctx.clock();
  const today = toLocalDate(now);
  const envelope = CatalogImportBody.safeParse(file);
  if (!envelope.success) throw catalogImportInvalid(zodProblems(envelope.error, ''));
  const problems: CatalogProblemItem[] = [];
  const entries: { entry: ParsedEntry; path: string }[] = [];
  const firstIndexByCode = new Map<string, number>();
  envelope.data.procedures.forEach((raw, i) => {
    const path = `procedures.${i}`;
    const parsed = CatalogProcedureEntry.safeParse(raw);
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error, path));
      return;
    }
    const first = firstIndexByCode.get(parsed.data.code);
    if (first !== undefined) {
      problems.push({
        path: `${path}.code`,
        code: 'DUPLICATE_PROCEDURE',
        message: `Procedure ${parsed.data.code} is also at procedures.${first}`,
      });
      return;
    }
    firstIndexByCode.set(parsed.data.code, i);
    entries.push({ entry: parsed.data, path });
  });
  // Units referred to by published versions, looked up before the transaction.
  const unitCodes = new Set<string>();
  for (const { entry } of entries) {
    for (const v of entry.versions)
      if (v.status === 'published') for (const r of agencyCodesOf(v.content)) unitCodes.add(r.code);
  }
  const units = await lookupUnits(ctx, unitCodes);
  const byActor = actorId(actor);

  const report = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const codes = entries.map((e) => e.entry.code).sort();
      const procedureIds = new Map<string, string>();
      for (const part of chunks(codes, 5000)) {
        for (const p of await lockProceduresByCodes(trx, part)) procedureIds.set(p.code, p.id);
      }
      const existingByProcedure = new Map<string, ExistingVersion[]>();
      for (const part of chunks([...procedureIds.values()], 5000)) {
        for (const v of await listVersionsOfProcedures(trx, part)) {
          const list = existingByProcedure.get(v.procedureId) ?? [];
          list.push({
            id: v.id,
            versionNo: v.versionNo,
            status: v.status as VersionStatus,
            effectiveFrom: v.effectiveFrom,
            content: v.content,
          });
          existingByProcedure.set(v.procedureId, list);
        }
      }
      const plans: ProcedurePlan[] = entries.map(({ entry, path }) => {
        const procedureId = procedureIds.get(entry.code);
        const existing = procedureId ? (existingByProcedure.get(procedureId) ?? []) : [];
        return {
          code: entry.code,
          procedureId,
          actions: planProcedure(entry, path, existing, units, today, problems),
        };
      });
      if (problems.length > 0) throw catalogImportInvalid(problems);

      const result: CatalogImportReport = {
        procedures: { created: 0, updated: 0, unchanged: 0 },
        versions: { created: 0, replaced: 0, unchanged: 0 },
      };
      for (const plan of plans) {
        for (const { action } of plan.actions) {
          if (action.kind === 'create') result.versions.created += 1;
          else if (action.kind === 'replace') result.versions.replaced += 1;
          else result.versions.unchanged += 1;
        }
        if (!plan.procedureId) result.procedures.created += 1;
        else if (plan.actions.some((a) => a.action.kind !== 'unchanged')) result.procedures.updated += 1;
        else result.procedures.unchanged += 1;
      }

      const newRow = (
        procedureId: string,
        code: string,
        v: EntryVersion,
        effectiveTo: string | null,
      ): NewVersionRow => ({
        ...versionValues(code, v.effectiveFrom, v.content),
        procedureId,
        versionNo: v.versionNo,
        status: v.status,
        effectiveTo: v.status === 'published' ? effectiveTo : null,
        createdBy: byActor,
        publishedAt: v.status === 'published' ? now : null,
        publishedBy: v.status === 'published' ? byActor : null,
      });

      // New procedures: every version inserted at once, each published version ending the day
      // before the next one takes effect.
      const newPlans = plans.filter((p) => !p.procedureId);
      for (const part of chunks(newPlans, 1000)) {
        for (const p of await insertProcedures(
          trx,
          part.map((plan) => plan.code),
        ))
          procedureIds.set(p.code, p.id);
      }
      const newRows: NewVersionRow[] = [];
      for (const plan of newPlans) {
        const procedureId = procedureIds.get(plan.code);
        if (!procedureId) throw new Error(`procedure ${plan.code} was not inserted`);
        const versions = plan.actions.map((a) => a.version).sort((a, b) => a.versionNo - b.versionNo);
        const published = versions.filter((v) => v.status === 'published');
        for (const v of versions) {
          const next = published.find((p) => p.versionNo > v.versionNo);
          newRows.push(newRow(procedureId, plan.code, v, next ? addLocalDays(next.effectiveFrom, -1) : null));
        }
      }
      for (const part of chunks(newRows, 200)) await insertVersions(trx, part);

      // Existing procedures: versions in order; each newly published one ends the one before.
      for (const plan of plans) {
        if (!plan.procedureId) continue;
        const procedureId = plan.procedureId;
        const changes = plan.actions
          .filter((a) => a.action.kind !== 'unchanged')
          .sort((a, b) => a.version.versionNo - b.version.versionNo);
        for (const { action } of changes) {
          if (action.kind === 'unchanged') continue;
          const v = action.version;
          let versionId: string;
          if (action.kind === 'create') {
            versionId = (
              await insertVersion(trx, newRow(procedureId, plan.code, { ...v, status: 'draft' }, null))
            ).id;
          } else {
            const saved = await updateDraft(
              trx,
              action.existingId,
              versionValues(plan.code, v.effectiveFrom, v.content),
            );
            if (!saved)
              throw new AppError(
                'CONFLICT',
                `Version ${v.versionNo} of ${plan.code} changed during the import; try again`,
              );
            versionId = saved.id;
          }
          if (v.status === 'published') {
            await closeOverlappingVersions(
              trx,
              procedureId,
              v.effectiveFrom,
              addLocalDays(v.effectiveFrom, -1),
            );
            await markPublished(trx, versionId, {
              publishedAt: now,
              publishedBy: byActor,
              effectiveTo: null,
            });
          }
        }
      }

      await recordAudit(
        trx,
        actor,
        {
          type: 'catalog.imported',
          entityType: 'catalog',
          entityId: 'catalog',
          summary: {
            procedures: result.procedures.created + result.procedures.updated,
            versions: result.versions.created + result.versions.replaced,
          },
        },
        { at: now, requestId: meta.requestId },
      );
      return result;
    })
    .catch((error: unknown) => {
      // Another change created one of the procedures or versions meanwhile: nothing was written.
      if (isUniqueViolation(error) || isImmutabilityViolation(error)) {
        throw new AppError(
          'CONFLICT',
          'The catalog changed while the file was being imported; nothing was written, try again',
        );
      }
      throw error;
    });
  return report;
}
