import type { Database } from '../../db/database.ts';
import type { Clock, Logger } from '../../shared/app-context.ts';
import { isPermanentDeliveryError } from '../../shared/delivery-error.ts';
import { claimDueMessages, markDead, markFailed, markProcessed } from './outbox.repository.ts';
import { OUTBOX_MAX_ATTEMPTS_BY_TOPIC } from './outbox.schemas.ts';

export interface OutboxMessage {
  id: number;
  topic: string;
  aggregateType: string;
  aggregateId: string;
  payload: unknown;
  attempts: number;
  createdAt: Date;
}

/** A subscriber. It must be idempotent: a message may be delivered more than once (at-least-once). */
export type OutboxHandler = (message: OutboxMessage) => Promise<void>;

export interface OutboxWorkerOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  handlers: Readonly<Record<string, readonly OutboxHandler[]>>;
  batchSize?: number;
  pollIntervalMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Per-topic attempts overriding `maxAttempts` (default OUTBOX_MAX_ATTEMPTS_BY_TOPIC). */
  maxAttemptsByTopic?: Readonly<Record<string, number | undefined>>;
  /** Backoff before attempt n+1, in ms: default 2^n seconds, capped at one hour. */
  backoffMs?: (attempts: number) => number;
}

export function defaultBackoffMs(attempts: number): number {
  return Math.min(3_600_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Delivers outbox messages after commit, at least once, in order of creation per poll. Failed
 * deliveries are retried with exponential backoff; after `maxAttempts` the message moves to the
 * dead-letter list, where an admin can see and replay it.
 */
export class OutboxWorker {
  readonly #o: Required<Omit<OutboxWorkerOptions, 'handlers'>> & Pick<OutboxWorkerOptions, 'handlers'>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #stopped = true;

  constructor(options: OutboxWorkerOptions) {
    this.#o = {
      batchSize: 50,
      pollIntervalMs: 1000,
      leaseMs: 60_000,
      maxAttempts: 10,
      maxAttemptsByTopic: OUTBOX_MAX_ATTEMPTS_BY_TOPIC,
      backoffMs: defaultBackoffMs,
      ...options,
    };
  }

  /** Processes one batch; returns how many messages were handled (delivered, retried or dead). */
  async runOnce(): Promise<number> {
    const now = this.#o.clock();
    const batch = await claimDueMessages(
      this.#o.db,
      this.#o.batchSize,
      now,
      new Date(now.getTime() + this.#o.leaseMs),
    );
    for (const message of batch) {
      const handlers = this.#o.handlers[message.topic] ?? [];
      try {
        for (const handler of handlers) await handler(message);
        await markProcessed(this.#o.db, message, this.#o.clock());
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        const at = this.#o.clock();
        const maxAttempts = this.#o.maxAttemptsByTopic[message.topic] ?? this.#o.maxAttempts;
        // A permanent failure (the receiver refused the message for good) is not retried.
        if (message.attempts >= maxAttempts || isPermanentDeliveryError(error)) {
          this.#o.logger.error(
            { outboxId: message.id, topic: message.topic, err: text },
            'outbox message dead-lettered',
          );
          await markDead(this.#o.db, message, text, at);
        } else {
          const retryAt = new Date(at.getTime() + this.#o.backoffMs(message.attempts));
          this.#o.logger.warn(
            { outboxId: message.id, topic: message.topic, err: text, retryAt },
            'outbox delivery failed',
          );
          await markFailed(this.#o.db, message, text, retryAt);
        }
      }
    }
    return batch.length;
  }

  /** Processes until nothing is due (tests, CLI). */
  async drain(maxRounds = 1000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const tick = async (): Promise<void> => {
      if (this.#stopped) return;
      try {
        this.#running = this.runOnce();
        const n = await this.#running;
        this.#timer = setTimeout(() => void tick(), n === this.#o.batchSize ? 0 : this.#o.pollIntervalMs);
      } catch (error) {
        this.#o.logger.error({ err: error }, 'outbox worker poll failed');
        this.#timer = setTimeout(() => void tick(), this.#o.pollIntervalMs * 5);
      }
    };
    this.#timer = setTimeout(() => void tick(), 0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
  }
}
