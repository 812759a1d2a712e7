import { rebuildStatistics } from '../modules/statistics/statistics.service.ts';
import type { AppContext } from '../shared/app-context.ts';

/**
 * After a bulk load (demo seed, generated dataset, legacy import) the report facts and rollups
 * are recomputed from the dossiers (docs/adr/0010-statistics-rollup.md), so every report, map and
 * dashboard counts the loaded dossiers exactly as if they had gone through the services.
 */
export async function rebuildStatisticsAfterBulkLoad(
  ctx: AppContext,
  log: (message: string) => void,
): Promise<boolean> {
  await rebuildStatistics(ctx, { log });
  return true;
}
