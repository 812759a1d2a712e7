import fs from 'node:fs/promises';
import path from 'node:path';
import {
  BoundaryCollection,
  NO_DATA_CLASS,
  ON_TIME_RATE_CLASSES,
  boundaryCodeOf,
  boundaryNameOf,
  emptyII06aCounts,
  formatPeriod,
  normaliseUnitName,
  onTimeRate,
  projectBoundaries,
  rateClassOf,
  toLocalDate,
  type BoundaryFeature,
  type II06aCounts,
  type ProjectedMap,
} from '@motcua/domain';
import type { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';
import { SYSTEM_ACTOR, type Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireRole } from '../../shared/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  deleteBoundaries,
  findBoundaries,
  findRootProvince,
  listAllUnits,
  saveBoundaries,
} from './statistics.repository.ts';
import type {
  BoundaryStatus,
  EnforcementMap,
  MapQuery,
  PublicPeriodQuery,
  ReportUnit,
} from './statistics.schemas.ts';
import {
  computeCounts,
  effectivePeriod,
  resolveScope,
  sumGroupCounts,
  type GroupCounts,
  type ResolvedScope,
} from './statistics.service.ts';

/**
 * The institutional enforcement map (bản đồ thực thi thể chế): the province's communes, drawn
 * from a GeoJSON the deploying province supplies, coloured by the on-time rate of a period, and its
 * agencies as a ranked list. Every number is the II.06a count of the unit's subtree (the same
 * `computeCounts` as the report), so a click on a commune opens a report with the same figures.
 *
 * Boundaries: an admin upload (table `map_boundary`) wins over the file `MAP_BOUNDARIES_FILE` of
 * the configuration; without either the map has no shapes and the units are listed only. Features
 * name their unit by agency code (`agencyCode`, `maDinhDanh`, … or the feature id), else by name
 * (compared without case, diacritics or the "xã"/"phường"/"UBND" prefixes).
 */

type RankedUnit = EnforcementMap['communes'][number];
type MapArea = EnforcementMap['areas'][number];
type BoundarySource = BoundaryStatus['source'];
type UnitRow = Awaited<ReturnType<typeof listAllUnits>>[number];

/** Shown to admins when an upload does not name its origin. */
const DEFAULT_UPLOAD_NAME = 'upload.geojson';
/** Validation issues returned with a rejected upload. */
const MAX_ISSUES = 20;

/* ------------------------------------------------------------------ boundaries: loading */

interface LoadedBoundaries {
  source: BoundarySource;
  name: string | null;
  uploadedAt: Date | null;
  collection: BoundaryCollection | null;
}

const NO_BOUNDARIES: LoadedBoundaries = { source: 'none', name: null, uploadedAt: null, collection: null };

/** Validated collections, so a detailed file is checked once, not at every request. */
const uploadCache = new WeakMap<object, { key: string; collection: BoundaryCollection | null }>();
const fileCache = new Map<string, { key: string; collection: BoundaryCollection | null }>();
/** Projections of a collection, by the features drawn (a scope's communes); a few per collection. */
const projectionCache = new WeakMap<BoundaryCollection, Map<string, ProjectedMap>>();
const MAX_PROJECTIONS = 32;

function parseCollection(raw: unknown): BoundaryCollection | null {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const r = BoundaryCollection.safeParse(value);
  return r.success ? r.data : null;
}

/** `MAP_BOUNDARIES_FILE`, read defensively (a configuration without the key has no file). */
function boundaryFileOf(ctx: AppContext): string | null {
  const value = (ctx.config as { MAP_BOUNDARIES_FILE?: unknown }).MAP_BOUNDARIES_FILE;
  return typeof value === 'string' && value.trim() !== '' ? path.resolve(value.trim()) : null;
}

async function readBoundaryFile(ctx: AppContext, file: string): Promise<BoundaryCollection | null> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    ctx.logger.warn({ file, err: (error as Error).message }, 'MAP_BOUNDARIES_FILE cannot be read');
    return null;
  }
  const key = `${stat.mtimeMs}|${stat.size}`;
  const cached = fileCache.get(file);
  if (cached?.key === key) return cached.collection;
  let collection: BoundaryCollection | null = null;
  try {
    collection = parseCollection(await fs.readFile(file, 'utf8'));
  } catch (error) {
    ctx.logger.warn({ file, err: (error as Error).message }, 'MAP_BOUNDARIES_FILE cannot be read');
    return null;
  }
  if (!collection)
    ctx.logger.warn(
      { file },
      'MAP_BOUNDARIES_FILE is not a GeoJSON FeatureCollection of Polygon/MultiPolygon features',
    );
  fileCache.set(file, { key, collection });
  return collection;
}

