import cliProgress from 'cli-progress';

/**
 * A progress bar for long CLI commands (dataset generation, legacy import) on stderr, so stdout
 * stays a clean JSON report. On a non-TTY (CI, pipes) it prints a line every few seconds instead.
 */
export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

export function startProgress(label: string, total: number, unit: string): Progress {
  const started = Date.now();
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted}`,
        stream: process.stderr,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: 0 });
    return {
      update(done, newTotal) {
        if (newTotal !== undefined) bar.setTotal(newTotal);
        const seconds = (Date.now() - started) / 1000;
        bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0 });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let last = 0;
  let lastTotal = total;
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) lastTotal = newTotal;
      const nowMs = Date.now();
      if (nowMs - last < 5000 && done < lastTotal) return;
      last = nowMs;
      const seconds = (nowMs - started) / 1000;
      const pct = lastTotal > 0 ? ((100 * done) / lastTotal).toFixed(1) : '-';
      process.stderr.write(
        `${label}: ${done}/${lastTotal} ${unit} (${pct}%, ${seconds > 0 ? Math.round(done / seconds) : 0}/s)\n`,
      );
    },
    stop() {},
  };
}
