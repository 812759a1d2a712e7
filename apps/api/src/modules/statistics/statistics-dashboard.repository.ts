import { sql } from 'kysely';
import type { DbExecutor } from '../../db/database.ts';
import { scopeWhere, type Scope } from './statistics.repository.ts';

/**
 * SQL of the dashboards (leaders' overview, public transparency) that the report queries of
 * statistics.repository.ts do not cover: today's rollup row by channel, the satisfied ratings of a
 * period and the names of the procedure steps. Like the report, they read the rollups and the
 * report facts (docs/adr/0010-statistics-rollup.md), never a second definition.
 */

/** The daily rollup of one day by channel: received (clock started) and submitted. */
export async function dayTotalsByChannel(db: DbExecutor, input: { scope: Scope; day: string }) {
  const r = await sql<{ channel: string; received: number; submitted: number }>`
    SELECT channel, COALESCE(SUM(received), 0)::bigint AS received, COALESCE(SUM(submitted), 0)::bigint AS submitted
      FROM report_daily
     WHERE ${scopeWhere(input.scope)} AND day = ${input.day}::date
     GROUP BY channel`.execute(db);
  return r.rows.map((x) => ({
    channel: x.channel,
    received: Number(x.received),
    submitted: Number(x.submitted),
  }));
}

/**
 * Ratings given on the days [from, to] (report facts `rating_day`, the day the `rated` counter of
 * the rollup is on), with how many scored 4 or 5 (satisfied) out of 5. `startAt`/`endAt` are the
 * same days as instants, for the rating-time index.
 */
export async function ratingCounts(
  db: DbExecutor,
  input: { scope: Scope; from: string; to: string; startAt: Date; endAt: Date },
): Promise<{ rated: number; satisfied: number }> {
  const r = await sql<{ rated: number; satisfied: number }>`
    SELECT count(*)::int AS rated, count(*) FILTER (WHERE f.rating_score >= 4)::int AS satisfied
      FROM dossier_rating r
      JOIN report_dossier_fact f ON f.dossier_id = r.dossier_id
     WHERE r.rated_at >= ${input.startAt} AND r.rated_at < ${input.endAt}
       AND f.rating_day BETWEEN ${input.from}::date AND ${input.to}::date
       AND f.rating_score IS NOT NULL
       AND ${scopeWhere(input.scope, 'f')}`.execute(db);
  return { rated: Number(r.rows[0]?.rated ?? 0), satisfied: Number(r.rows[0]?.satisfied ?? 0) };
}

/** Step names of the procedures' latest published versions. */
export async function procedureStepNames(db: DbExecutor, codes: readonly string[]) {
  if (codes.length === 0) return [];
  const r = await sql<{ code: string; stepCode: string; stepName: string }>`
    SELECT x.code, s->>'code' AS step_code, s->>'name' AS step_name
      FROM (SELECT DISTINCT ON (p.code) p.code, v.content
              FROM procedure p JOIN procedure_version v ON v.procedure_id = p.id
             WHERE p.code = ANY(${[...codes]}::text[]) AND v.status = 'published'
             ORDER BY p.code, v.version_no DESC) x
      CROSS JOIN LATERAL jsonb_array_elements(COALESCE(x.content->'steps', '[]'::jsonb)) s`.execute(db);
  return r.rows;
}
