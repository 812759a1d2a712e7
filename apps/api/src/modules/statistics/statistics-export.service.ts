import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import {
  renderReport06aCsv,
  renderReport06aPdf,
  renderReport06aXlsx,
  type RenderedFile,
} from './report-render.ts';
import type { ReportExportQuery } from './statistics.schemas.ts';
import { computeReport06a } from './statistics.service.ts';

/**
 * The report as a file: the same numbers as `GET /api/statistics/report-06a` (one computation),
 * rendered as Excel in the official layout, PDF (A4 landscape) or CSV (UTF-8 with BOM).
 */
export async function exportReport06a(
  ctx: AppContext,
  actor: Actor,
  query: ReportExportQuery,
): Promise<RenderedFile> {
  const report = await computeReport06a(ctx, actor, query);
  switch (query.format) {
    case 'xlsx':
      return renderReport06aXlsx(report);
    case 'pdf':
      return renderReport06aPdf(report);
    case 'csv':
      return renderReport06aCsv(report);
  }
}