/** The boundaries in force: the upload, else the configured file, else none. */
async function loadBoundaries(ctx: AppContext): Promise<LoadedBoundaries> {
  const row = await findBoundaries(ctx.db);
  if (row) {
    const key = `${row.uploadedAt.toISOString()}|${row.featureCount}|${row.sourceName}`;
    let cached = uploadCache.get(ctx.db);
    if (cached?.key !== key) {
      cached = { key, collection: parseCollection(row.geojson) };
      uploadCache.set(ctx.db, cached);
    }
    if (cached.collection) {
      return {
        source: 'upload',
        name: row.sourceName,
        uploadedAt: row.uploadedAt,
        collection: cached.collection,
      };
    }
    ctx.logger.error({ sourceName: row.sourceName }, 'The stored map boundaries are not valid GeoJSON');
  }
  const file = boundaryFileOf(ctx);
  if (file) {
    const collection = await readBoundaryFile(ctx, file);
    if (collection) return { source: 'file', name: path.basename(file), uploadedAt: null, collection };
  }
  return NO_BOUNDARIES;
}

/* ------------------------------------------------------------------ boundaries: matching */

function featureLabel(f: BoundaryFeature, index: number): string {
  const name = boundaryNameOf(f);
  const code = boundaryCodeOf(f);
  if (name && code && name !== code) return `${name} (${code})`;
  return name ?? code ?? `#${index + 1}`;
}

interface FeatureMatches {
  /** Feature indexes of each commune (a commune may have several: islands, exclaves). */
  byUnit: Map<string, number[]>;
  matched: { index: number; label: string; unit: UnitRow }[];
  unmatched: string[];
}

/** Features → communes: by agency code, else by a name that names exactly one commune. */
function matchFeatures(features: readonly BoundaryFeature[], communes: readonly UnitRow[]): FeatureMatches {
  const byCode = new Map(communes.map((u) => [u.agencyCode.trim().toUpperCase(), u]));
  const byName = new Map<string, UnitRow[]>();
  for (const u of communes) {
    const names = new Set([u.name, u.shortName].filter((n): n is string => !!n).map(normaliseUnitName));
    for (const n of names) byName.set(n, [...(byName.get(n) ?? []), u]);
  }
  const nameMatch = (name: string): UnitRow | null => {
    const all = byName.get(normaliseUnitName(name)) ?? [];
    const active = all.filter((u) => !u.validTo);
    if (active.length === 1) return active[0] ?? null;
    return all.length === 1 ? (all[0] ?? null) : null;
  };
  const out: FeatureMatches = { byUnit: new Map(), matched: [], unmatched: [] };
  features.forEach((f, index) => {
    const code = boundaryCodeOf(f);
    const name = boundaryNameOf(f);
    const unit = (code ? byCode.get(code.toUpperCase()) : undefined) ?? (name ? nameMatch(name) : null);
    const label = featureLabel(f, index);
    if (!unit) {
      out.unmatched.push(label);
      return;
    }
    out.matched.push({ index, label, unit });
    out.byUnit.set(unit.id, [...(out.byUnit.get(unit.id) ?? []), index]);
  });
  return out;
}

/* ------------------------------------------------------------------ boundaries: admin */

function requireBoundaryAdmin(actor: Actor): void {
  if (actor.type !== 'system') requireRole(actor, 'admin');
}

function communesOf(units: readonly UnitRow[]): UnitRow[] {
  return units.filter((u) => u.kind === 'commune');
}

