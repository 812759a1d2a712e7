import crypto from 'node:crypto';
import {
  toLocalDate,
  type DossierStatus,
  type ReportHistoryEntry,
  type WorkingCalendar,
} from '@motcua/domain';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireRole } from '../../shared/authz.ts';
import { getCalendar } from '../calendar/calendar.service.ts';
import {
  findExistingCodes,
  listPublishedVersions,
  listUnitsByAgencyCode,
  writeImportBatch,
  type ImportBatch,
} from './legacy-import.repository.ts';
import {
  LegacyDossierRow,
  type LegacyImportReport,
  type LegacyReject,
  type LegacyRejectReason,
} from './legacy-import.schemas.ts';
import { CopyText } from './legacy-import.copy-text.ts';
import { ImportStatisticsBuilder } from './legacy-import.statistics.ts';

/**
 * Bulk import of dossiers from a province's previous system (`motcua import-dossiers`).
 *
 * Rule: every row is validated on its own; a row that fails (format, chronology, unknown unit or
 * procedure, a code already in the file or in the database, a time in the future) is rejected
 * with its line and reason and never stops the others. The valid rows are written in batches, each
 * batch in one transaction — all of its dossiers, their history rows, the code counters and one
 * audit entry — so a batch is imported entirely or not at all. If the database refuses a batch,
 * its rows are reported as BATCH_FAILED and the import goes on with the next batch. A code already
 * in the database is ALREADY_IMPORTED, so running the same file again after a failure imports
 * exactly what is missing.
 *
 * The same transaction writes the batch's report facts and adds them to the daily and monthly
 * rollups (legacy-import.statistics.ts): reports count a batch when it commits, with exactly the
 * numbers a full `rebuildStatistics` would give, and no rebuild is needed after the import.
 * While the database writes one batch, the next one is read and validated (one batch in flight).
 *
 * An imported dossier keeps the legacy code, times, due date and status; it is pinned to the
 * procedure version in force on its submission day (or the oldest published one when the
 * catalog starts later); its history holds the milestones the file gives (submit or receive,
 * accept, the final action), recorded as done by the migration. No outbox message is sent: the
 * dossiers are history, already known to the applicant and to the national portal.
 */

export interface LegacyImportOptions {
  /** Valid rows per transaction (default 10 000). */
  batchSize?: number | undefined;
  /** File name or description, kept in the audit entries. */
  sourceName: string;
  onReject?: ((reject: LegacyReject) => void) | undefined;
  onProgress?: ((read: number, imported: number) => void) | undefined;
  /** Called after the last batch, before the report (the statistics are already up to date). */
  afterImport?: (() => Promise<boolean | string>) | undefined;
}

const MIGRATION_ACTOR_NAME = 'Chuyển đổi dữ liệu từ hệ thống cũ';
const SECRET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const OUR_CODE = /^(.+)-(\d{2})(\d{2})(\d{2})-(\d{4,})$/;

/** Lookup secrets for `count` dossiers from one random buffer (6 characters each). */
function newSecrets(count: number): () => string {
  const bytes = crypto.randomBytes(6 * count);
  let at = 0;
  return () => {
    let out = '';
    for (let i = 0; i < 6; i++) out += SECRET_ALPHABET[(bytes[at++] ?? 0) % 32];
    return out;
  };
}

interface VersionRef {
  id: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  supplementMode: string;
  isObligationTimeExcluded: boolean;
  competentAgencyCode: string | null;
  fieldCode: string;
  level: string;
  isResultPaperRequired: boolean;
}

type Milestone = [action: string, to: DossierStatus, at: Date];

