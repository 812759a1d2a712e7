import {
  isFinalStatus,
  reportFactsOf,
  type ReportDeadline,
  type ReportSource,
  type WorkingCalendar,
} from '@motcua/domain';
import { copyLine, copyValue, withCopyTransaction } from '../db/bulk-copy.ts';
import { getCalendar } from '../modules/calendar/calendar.service.ts';
import {
  factValues,
  IMPORT_FACT_COLUMNS,
  IMPORT_SPAN_COLUMNS,
} from '../modules/legacy-import/legacy-import.statistics.ts';
import { rollUpStoredFacts } from '../modules/statistics/statistics-facts.service.ts';
import { REPORT_ACTIONS } from '../modules/statistics/statistics.repository.ts';
import type { AppContext } from '../shared/app-context.ts';
import { citizenIdNumber, drawPerson, mobilePhone } from '../seed/demo-names.ts';
import { Prng, seedOf } from '../seed/prng.ts';
import { STORY_START, isDatabaseEmpty, seedDemoBase } from '../seed/seed-demo.ts';
import {
  simulateHistory,
  type ComponentInsert,
  type DossierInsert,
  type HistoryRows,
  type TransitionInsert,
} from '../seed/simulate-history.ts';
import {
  DATASET_COLUMNS,
  analyzeDatasetTables,
  listVersionReportFields,
  loadDataset,
  type DatasetTable,
} from './dataset.repository.ts';

/**
 * The dataset generator (`motcua generate-dataset`): N dossiers with the distributions of the demo
 * simulation, written with COPY, for benchmarks and load tests at province and national scale.
 *
 * Simulating every dossier action by action (the demo seed) runs at ~4 000 dossiers/s, too slow
 * for millions. So the generator simulates a pool of template dossiers with the domain rules
 * (`simulateHistory`: procedures, units, channels, statuses, supplements, obligations, apologies,
 * due dates from the working calendars, on-time and late mix, everything ending at `now`), then
 * writes each template as several dossiers: same procedure, units, times and history, each with
 * its own id, dossier code (per agency and day, as the code generator would number them),
 * applicant (name, ID number, phone, also in the e-form), and lookup secret. Times are kept
 * exactly, so every due date stays the one the calendar gives; volumes per day follow the
 * simulated seasonality (Tết, weekdays).
 *
 * Detail `core` (the default) writes the dossier projection and its full history (transitions,
 * supplements, obligations, extensions) for every dossier, and the control-slip steps and
 * component checklists of open dossiers (what officers work on); `full` also writes the steps and
 * components of settled dossiers and one audit entry per action. One audit entry records the
 * generation itself.
 */

export interface GenerateDatasetOptions {
  dossiers: number;
  /** Simulated template dossiers (default min(N, 50 000)). */
  templates?: number | undefined;
  /** Dossiers per batch (default 500). */
  batchSize?: number | undefined;
  detail?: 'core' | 'full' | undefined;
  log?: ((message: string) => void) | undefined;
  onProgress?: ((written: number, total: number) => void) | undefined;
}

export interface GenerateDatasetReport {
  dossiers: number;
  templates: number;
  rows: Record<DatasetTable, number>;
  detail: 'core' | 'full';
  simulationSeconds: number;
  loadSeconds: number;
  analyzeSeconds: number;
  dossiersPerSecond: number;
  isTriggerFree: boolean;
  mode: 'parallel' | 'serial';
  statisticsRebuilt: boolean | string;
}

const SECRET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A template dossier, pre-encoded: the COPY text of everything that is the same in its copies. */
interface Template {
  id: string;
  code: string;
  prefix: string;
  submittedMs: number;
  isOpen: boolean;
  applicantName: string;
  applicantIdNumber: string | null;
  isCitizen: boolean;
  applicantJson: string;
  formDataJson: string;
  rest: string;
  /** Its `report_dossier_fact` row after the dossier id (the same for every copy). */
  fact: string;
  /** Its `report_overdue_span` rows after the dossier id. */
  spans: string[];
  transitions: string[];
  steps: string[];
  components: string[];
  supplements: string[];
  obligations: string[];
  extensions: string[];
  audit: { summary: string; rest: string }[];
}