function statusOf(loaded: LoadedBoundaries, units: readonly UnitRow[]): BoundaryStatus {
  const communes = communesOf(units);
  const features = loaded.collection?.features ?? [];
  const m = matchFeatures(features, communes);
  return {
    source: loaded.source,
    name: loaded.name,
    featureCount: features.length,
    uploadedAt: loaded.uploadedAt?.toISOString() ?? null,
    matched: m.matched.map((x) => ({
      feature: x.label,
      unitName: x.unit.name,
      agencyCode: x.unit.agencyCode,
    })),
    unmatched: m.unmatched,
    communesWithoutBoundary: communes
      .filter((u) => !u.validTo && !m.byUnit.has(u.id))
      .map((u) => u.name)
      .sort((a, b) => a.localeCompare(b, 'vi')),
  };
}

/** Where the commune boundaries come from, and which units they match (admins). */
export async function getBoundaryStatus(ctx: AppContext, actor: Actor): Promise<BoundaryStatus> {
  requireBoundaryAdmin(actor);
  return statusOf(await loadBoundaries(ctx), await listAllUnits(ctx.db));
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, MAX_ISSUES).map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
}

/**
 * Replaces the uploaded boundaries (admins; the system for the demo seed). The body must be a
 * GeoJSON FeatureCollection of Polygon/MultiPolygon features in longitude/latitude degrees and at
 * least one feature must name a commune; otherwise nothing changes (VALIDATION_FAILED, with the
 * first issues). Features that name no commune are kept and listed as unmatched.
 */
export async function uploadBoundaries(
  ctx: AppContext,
  actor: Actor,
  body: unknown,
  name: string | undefined,
  meta: { requestId?: string | null | undefined } = {},
): Promise<BoundaryStatus> {
  requireBoundaryAdmin(actor);
  let value = body;
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    try {
      value = JSON.parse(value.toString());
    } catch {
      throw new AppError('VALIDATION_FAILED', 'The boundaries file is not valid JSON');
    }
  }
  const parsed = BoundaryCollection.safeParse(value);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The boundaries must be a GeoJSON FeatureCollection of Polygon or MultiPolygon features (longitude, latitude in degrees; at most 5000 features)',
      { issues: issuesOf(parsed.error) },
    );
  }
  const collection = parsed.data;
  const units = await listAllUnits(ctx.db);
  const matches = matchFeatures(collection.features, communesOf(units));
  if (matches.matched.length === 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      'No feature names a commune of the organisation: give each feature an agencyCode (mã định danh) or the commune’s name',
      { features: collection.features.length, unmatched: matches.unmatched.slice(0, MAX_ISSUES) },
    );
  }
  const sourceName = name?.trim() || DEFAULT_UPLOAD_NAME;
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    await saveBoundaries(trx, {
      geojson: collection,
      featureCount: collection.features.length,
      sourceName,
      uploadedAt: now,
      uploadedBy: actor.type === 'officer' ? actor.id : null,
    });
    await recordAudit(
      trx,
      actor,
      {
        type: 'statistics.boundaries_uploaded',
        entityType: 'map_boundary',
        entityId: '1',
        summary: { name: sourceName, features: collection.features.length, matched: matches.matched.length },
      },
      { at: now, requestId: meta.requestId },
    );
  });
  uploadCache.delete(ctx.db);
  return statusOf({ source: 'upload', name: sourceName, uploadedAt: now, collection }, units);
}

/** Removes the uploaded boundaries (admins); the configured file, if any, applies again. */
export async function removeBoundaries(
  ctx: AppContext,
  actor: Actor,
  meta: { requestId?: string | null | undefined } = {},
): Promise<BoundaryStatus> {
  requireBoundaryAdmin(actor);
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const previous = await findBoundaries(trx);
    if (!previous) return;
    await deleteBoundaries(trx);
    await recordAudit(
      trx,
      actor,
      {
        type: 'statistics.boundaries_removed',
        entityType: 'map_boundary',
        entityId: '1',
        summary: { name: previous.sourceName, features: previous.featureCount },
      },
      { at: now, requestId: meta.requestId },
    );
  });
  uploadCache.delete(ctx.db);
  return getBoundaryStatus(ctx, actor);
}

/* ------------------------------------------------------------------ the map */

function toReportUnit(u: UnitRow): ReportUnit {
  return {
    id: u.id,
    name: u.name,
    shortName: u.shortName,
    agencyCode: u.agencyCode,
    kind: u.kind as ReportUnit['kind'],
  };
}

