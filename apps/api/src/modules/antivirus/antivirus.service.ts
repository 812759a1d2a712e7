import fs from 'node:fs';
import { AppError } from '../../errors/app-error.ts';
import { clamdPing, clamdScan, ScannerUnavailableError } from '../../integrations/clamav.adapter.ts';
import type { AppContext } from '../../shared/app-context.ts';

/**
 * The antivirus hook (issue 7): with CLAMAV_URL set, every uploaded file is streamed to clamd
 * before it is stored. Infected → FILE_INFECTED (422); clamd down → SCANNER_UNAVAILABLE (503)
 * unless CLAMAV_FAIL_OPEN=true (then the upload is accepted unscanned and a warning logged).
 */
export async function scanUpload(
  ctx: AppContext,
  source: { data: Buffer } | { localPath: string },
): Promise<void> {
  const url = ctx.config.CLAMAV_URL;
  if (url === undefined) return;
  const bytes =
    'data' in source
      ? source.data
      : (fs.createReadStream(source.localPath, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>);
  let verdict;
  try {
    verdict = await clamdScan(url, bytes, { timeoutMs: ctx.config.CLAMAV_TIMEOUT_MS });
  } catch (error) {
    if (!(error instanceof ScannerUnavailableError)) throw error;
    if (ctx.config.CLAMAV_FAIL_OPEN) {
      ctx.logger.warn(
        { err: error.message },
        'clamd unavailable: upload accepted unscanned (CLAMAV_FAIL_OPEN)',
      );
      return;
    }
    ctx.logger.error({ err: error.message }, 'clamd unavailable: upload refused');
    throw new AppError(
      'SCANNER_UNAVAILABLE',
      'Không kiểm tra được mã độc, vui lòng thử lại sau / The virus scanner is unavailable, please try again later; nothing was stored',
    );
  }
  if (!verdict.isClean) {
    ctx.logger.warn({ signature: verdict.signature }, 'upload refused: malware found');
    throw new AppError(
      'FILE_INFECTED',
      'Tệp chứa mã độc và đã bị từ chối / The file contains malware and was refused; nothing was stored',
      { signature: verdict.signature },
    );
  }
}

export type ScannerState = 'off' | 'up' | 'down';

/**
 * Scanner state for health answers: `off` (not configured), `up` or `down`. `timeoutMs` bounds
 * the probe (health answers use a short one so a hanging clamd does not hang them).
 */
export async function scannerState(
  ctx: AppContext,
  options: { timeoutMs?: number } = {},
): Promise<ScannerState> {
  const url = ctx.config.CLAMAV_URL;
  if (url === undefined) return 'off';
  return (await clamdPing(url, options.timeoutMs)) ? 'up' : 'down';
}