function encodeRest(row: object, columns: readonly string[], skip: number): string {
  const r = row as Record<string, unknown>;
  let out = '';
  for (let i = skip; i < columns.length; i++) {
    const column = columns[i] as string;
    const property = column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    out += (i > skip ? '\t' : '') + copyValue(r[property]);
  }
  return out;
}

function groupBy<T extends { dossierId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.dossierId);
    if (list) list.push(row);
    else map.set(row.dossierId, [row]);
  }
  return map;
}

/** Computes a template dossier's report facts from what is written of it (as the rebuild would). */
type FactsOf = (
  d: DossierInsert,
  transitions: readonly TransitionInsert[],
  components: readonly ComponentInsert[],
) => { fact: string; spans: string[] };

/**
 * `FactsOf` for the generator: the `ReportSource` the rebuild's query (statistics.repository.ts)
 * would read of the written rows, computed once per template. The generator writes no files and
 * no ratings; components only where it writes them.
 */
function factsOfTemplates(
  versions: ReadonlyMap<string, { fieldCode: string; level: string; isResultPaperRequired: boolean }>,
  calendars: ReadonlyMap<string, WorkingCalendar>,
  fallback: WorkingCalendar,
  now: Date,
): FactsOf {
  const reportActions = new Set<string>(REPORT_ACTIONS);
  return (d, transitions, components) => {
    const version = versions.get(d.procedureVersionId);
    if (!version) throw new Error(`generate-dataset: unknown procedure version ${d.procedureVersionId}`);
    // As stored and read back: JSON, with the deadline's paused and due items only.
    const stored = d.deadline
      ? (JSON.parse(JSON.stringify(d.deadline)) as { dueAt: string; items: { type: string }[] })
      : null;
    const deadline = stored
      ? { dueAt: stored.dueAt, items: stored.items.filter((i) => i.type === 'paused' || i.type === 'due') }
      : null;
    const source: ReportSource = {
      channel: d.channel,
      status: d.status,
      submittedAt: d.submittedAt,
      receivedAt: d.receivedAt,
      completedAt: d.completedAt,
      dueAt: d.dueAt,
      deadline: deadline as ReportDeadline | null,
      supplementCount: d.supplementCount,
      isObligationTimeExcluded: d.isObligationTimeExcluded,
      history: [...transitions]
        .filter((t) => reportActions.has(t.action))
        .sort((a, b) => a.seq - b.seq)
        .map((t) => ({
          action: t.action,
          fromStatus: t.fromStatus,
          toStatus: t.toStatus,
          occurredAt: new Date(t.occurredAt.toISOString()),
        })),
      hasComponentFile: false,
      hasResultFile: false,
      isResultPaperRequired: version.isResultPaperRequired,
      hasReusedComponent: components.some((c) => c.isReused),
      rating: null,
    };
    const f = reportFactsOf(source, calendars.get(d.receivingUnitId) ?? fallback);
    const dims = {
      competentUnitId: d.competentUnitId,
      receivingUnitId: d.receivingUnitId,
      procedureCode: d.procedureCode,
      fieldCode: version.fieldCode,
      level: version.level,
      channel: d.channel,
    };
    const line = copyLine(factValues('', dims, f, now));
    return {
      fact: line.slice(line.indexOf('\t') + 1, -1),
      spans: f.overdueSpans.map((x) => `${copyValue(x.from)}\t${copyValue(x.to)}`),
    };
  };
}

