/**
 * Scripted faults of a loopback test double: the next requests fail the way a real receiver
 * fails (an error status, a silence longer than the caller's timeout, a provider error code).
 */
export type Fault =
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'delay'; ms: number }
  | { kind: 'provider-error'; code: number; message: string };

export class FaultQueue {
  #faults: Fault[] = [];
  #downUntil: { until: () => boolean; status: number } | undefined;

  /** The next `times` requests meet this fault. */
  failNext(fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.#faults.push(fault);
  }

  /** Every request fails with `status` while `isDown()` says so (an outage). */
  downWhile(isDown: () => boolean, status = 503): void {
    this.#downUntil = { until: isDown, status };
  }

  clear(): void {
    this.#faults = [];
    this.#downUntil = undefined;
  }

  take(): Fault | undefined {
    if (this.#downUntil) {
      if (this.#downUntil.until()) return { kind: 'status', status: this.#downUntil.status };
      this.#downUntil = undefined;
    }
    return this.#faults.shift();
  }
}