/** History rows from what the legacy file tells (see the module comment). */
function milestonesOf(r: LegacyDossierRow): Milestone[] {
  const submitted = r.submitted_at as Date;
  const received = r.received_at ?? submitted;
  const isOnline = r.channel === 'online' || r.channel === 'chat';
  const out: Milestone[] = [];
  if (isOnline) {
    out.push(['submit', 'submitted', submitted]);
    if (r.received_at) out.push(['accept', 'received', r.received_at]);
  } else if (r.status !== 'submitted') {
    out.push(['receive', 'received', received]);
  } else {
    out.push(['submit', 'submitted', submitted]);
  }
  const completed = r.completed_at ?? received;
  switch (r.status) {
    case 'submitted':
    case 'received':
      break;
    case 'refused':
      out.push(['refuse', 'refused', completed]);
      break;
    case 'processing':
      out.push(['transfer', 'processing', received]);
      break;
    case 'awaiting_supplement':
      out.push(['transfer', 'processing', received], ['request_supplement', 'awaiting_supplement', received]);
      break;
    case 'awaiting_obligation':
      out.push(['transfer', 'processing', received], ['request_obligation', 'awaiting_obligation', received]);
      break;
    case 'withdrawal_requested':
      out.push(['request_withdrawal', 'withdrawal_requested', received]);
      break;
    case 'stopped':
      out.push(['stop', 'stopped', completed]);
      break;
    case 'result_ready':
      out.push(['issue_result', 'result_ready', completed]);
      break;
    case 'returned':
      out.push(
        ['issue_result', 'result_ready', completed],
        ['return_result', 'returned', r.returned_at ?? completed],
      );
      break;
  }
  return out;
}