function buildTemplates(history: HistoryRows, detail: 'core' | 'full', factsOf: FactsOf): Template[] {
  const c = DATASET_COLUMNS;
  const transitions = groupBy(history.transitions);
  const steps = groupBy(history.steps);
  const components = groupBy(history.components);
  const supplements = groupBy(history.supplements);
  const obligations = groupBy(history.obligations);
  const extensions = groupBy(history.extensions);
  const audit = new Map<string, HistoryRows['audit']>();
  for (const a of history.audit) {
    const list = audit.get(a.entityId);
    if (list) list.push(a);
    else audit.set(a.entityId, [a]);
  }
  const sorted = [...history.dossiers].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  return sorted.map((d: DossierInsert) => {
    const isOpen = !isFinalStatus(d.status);
    const withDetail = isOpen || detail === 'full';
    const dash = d.code.lastIndexOf('-');
    const facts = factsOf(d, transitions.get(d.id) ?? [], withDetail ? (components.get(d.id) ?? []) : []);
    return {
      fact: facts.fact,
      spans: facts.spans,
      id: d.id,
      code: d.code,
      prefix: d.code.slice(0, dash),
      submittedMs: d.submittedAt.getTime(),
      isOpen,
      applicantName: d.applicantName,
      applicantIdNumber: d.applicantIdNumber,
      isCitizen: (d.applicant as { kind?: string }).kind !== 'organisation',
      applicantJson: copyValue(d.applicant),
      formDataJson: copyValue(d.formData),
      rest: encodeRest(d, c.dossier, 7),
      transitions: (transitions.get(d.id) ?? []).map((t) => encodeRest(t, c.dossier_transition, 1)),
      steps: withDetail ? (steps.get(d.id) ?? []).map((s) => encodeRest(s, c.dossier_step, 1)) : [],
      components: withDetail
        ? (components.get(d.id) ?? []).map((x) => encodeRest(x, c.dossier_component, 1))
        : [],
      supplements: (supplements.get(d.id) ?? []).map((x) => encodeRest(x, c.dossier_supplement, 2)),
      obligations: (obligations.get(d.id) ?? []).map((x) => encodeRest(x, c.dossier_obligation, 2)),
      extensions: (extensions.get(d.id) ?? []).map((x) => encodeRest(x, c.dossier_extension, 2)),
      audit:
        detail === 'full'
          ? (audit.get(d.id) ?? []).map((a) => ({
              summary: copyValue(a.summary),
              rest: encodeRest(a, c.audit_log, 2),
            }))
          : [],
    };
  });
}

/**
 * Time-ordered ids (UUID version 7 layout: 48 bits of milliseconds, then a run counter), so the
 * primary-key index grows at its right edge like it does in production, not at random pages.
 */
