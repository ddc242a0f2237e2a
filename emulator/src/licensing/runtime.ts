/** Pending reprocess evaluations, one timer per user; the licensing service's work queue. */
export class LicensingRuntime {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Runs `apply` after `delayMs`; a request for a key that is already pending joins it. */
  schedule(key: string, delayMs: number, apply: () => void): void {
    if (this.timers.has(key)) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      apply();
    }, delayMs);
    timer.unref();
    this.timers.set(key, timer);
  }

  /** Drops the evaluation waiting for `key`, if any (it was done another way). */
  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  /** How many evaluations are waiting. */
  get pending(): number {
    return this.timers.size;
  }

  /** Cancels everything pending (the tenant was replaced or the emulator is closing). */
  reset(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
