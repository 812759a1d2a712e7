import type { Database } from '../../db/database.ts';
import type { Logger } from '../../shared/app-context.ts';
import { sealAuditChain } from './audit.service.ts';

export interface AuditSealerOptions {
  db: Database;
  logger: Logger;
  /** Seal only entries recorded at least this many seconds ago (AUDIT_SEAL_LAG_SECONDS). */
  lagSeconds: number;
  /** Pause between runs (AUDIT_SEAL_INTERVAL_SECONDS), in milliseconds. */
  intervalMs: number;
  /** Batches of 1000 entries per run, so a large backlog (bulk import) is sealed in steps. */
  maxBatchesPerRun?: number;
}

/**
 * Extends the audit hash chain periodically inside the server (or `motcua worker`) process
 * (ADR 0011). Several processes may run one: the chain head's row lock makes them take turns.
 */
export class AuditSealer {
  readonly #o: Required<AuditSealerOptions>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #stopped = true;

  constructor(options: AuditSealerOptions) {
    this.#o = { maxBatchesPerRun: 20, ...options };
  }

  async runOnce(): Promise<number> {
    const { sealed } = await sealAuditChain(this.#o.db, {
      lagSeconds: this.#o.lagSeconds,
      maxBatches: this.#o.maxBatchesPerRun,
    });
    return sealed;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const tick = async (): Promise<void> => {
      if (this.#stopped) return;
      let delay = this.#o.intervalMs;
      try {
        const run = this.runOnce();
        this.#running = run;
        const sealed = await run;
        // A backlog (first start after the migration, a bulk load) is worked off without pause.
        if (sealed >= this.#o.maxBatchesPerRun * 1000) delay = 100;
      } catch (error) {
        this.#o.logger.error({ err: error }, 'audit sealer run failed');
        delay = this.#o.intervalMs * 5;
      }
      if (!this.#stopped) this.#timer = setTimeout(() => void tick(), delay);
    };
    this.#timer = setTimeout(() => void tick(), this.#o.intervalMs);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
  }
}