function timeOrderedId(ms: number, counter: number): string {
  const t = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  const n = counter.toString(16).padStart(18, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${n.slice(0, 3)}-8${n.slice(3, 6)}-${n.slice(6, 18)}`;
}

class ChunkBuffer {
  readonly chunks: string[] = [];
  rows = 0;
  #current = '';

  push(line: string): void {
    this.#current += line;
    this.rows += 1;
    if (this.#current.length > 1_000_000) {
      this.chunks.push(this.#current);
      this.#current = '';
    }
  }

  drain(): string[] {
    if (this.#current.length > 0) this.chunks.push(this.#current);
    this.#current = '';
    const out = this.chunks.splice(0);
    return out;
  }
}

/** Streams the fact and span rows of the `count` written dossiers (from their templates). */
async function writeFacts(
  ctx: AppContext,
  templates: readonly Template[],
  templateOf: Int32Array,
  idCounterOf: Int32Array,
  count: number,
): Promise<void> {
  function* lines(kind: 'fact' | 'span'): Generator<string> {
    let chunk = '';
    for (let n = 0; n < count; n++) {
      const tpl = templates[templateOf[n] as number] as Template;
      const id = timeOrderedId(tpl.submittedMs, idCounterOf[n] as number);
      if (kind === 'fact') chunk += `${id}\t${tpl.fact}\n`;
      else for (const span of tpl.spans) chunk += `${id}\t${span}\n`;
      if (chunk.length > 1_000_000) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk.length > 0) yield chunk;
  }
  await withCopyTransaction(
    ctx.db,
    async (session) => {
      await session.query(
        'TRUNCATE report_overdue_span, report_dossier_fact, report_daily, report_monthly, report_step_daily',
      );
      await session.copy('report_dossier_fact', IMPORT_FACT_COLUMNS, lines('fact'), { isFrozen: true });
      await session.copy('report_overdue_span', IMPORT_SPAN_COLUMNS, lines('span'), { isFrozen: true });
    },
    { isDurabilityRelaxed: true },
  );
}

export async function generateDataset(
  ctx: AppContext,
  options: GenerateDatasetOptions,
): Promise<GenerateDatasetReport> {
  const log = options.log ?? (() => undefined);
  const total = options.dossiers;
  if (!Number.isInteger(total) || total < 1) throw new Error('The number of dossiers must be at least 1');
  const detail = options.detail ?? 'core';
  const batchSize = options.batchSize ?? 500;
  if (!(await isDatabaseEmpty(ctx)))
    throw new Error(
      'generate-dataset loads the demo province and its dossiers into an empty database; this one is not empty',
    );
  const now = ctx.clock();
  const started = Date.now();
  const base = await seedDemoBase(ctx, log);
  const templateCount = Math.max(1, Math.min(total, options.templates ?? 50_000));
  const history = simulateHistory(base.world, {
    now,
    count: templateCount,
    notBefore: STORY_START,
    progressEvery: 10_000,
    log,
  });
  const versions = new Map((await listVersionReportFields(ctx.db)).map((v) => [v.id, v]));
  const calendars = new Map<string, WorkingCalendar>();
  for (const d of history.dossiers)
    if (!calendars.has(d.receivingUnitId))
      calendars.set(d.receivingUnitId, await getCalendar(ctx, d.receivingUnitId));
  const templates = buildTemplates(
    history,
    detail,
    factsOfTemplates(versions, calendars, await getCalendar(ctx), now),
  );
  const simulationSeconds = (Date.now() - started) / 1000;
  log(
    `simulated ${templates.length} template dossiers in ${simulationSeconds.toFixed(1)} s; writing ${total} dossiers (${detail})`,
  );

  const prng = new Prng(seedOf(`motcua-dataset:${now.toISOString()}:${total}`));
  const rows: Record<DatasetTable, number> = {
    dossier: 0,
    dossier_transition: 0,
    dossier_step: 0,
    dossier_component: 0,
    dossier_supplement: 0,
    dossier_obligation: 0,
    dossier_extension: 0,
    audit_log: 0,
  };
  const counters = new Map<string, number>();
  const factTemplate = new Int32Array(total);
  const factIdCounter = new Int32Array(total);
  const loadStarted = Date.now();
  let idCounter = 1;
  let copyMs = 0;

  const result = await loadDataset(
    ctx.db,
    { isStreamable: detail === 'core' },
    async (writer) => {
      const buffers = Object.fromEntries(
        Object.keys(DATASET_COLUMNS).map((t) => [t, new ChunkBuffer()]),
      ) as Record<DatasetTable, ChunkBuffer>;
      const flush = async (): Promise<void> => {
        const chunks: Partial<Record<DatasetTable, string[]>> = {};
        for (const table of Object.keys(DATASET_COLUMNS) as DatasetTable[]) {
          const buffer = buffers[table];
          rows[table] += buffer.rows;
          buffer.rows = 0;
          chunks[table] = buffer.drain();
        }
        const t0 = Date.now();
        await writer.writeBatch(chunks);
        copyMs += Date.now() - t0;
      };
      let written = 0;
      let inBatch = 0;
      for (let j = 0; j < templates.length; j++) {
        const tpl = templates[j] as Template;
        const copies =
          Math.floor(((j + 1) * total) / templates.length) - Math.floor((j * total) / templates.length);
        for (let k = 0; k < copies; k++) {
          const seq = (counters.get(tpl.prefix) ?? 0) + 1;
          counters.set(tpl.prefix, seq);
          const code = `${tpl.prefix}-${String(seq).padStart(4, '0')}`;
          // Template and id of each dossier, to write its facts after the load (8 bytes each).
          factTemplate[written] = j;
          factIdCounter[written] = idCounter;
          const id = timeOrderedId(tpl.submittedMs, idCounter++);
          let name = tpl.applicantName;
          let idNumber = tpl.applicantIdNumber;
          let applicantJson = tpl.applicantJson;
          let formDataJson = tpl.formDataJson;
          if (tpl.isCitizen) {
            const person = drawPerson(prng);
            const newId = citizenIdNumber(prng, prng.int(1950, 2006), person.sex);
            const phone = mobilePhone(prng);
            applicantJson = applicantJson.split(tpl.applicantName).join(person.fullName);
            formDataJson = formDataJson.split(tpl.applicantName).join(person.fullName);
            if (idNumber) {
              applicantJson = applicantJson.split(idNumber).join(newId);
              formDataJson = formDataJson.split(idNumber).join(newId);
            }
            applicantJson = applicantJson.replace(/"phone":"[^"]*"/, `"phone":"${phone}"`);
            name = person.fullName;
            idNumber = idNumber ? newId : null;
          }
          let secret = '';
          for (let s = 0; s < 6; s++) secret += SECRET_ALPHABET[Math.floor(prng.next() * 32)];
          buffers.dossier.push(
            `${id}\t${copyValue(code)}\t${copyValue(name)}\t${copyValue(idNumber)}\t${applicantJson}\t${formDataJson}\t${secret}\t${tpl.rest}\n`,
          );
          for (const t of tpl.transitions) buffers.dossier_transition.push(`${id}\t${t}\n`);
          for (const s of tpl.steps) buffers.dossier_step.push(`${id}\t${s}\n`);
          for (const s of tpl.components) buffers.dossier_component.push(`${id}\t${s}\n`);
          for (const s of tpl.supplements)
            buffers.dossier_supplement.push(`${timeOrderedId(tpl.submittedMs, idCounter++)}\t${id}\t${s}\n`);
          for (const s of tpl.obligations)
            buffers.dossier_obligation.push(`${timeOrderedId(tpl.submittedMs, idCounter++)}\t${id}\t${s}\n`);
          for (const s of tpl.extensions)
            buffers.dossier_extension.push(`${timeOrderedId(tpl.submittedMs, idCounter++)}\t${id}\t${s}\n`);
          for (const a of tpl.audit)
            buffers.audit_log.push(`${id}\t${a.summary.split(tpl.code).join(code)}\t${a.rest}\n`);
          written += 1;
          inBatch += 1;
          if (inBatch >= batchSize) {
            await flush();
            inBatch = 0;
            options.onProgress?.(written, total);
          }
        }
      }
      await flush();
      options.onProgress?.(written, total);
      return { written };
    },
    () => ({
      codeSequences: [...counters.entries()].map(([prefix, lastValue]) => {
        const dash = prefix.lastIndexOf('-');
        const yymmdd = prefix.slice(dash + 1);
        return {
          agencyCode: prefix.slice(0, dash),
          day: `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`,
          lastValue,
        };
      }),
      audit: {
        eventType: 'dataset.generated',
        entityType: 'dataset',
        entityId: now.toISOString(),
        summary: { dossiers: total, templates: templates.length, detail },
        at: now,
      },
    }),
  );
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  log(
    `wrote ${result.written} dossiers in ${loadSeconds.toFixed(1)} s (${(copyMs / 1000).toFixed(1)} s in COPY); analysing the tables`,
  );
  const analyzeStarted = Date.now();
  await analyzeDatasetTables(ctx.db, result.mode);
  const analyzeSeconds = (Date.now() - analyzeStarted) / 1000;
  // The report facts: computed once per template, written for each copy by COPY, then summed into
  // the rollups (the rebuild reads every dossier back instead: half the generation time at 5M).
  const factsStarted = Date.now();
  await writeFacts(ctx, templates, factTemplate, factIdCounter, result.written);
  log(
    `statistics: facts of ${result.written} dossiers written in ${((Date.now() - factsStarted) / 1000).toFixed(1)} s`,
  );
  await rollUpStoredFacts(ctx, { log });
  const statisticsRebuilt = true;
  return {
    dossiers: result.written,
    templates: templates.length,
    rows,
    detail,
    simulationSeconds,
    loadSeconds,
    analyzeSeconds,
    dossiersPerSecond: Math.round(result.written / loadSeconds),
    isTriggerFree: result.isTriggerFree,
    mode: result.mode,
    statisticsRebuilt,
  };
}