/** The history as the report definitions read it. */
function historyOf(milestones: readonly Milestone[]): ReportHistoryEntry[] {
  const out: ReportHistoryEntry[] = [];
  let from: DossierStatus | null = null;
  for (const [action, to, at] of milestones) {
    out.push({ action, fromStatus: from, toStatus: to, occurredAt: at });
    from = to;
  }
  return out;
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export async function importLegacyDossiers(
  ctx: AppContext,
  actor: Actor,
  source: AsyncIterable<{ line: number; record: Record<string, unknown> }>,
  options: LegacyImportOptions,
): Promise<LegacyImportReport> {
  if (actor.type !== 'system') requireRole(actor, 'admin');
  const batchSize = options.batchSize ?? 10_000;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)
    throw new AppError('VALIDATION_FAILED', 'batchSize must be between 1 and 100000');
  const started = Date.now();
  const now = ctx.clock();

  const units = new Map<string, { id: string }>();
  for (const u of await listUnitsByAgencyCode(ctx.db)) units.set(u.agencyCode, { id: u.id });
  const versions = new Map<string, VersionRef[]>();
  for (const v of await listPublishedVersions(ctx.db)) {
    const list = versions.get(v.procedureCode) ?? [];
    list.push({
      id: v.id,
      effectiveFrom: v.effectiveFrom,
      effectiveTo: v.effectiveTo,
      supplementMode: v.supplementMode === 'restart' ? 'restart' : 'pause',
      isObligationTimeExcluded: v.isObligationTimeExcluded === true,
      competentAgencyCode: v.competentAgencyCode,
      fieldCode: v.fieldCode,
      level: v.level,
      isResultPaperRequired: v.isResultPaperRequired === true,
    });
    versions.set(v.procedureCode, list);
  }
  const versionOn = (procedureCode: string, day: string): VersionRef | undefined => {
    const list = versions.get(procedureCode);
    if (!list) return undefined;
    const inForce = list.filter(
      (v) => v.effectiveFrom <= day && (v.effectiveTo === null || day < v.effectiveTo),
    );
    return inForce[inForce.length - 1] ?? list[0];
  };

  const report: LegacyImportReport = {
    read: 0,
    imported: 0,
    rejected: 0,
    rejectedByReason: {},
    batches: { committed: 0, failed: 0 },
    seconds: 0,
    dossiersPerSecond: 0,
    statisticsRebuilt: false,
    statistics: { facts: 0, dailyRows: 0, monthlyRows: 0 },
  };
  const reject = (line: number, code: string | null, reason: LegacyRejectReason, message: string): void => {
    report.rejected += 1;
    report.rejectedByReason[reason] = (report.rejectedByReason[reason] ?? 0) + 1;
    options.onReject?.({ line, code, reason, message });
  };
  const seenCodes = new Set<string>();

  interface Pending {
    line: number;
    row: LegacyDossierRow;
    version: VersionRef;
    receivingId: string;
    competentId: string;
  }
  let pending: Pending[] = [];
  /**
   * The batch being written while the next one is read. A batch the database refuses is reported
   * as BATCH_FAILED; anything else that throws (a callback) is kept and rethrown when awaited.
   */
  let inFlight: Promise<void> | null = null;
  let inFlightError: { error: unknown } | null = null;
  const settle = async (): Promise<void> => {
    if (inFlight) await inFlight;
    inFlight = null;
    if (inFlightError) throw inFlightError.error;
  };
  let batchesWritten = 0;
  /** Working calendar of each receiving unit (the one the rebuild computes facts with). */
  const calendars = new Map<string, WorkingCalendar>();

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const existing = await findExistingCodes(
      ctx.db,
      batch.map((p) => p.row.code),
    );
    const rows = batch.filter((p) => {
      if (!existing.has(p.row.code)) return true;
      reject(p.line, p.row.code, 'ALREADY_IMPORTED', `dossier ${p.row.code} is already in the database`);
      return false;
    });
    if (rows.length === 0) return;
    try {
      for (const unitId of new Set(rows.map((p) => p.receivingId)))
        if (!calendars.has(unitId)) calendars.set(unitId, await getCalendar(ctx, unitId));
    } catch (error) {
      // A unit removed since the import started: the batch fails as the database would fail it.
      report.batches.failed += 1;
      const message = `batch not written: ${(error as Error).message}`;
      for (const p of rows) reject(p.line, p.row.code, 'BATCH_FAILED', message);
      return;
    }
    const statistics = new ImportStatisticsBuilder(now);
    const dossiers = new CopyText();
    const transitions = new CopyText();
    const secrets = newSecrets(rows.length);
    const unitIds = new Set<string>();
    const versionIds = new Set<string>();
    const sequences = new Map<string, { agencyCode: string; day: string; lastValue: number }>();
    for (const { row: r, version, receivingId, competentId } of rows) {
      const id = crypto.randomUUID();
      unitIds.add(receivingId).add(competentId);
      versionIds.add(version.id);
      const milestones = milestonesOf(r);
      const isAtCompetent = ['processing', 'awaiting_supplement', 'awaiting_obligation'].includes(r.status);
      const isApproved = r.status === 'result_ready' || r.status === 'returned';
      const applicant: Record<string, string> = { kind: r.applicant_kind, fullName: r.applicant_name };
      if (r.applicant_id_number) applicant['idNumber'] = r.applicant_id_number;
      if (r.applicant_tax_code) applicant['taxCode'] = r.applicant_tax_code;
      if (r.applicant_address) applicant['address'] = r.applicant_address;
      if (r.applicant_phone) applicant['phone'] = r.applicant_phone;
      if (r.applicant_email) applicant['email'] = r.applicant_email;
      dossiers.add([
        id,
        r.code,
        version.id,
        r.procedure_code,
        r.variant_code ?? null,
        r.channel,
        r.status,
        receivingId,
        competentId,
        isAtCompetent ? competentId : receivingId,
        r.applicant_name,
        r.applicant_id_number ?? r.applicant_tax_code ?? null,
        applicant,
        'counter',
        r.submitted_at,
        r.received_at ?? null,
        r.due_at ?? null,
        r.original_due_at ?? r.due_at ?? null,
        version.supplementMode,
        version.isObligationTimeExcluded,
        r.supplement_count ?? 0,
        r.extension_count ?? 0,
        isApproved,
        isApproved ? (r.completed_at ?? null) : null,
        r.result_number || r.result_signer
          ? { number: r.result_number ?? null, signer: r.result_signer ?? null, isImported: true }
          : null,
        r.completed_at ?? null,
        r.returned_at ?? null,
        r.status === 'returned' ? 'counter' : null,
        r.lookup_secret ?? secrets(),
        r.fee_total ?? 0,
        milestones.length,
        now,
        now,
        milestones.map(([action, , at]) => ({ action, at: at.toISOString() })),
      ]);
      statistics.add(
        id,
        {
          competentUnitId: competentId,
          receivingUnitId: receivingId,
          procedureCode: r.procedure_code,
          fieldCode: version.fieldCode,
          level: version.level,
          channel: r.channel,
        },
        {
          channel: r.channel,
          status: r.status,
          submittedAt: r.submitted_at as Date,
          receivedAt: r.received_at ?? null,
          completedAt: r.completed_at ?? null,
          dueAt: r.due_at ?? null,
          deadline: null,
          supplementCount: r.supplement_count ?? 0,
          isObligationTimeExcluded: version.isObligationTimeExcluded,
          history: historyOf(milestones),
          hasComponentFile: false,
          hasResultFile: false,
          isResultPaperRequired: version.isResultPaperRequired,
          hasReusedComponent: false,
          rating: null,
        },
        calendars.get(receivingId) as WorkingCalendar,
      );
      let from: DossierStatus | null = null;
      milestones.forEach(([action, to, at], i) => {
        transitions.add([
          id,
          i + 1,
          action,
          from,
          to,
          'system',
          MIGRATION_ACTOR_NAME,
          at,
          { source: 'legacy-import', file: options.sourceName },
        ]);
        from = to;
      });
      const m = OUR_CODE.exec(r.code);
      if (m && units.has(m[1] as string)) {
        const day = `20${m[2]}-${m[3]}-${m[4]}`;
        const key = `${m[1]}|${day}`;
        const value = Number(m[5]);
        const current = sequences.get(key);
        if (!current || current.lastValue < value)
          sequences.set(key, { agencyCode: m[1] as string, day, lastValue: value });
      }
    }
    const stats = statistics.build();
    batchesWritten += 1;
    const batchNumber = batchesWritten;
    await settle();
    inFlight = write(rows, {
      dossiers,
      transitions,
      codeSequences: [...sequences.values()],
      audit: {
        at: now,
        actorType: actor.type,
        actorId: actor.id,
        entityId: `${options.sourceName}#${batchNumber}`,
        summary: {
          source: options.sourceName,
          dossiers: rows.length,
          firstCode: rows[0]?.row.code ?? null,
          lastCode: rows[rows.length - 1]?.row.code ?? null,
        },
      },
      statistics: stats,
      references: { unitIds: [...unitIds], versionIds: [...versionIds] },
    }).catch((error: unknown) => {
      inFlightError = { error };
    });
  };

  const write = async (rows: readonly Pending[], batch: ImportBatch): Promise<void> => {
    try {
      await writeImportBatch(ctx.db, batch);
      report.imported += rows.length;
      report.batches.committed += 1;
      report.statistics.facts += batch.statistics.facts.rows;
      report.statistics.dailyRows += batch.statistics.daily.length;
      report.statistics.monthlyRows += batch.statistics.monthly.length;
    } catch (error) {
      report.batches.failed += 1;
      const message = `batch rolled back: ${(error as Error).message}`;
      for (const p of rows) reject(p.line, p.row.code, 'BATCH_FAILED', message);
    }
    options.onProgress?.(report.read, report.imported);
  };

  for await (const { line, record } of source) {
    report.read += 1;
    const rawCode = typeof record['code'] === 'string' ? record['code'].trim() || null : null;
    if (typeof record['__invalid'] === 'string' || typeof record['__fieldCount'] === 'string') {
      reject(line, rawCode, 'INVALID', String(record['__invalid'] ?? record['__fieldCount']));
      continue;
    }
    const parsed = LegacyDossierRow.safeParse(record);
    if (!parsed.success) {
      reject(line, rawCode, 'INVALID', firstIssue(parsed.error));
      continue;
    }
    const r = parsed.data;
    if (seenCodes.has(r.code)) {
      reject(line, r.code, 'DUPLICATE_IN_FILE', `code ${r.code} appears earlier in the file`);
      continue;
    }
    seenCodes.add(r.code);
    const submittedAt = r.submitted_at as Date;
    const latest = r.returned_at ?? r.completed_at ?? r.received_at ?? submittedAt;
    if (latest.getTime() > now.getTime() || submittedAt.getTime() > now.getTime()) {
      reject(line, r.code, 'IN_THE_FUTURE', 'a time of this dossier is later than now');
      continue;
    }
    const receiving = units.get(r.receiving_unit);
    const version = versionOn(r.procedure_code, toLocalDate(r.submitted_at as Date));
    if (!version) {
      reject(line, r.code, 'UNKNOWN_PROCEDURE', `procedure ${r.procedure_code} has no published version`);
      continue;
    }
    const competentCode = r.competent_unit ?? version.competentAgencyCode ?? r.receiving_unit;
    const competent = units.get(competentCode);
    if (!receiving || !competent) {
      reject(
        line,
        r.code,
        'UNKNOWN_UNIT',
        `no unit with agency code ${receiving ? competentCode : r.receiving_unit}`,
      );
      continue;
    }
    pending.push({ line, row: r, version, receivingId: receiving.id, competentId: competent.id });
    if (pending.length >= batchSize) await flush();
    else if (report.read % 5000 === 0) options.onProgress?.(report.read, report.imported);
  }
  await flush();
  await settle();
  if (options.afterImport && report.imported > 0) report.statisticsRebuilt = await options.afterImport();
  report.seconds = (Date.now() - started) / 1000;
  report.dossiersPerSecond = report.seconds > 0 ? Math.round(report.imported / report.seconds) : 0;
  return report;
}