/** The nearest unit of `kind` at or above `unitId` (walking the parent links). */
function nearestOfKind(byId: ReadonlyMap<string, UnitRow>, unitId: string, kind: string): UnitRow | null {
  const seen = new Set<string>();
  let u = byId.get(unitId);
  while (u && !seen.has(u.id)) {
    if (u.kind === kind) return u;
    seen.add(u.id);
    u = u.parentId ? byId.get(u.parentId) : undefined;
  }
  return null;
}

function isInSubtree(byId: ReadonlyMap<string, UnitRow>, unitId: string, rootId: string): boolean {
  const seen = new Set<string>();
  let u = byId.get(unitId);
  while (u && !seen.has(u.id)) {
    if (u.id === rootId) return true;
    seen.add(u.id);
    u = u.parentId ? byId.get(u.parentId) : undefined;
  }
  return false;
}

/**
 * Exact comparison of on-time rates (cross-multiplied counts, not rounded percentages): higher
 * first, then by name; units without a settled dossier last, by name, with no rank.
 */
function rankUnits(items: readonly Omit<RankedUnit, 'rank'>[]): RankedUnit[] {
  const good = (c: II06aCounts): number => c.settledEarly + c.settledOnTime;
  const byName = (a: Omit<RankedUnit, 'rank'>, b: Omit<RankedUnit, 'rank'>): number =>
    a.unit.name.localeCompare(b.unit.name, 'vi');
  const sorted = [...items].sort((a, b) => {
    const ra = a.counts.settledTotal > 0;
    const rb = b.counts.settledTotal > 0;
    if (ra !== rb) return ra ? -1 : 1;
    if (!ra) return byName(a, b);
    const diff = good(b.counts) * a.counts.settledTotal - good(a.counts) * b.counts.settledTotal;
    return diff !== 0 ? diff : byName(a, b);
  });
  let rank = 0;
  return sorted.map((x) => ({ ...x, rank: x.counts.settledTotal > 0 ? ++rank : null }));
}

function rankedEntry(unit: UnitRow, g: GroupCounts | undefined): Omit<RankedUnit, 'rank'> {
  const counts = g?.counts ?? emptyII06aCounts();
  const rate = onTimeRate(counts);
  return { unit: toReportUnit(unit), counts, onTimeRate: rate, rateClass: rateClassOf(rate) };
}

const CLASSES = [...ON_TIME_RATE_CLASSES, NO_DATA_CLASS].map((c) => ({
  code: c.code,
  colour: c.colour,
  vi: c.vi,
  en: c.en,
}));

/** Projects the features drawn, once per collection and set of features. */
function projectionOf(
  collection: BoundaryCollection | null,
  features: readonly BoundaryFeature[],
): ProjectedMap {
  if (!collection) return projectBoundaries(features);
  const byCollection = projectionCache.get(collection) ?? new Map<string, ProjectedMap>();
  projectionCache.set(collection, byCollection);
  const indexOf = new Map(collection.features.map((f, i) => [f, i]));
  const key = features.map((f) => indexOf.get(f) ?? -1).join(',');
  let projected = byCollection.get(key);
  if (!projected) {
    projected = projectBoundaries(features);
    if (byCollection.size >= MAX_PROJECTIONS) byCollection.clear();
    byCollection.set(key, projected);
  }
  return projected;
}

