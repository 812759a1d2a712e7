import {
  factCounters,
  monthStartOf,
  REPORT_COUNTERS,
  reportFactsOf,
  type DossierReportFacts,
  type ReportSource,
  type WorkingCalendar,
} from '@motcua/domain';
import { CopyText } from './legacy-import.copy-text.ts';
import type { FactDimensions } from '../statistics/statistics-facts.service.ts';

/**
 * Report facts and rollup deltas of the dossiers of one import batch (docs/adr/0010-statistics-rollup.md),
 * written in the batch's own transaction instead of a full rebuild after the import.
 *
 * An imported dossier is new (its code was checked absent) and carries everything its facts are
 * made of in the file row: no files, no reused components, no rating, no control slips (so no step
 * rollup and `steps_counted` 0), no stored deadline. Its facts are `reportFactsOf` of the same
 * source the rebuild would load from the database, with the receiving unit's working calendar, and
 * its counters (`factCounters`, the ones the live path adds) are summed per rollup row over the
 * batch, then added to `report_daily` / `report_monthly` in one upsert each. So after an import the
 * facts and rollups are exactly those of a full rebuild (the import test compares both), and
 * reports count a batch as soon as it commits.
 */

export const IMPORT_FACT_COLUMNS = [
  'dossier_id',
  'competent_unit_id',
  'receiving_unit_id',
  'procedure_code',
  'field_code',
  'level',
  'channel',
  'submitted_day',
  'received_day',
  'refused_day',
  'completed_day',
  'timeliness',
  'settlement_kind',
  'is_withdrawn',
  'settlement_working_minutes',
  'supplement_day',
  'is_digitised',
  'is_reused',
  'rating_day',
  'rating_score',
  'steps_counted',
  'computed_at',
] as const;

export const IMPORT_SPAN_COLUMNS = ['dossier_id', 'from_day', 'to_day'] as const;

/** The rollup counter columns (`settledEarly` → `settled_early`), in the order of REPORT_COUNTERS. */
export const ROLLUP_COUNTER_COLUMNS: readonly string[] = REPORT_COUNTERS.map((c) =>
  c.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
);

const COUNTER_INDEX = new Map<string, number>(REPORT_COUNTERS.map((c, i) => [c, i]));

/**
 * The values of one `report_dossier_fact` row in IMPORT_FACT_COLUMNS order (`steps_counted` 0: a
 * loader that writes completed steps adds them with `aggregateStepsFromHistory`).
 */
export function factValues(
  dossierId: string,
  dims: FactDimensions,
  f: DossierReportFacts,
  now: Date,
): unknown[] {
  return [
    dossierId,
    dims.competentUnitId,
    dims.receivingUnitId,
    dims.procedureCode,
    dims.fieldCode,
    dims.level,
    dims.channel,
    f.submittedDay,
    f.receivedDay,
    f.refusedDay,
    f.completedDay,
    f.timeliness,
    f.settlementKind,
    f.isWithdrawn,
    f.settlementWorkingMinutes,
    f.supplementDay,
    f.isDigitised,
    f.isReused,
    f.ratingDay,
    f.ratingScore,
    0,
    now,
  ];
}

/** One rollup row to add: its key (day or month first, then the dimensions) and counter deltas. */
export interface RollupAddRow {
  day: string;
  dims: FactDimensions;
  values: number[];
}

export interface ImportStatistics {
  /** Rows of `report_dossier_fact` in IMPORT_FACT_COLUMNS order. */
  facts: CopyText;
  /** Rows of `report_overdue_span` in IMPORT_SPAN_COLUMNS order. */
  spans: CopyText;
  /** Sorted by day, then dimensions (one lock order for every writer). */
  daily: RollupAddRow[];
  monthly: RollupAddRow[];
}

/** Accumulates the facts and rollup deltas of one batch. */
export class ImportStatisticsBuilder {
  private readonly facts = new CopyText();
  private readonly spans = new CopyText();
  private readonly months = new Map<string, string>();
  private readonly daily = new Map<string, RollupAddRow>();
  private readonly monthly = new Map<string, RollupAddRow>();

  constructor(private readonly now: Date) {}

  add(dossierId: string, dims: FactDimensions, source: ReportSource, calendar: WorkingCalendar): void {
    const f = reportFactsOf(source, calendar);
    this.facts.add(factValues(dossierId, dims, f, this.now));
    for (const s of f.overdueSpans) this.spans.add([dossierId, s.from, s.to]);
    const dimsKey = `${dims.competentUnitId}|${dims.receivingUnitId}|${dims.procedureCode}|${dims.fieldCode}|${dims.level}|${dims.channel}`;
    for (const e of factCounters(f)) {
      const index = COUNTER_INDEX.get(e.counter) as number;
      addTo(this.daily, e.day, dimsKey, dims, index, e.value);
      let month = this.months.get(e.day);
      if (month === undefined) {
        month = monthStartOf(e.day);
        this.months.set(e.day, month);
      }
      addTo(this.monthly, month, dimsKey, dims, index, e.value);
    }
  }

  build(): ImportStatistics {
    return {
      facts: this.facts,
      spans: this.spans,
      daily: sortedRows(this.daily),
      monthly: sortedRows(this.monthly),
    };
  }
}

function addTo(
  rows: Map<string, RollupAddRow>,
  day: string,
  dimsKey: string,
  dims: FactDimensions,
  index: number,
  value: number,
): void {
  const key = `${day}|${dimsKey}`;
  let row = rows.get(key);
  if (!row) {
    row = { day, dims, values: new Array<number>(REPORT_COUNTERS.length).fill(0) };
    rows.set(key, row);
  }
  row.values[index] = (row.values[index] ?? 0) + value;
}

function sortedRows(rows: Map<string, RollupAddRow>): RollupAddRow[] {
  return [...rows.entries()]
    .filter(([, r]) => r.values.some((v) => v !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}
