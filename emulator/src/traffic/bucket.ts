/** A token bucket that refills continuously: `capacity` tokens per `windowMs`. */
export class TokenBucket {
  private level: number;
  private updatedAt: number;

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
    now: number,
    level = capacity,
  ) {
    this.level = Math.min(level, capacity);
    this.updatedAt = now;
  }

  levelAt(now: number): number {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.level = Math.min(this.capacity, this.level + (elapsed * this.capacity) / this.windowMs);
    this.updatedAt = Math.max(this.updatedAt, now);
    return this.level;
  }

  /** Milliseconds until `amount` tokens are there; 0 when they are there now. */
  waitFor(amount: number, now: number): number {
    const missing = Math.min(amount, this.capacity) - this.levelAt(now);
    return missing <= 0 ? 0 : (missing * this.windowMs) / this.capacity;
  }

  take(amount: number, now: number): void {
    this.level = Math.max(0, this.levelAt(now) - amount);
  }
}