async function buildMap(
  ctx: AppContext,
  resolved: ResolvedScope,
  from: string,
  to: string,
  options: { isPublic: boolean },
): Promise<EnforcementMap> {
  const { scope, unit } = resolved;
  const eff = effectivePeriod(from, to, ctx.clock());
  const [groups, units, boundaries] = await Promise.all([
    computeCounts(ctx, { scope, groupBy: 'unit', eff }),
    listAllUnits(ctx.db),
    loadBoundaries(ctx),
  ]);
  const byId = new Map(units.map((u) => [u.id, u]));

  // Sum the groups (settling units) up to their commune and their department.
  const sums = { commune: new Map<string, GroupCounts[]>(), department: new Map<string, GroupCounts[]>() };
  for (const [unitId, g] of groups) {
    for (const kind of ['commune', 'department'] as const) {
      const owner = nearestOfKind(byId, unitId, kind);
      if (owner) sums[kind].set(owner.id, [...(sums[kind].get(owner.id) ?? []), g]);
    }
  }
  const isShown = (u: UnitRow, kind: 'commune' | 'department'): boolean => {
    if (u.kind !== kind) return false;
    const hasCounts = sums[kind].has(u.id);
    if (u.validTo && !hasCounts) return false;
    switch (scope.kind) {
      case 'all':
        return true;
      case 'competent':
        return isInSubtree(byId, u.id, scope.unitId);
      case 'receiving':
        return hasCounts || isInSubtree(byId, u.id, scope.unitId);
    }
  };
  const entries = (kind: 'commune' | 'department') =>
    units
      .filter((u) => isShown(u, kind))
      .map((u) => {
        const parts = sums[kind].get(u.id);
        return { row: u, entry: rankedEntry(u, parts ? sumGroupCounts(parts) : undefined) };
      });
  const communeEntries = entries('commune');
  const communes = rankUnits(communeEntries.map((e) => e.entry));
  const agencies = rankUnits(entries('department').map((e) => e.entry));

  // Shapes of the communes shown, projected together (the view box fits the scope).
  const features = boundaries.collection?.features ?? [];
  const matches = matchFeatures(features, communesOf(units));
  const drawn: { unitId: string; feature: BoundaryFeature }[] = [];
  for (const { row } of communeEntries) {
    for (const i of matches.byUnit.get(row.id) ?? []) {
      const feature = features[i];
      if (feature) drawn.push({ unitId: row.id, feature });
    }
  }
  const projected = projectionOf(
    boundaries.collection,
    drawn.map((d) => d.feature),
  );
  const shapesByUnit = new Map<string, { path: string; labelX: number; labelY: number }>();
  projected.shapes.forEach((s) => {
    const unitId = drawn[s.index]?.unitId;
    if (!unitId || !s.path) return;
    const prev = shapesByUnit.get(unitId);
    shapesByUnit.set(
      unitId,
      prev ? { ...prev, path: prev.path + s.path } : { path: s.path, labelX: s.labelX, labelY: s.labelY },
    );
  });
  const areas: MapArea[] = [];
  const missingAreas: RankedUnit[] = [];
  for (const c of communes) {
    const shape = shapesByUnit.get(c.unit.id);
    if (shape) {
      areas.push({
        unit: c.unit,
        path: shape.path,
        labelX: shape.labelX,
        labelY: shape.labelY,
        counts: c.counts,
        onTimeRate: c.onTimeRate,
        rateClass: c.rateClass,
      });
    } else {
      missingAreas.push(c);
    }
  }

  const total = sumGroupCounts(groups.values()).counts;
  return {
    period: eff.period,
    periodText: formatPeriod(eff.period),
    isPartial: eff.isPartial,
    unit,
    boundarySource: boundaries.source,
    boundaryName: boundaries.name,
    width: projected.width,
    height: projected.height,
    areas,
    missingAreas,
    unmatchedFeatures: options.isPublic ? [] : matches.unmatched,
    agencies,
    communes,
    classes: CLASSES.map((c) => ({ ...c })),
    total: { counts: total, onTimeRate: onTimeRate(total) },
  };
}

/**
 * The map of a unit subtree for a period (officers with a report role, scoped like the II.06a
 * report): communes with their shapes and counts, agencies ranked by on-time rate.
 */
export async function getEnforcementMap(
  ctx: AppContext,
  actor: Actor,
  query: MapQuery,
): Promise<EnforcementMap> {
  const resolved = await resolveScope(ctx, actor, query.unitId);
  return buildMap(ctx, resolved, query.from, query.to, { isPublic: false });
}

/**
 * The public map of the whole province (no login, no personal data: unit names and counts only).
 * Default period: this year to date.
 */
export async function getPublicMap(
  ctx: AppContext,
  query: z.infer<typeof PublicPeriodQuery>,
): Promise<EnforcementMap> {
  const today = toLocalDate(ctx.clock());
  const to = query.to ?? today;
  const from = query.from ?? `${(query.to ?? today).slice(0, 4)}-01-01`;
  const root = await findRootProvince(ctx.db);
  const resolved = await resolveScope(ctx, SYSTEM_ACTOR, root?.id);
  return buildMap(ctx, resolved, from, to, { isPublic: true });
}
