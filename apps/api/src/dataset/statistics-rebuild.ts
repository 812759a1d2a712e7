import type { AppContext } from '../shared/app-context.ts';

/**
 * After a bulk load (generated dataset, legacy import) the statistics aggregates must be
 * recomputed. The statistics module (issue 4) owns that function; until it exists this reports
 * that nothing was rebuilt.
 */
export async function rebuildStatisticsAfterBulkLoad(
  _ctx: AppContext,
  log: (message: string) => void,
): Promise<boolean | string> {
  const message = 'statistics module not available: no aggregates to rebuild';
  log(message);
  return message;
}
