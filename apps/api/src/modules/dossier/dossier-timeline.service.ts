import { retryOnConflict } from '../../db/retry.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { backfillPublicTimelines, countDossiersWithoutTimeline } from './dossier.repository.ts';

/**
 * `motcua backfill-timelines` (ADR 0017): fills the public timeline of the dossiers written before
 * the column existed, in batches of `batchSize` dossiers, each its own short transaction, while
 * the servers run. Until a dossier is filled, its lookup reads the history rows (same answer,
 * slower). Safe to stop and run again.
 */
export async function backfillTimelines(
  ctx: AppContext,
  options: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ filled: number; batches: number; remaining: number }> {
  const batchSize = options.batchSize ?? 2000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('The batch size must be at least 1');
  const total = await countDossiersWithoutTimeline(ctx.db);
  let filled = 0;
  let batches = 0;
  // Two passes in id order: the second picks up the dossiers the first skipped because an action
  // was holding them at that moment.
  for (let pass = 0; pass < 2; pass++) {
    let after: string | null = null;
    for (;;) {
      const batch = await retryOnConflict(() =>
        ctx.db.transaction().execute((trx) => backfillPublicTimelines(trx, batchSize, after)),
      );
      if (batch.lastId === null) break;
      after = batch.lastId;
      if (batch.filled === 0) continue;
      filled += batch.filled;
      batches += 1;
      options.onProgress?.(Math.min(filled, total), Math.max(total, filled));
    }
    if (filled >= total) break;
  }
  // Dossiers still held by an action in both passes (or written by an old server since): run again.
  return { filled, batches, remaining: await countDossiersWithoutTimeline(ctx.db) };
}
