import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';

/**
 * The statistics tables as the reports see them, for tests comparing a loader's incremental
 * statistics with a full `rebuildStatistics` (legacy import, dataset generator).
 */
const COUNTERS = [
  'submitted',
  'received',
  'refused',
  'settled_early',
  'settled_on_time',
  'settled_late',
  'settled_withdrawn',
  'settled_result',
  'settlement_minutes',
  'overdue_from',
  'overdue_to',
  'supplement_requested',
  'digitised',
  'reused',
  'rated',
  'rated_low',
  'rating_sum',
].join(', ');
const DIMS = 'competent_unit_id, receiving_unit_id, procedure_code, field_code, level, channel';
const NON_ZERO = COUNTERS.split(', ')
  .map((c) => `${c} <> 0`)
  .join(' OR ');
/** A group's counters are the sum over its stripes (migration 20261207150000). */
const SUMS = COUNTERS.split(', ')
  .map((c) => `sum(${c})::bigint AS ${c}`)
  .join(', ');

/** Every statistics table, in a stable order (rollup rows that sum to nothing left out). */
export async function statisticsSnapshot(db: Database) {
  const rows = async (text: string) => (await sql.raw<Record<string, unknown>>(text).execute(db)).rows;
  return {
    facts: await rows(
      `SELECT dossier_id, ${DIMS}, submitted_day::text, received_day::text, refused_day::text,
              completed_day::text, timeliness, settlement_kind, is_withdrawn, settlement_working_minutes,
              supplement_day::text, is_digitised, is_reused, rating_day::text, rating_score, steps_counted
         FROM report_dossier_fact ORDER BY dossier_id`,
    ),
    spans: await rows(
      `SELECT dossier_id, from_day::text, to_day::text FROM report_overdue_span ORDER BY dossier_id, from_day`,
    ),
    daily: await rows(
      `SELECT * FROM (SELECT day::text, ${DIMS}, ${SUMS} FROM report_daily GROUP BY day, ${DIMS}) g
        WHERE ${NON_ZERO} ORDER BY day, ${DIMS}`,
    ),
    monthly: await rows(
      `SELECT * FROM (SELECT month::text, ${DIMS}, ${SUMS} FROM report_monthly GROUP BY month, ${DIMS}) g
        WHERE ${NON_ZERO} ORDER BY month, ${DIMS}`,
    ),
    steps: await rows(
      `SELECT day::text, unit_id, procedure_code, step_code, completed, late, elapsed_minutes
         FROM report_step_daily ORDER BY day, unit_id, procedure_code, step_code`,
    ),
  };
}
