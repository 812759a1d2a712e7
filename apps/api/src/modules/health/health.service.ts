import { AppError } from '../../errors/app-error.ts';
import { scannerState, type ScannerState } from '../antivirus/antivirus.service.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { ping } from './health.repository.ts';

/** A scanner probe is reused for this long, so health calls stay cheap (per process). */
export const SCANNER_PROBE_TTL_MS = 30_000;
/** A probe that takes longer than this counts as `down`. */
export const SCANNER_PROBE_TIMEOUT_MS = 1_000;

/** Last probe per clamd address; the promise is shared, so concurrent health calls probe once. */
const scannerProbes = new Map<string, { at: number; state: Promise<ScannerState> }>();

async function cachedScannerState(ctx: AppContext): Promise<ScannerState> {
  const url = ctx.config.CLAMAV_URL;
  if (url === undefined) return 'off';
  const now = ctx.clock().getTime();
  const last = scannerProbes.get(url);
  if (last && now >= last.at && now - last.at < SCANNER_PROBE_TTL_MS) return last.state;
  const state = scannerState(ctx, { timeoutMs: SCANNER_PROBE_TIMEOUT_MS });
  scannerProbes.set(url, { at: now, state });
  return state;
}

/**
 * 200 while the database answers. The antivirus scanner is reported (`off`/`up`/`down`); a
 * scanner that is down makes the answer `degraded` (uploads are refused) unless
 * CLAMAV_FAIL_OPEN=true (uploads are then accepted unscanned, so the instance is still `ok`).
 */
export async function checkHealth(ctx: AppContext) {
  const [isDatabaseUp, scanner] = await Promise.all([ping(ctx.db), cachedScannerState(ctx)]);
  if (!isDatabaseUp) throw new AppError('DATABASE_UNAVAILABLE', 'The database does not answer');
  const isDegraded = scanner === 'down' && !ctx.config.CLAMAV_FAIL_OPEN;
  return {
    status: isDegraded ? ('degraded' as const) : ('ok' as const),
    database: ctx.config.databaseMode,
    scanner,
    time: ctx.clock().toISOString(),
  };
}
