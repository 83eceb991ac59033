/**
 * Stops calling an endpoint that keeps failing, and tries it again after a pause:
 * closed (calls go through) → open after `threshold` failures in a row (no calls for
 * `cooldownMs`) → half-open (the caller sends one trial; success closes, failure opens again).
 * The clock is passed in, so a test or the queue decides what time it is.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;

  constructor(private readonly opts: { threshold: number; cooldownMs: number }) {}

  state(now: number): "closed" | "open" | "half-open" {
    if (this.openedAt === null) return "closed";
    return now - this.openedAt >= this.opts.cooldownMs ? "half-open" : "open";
  }

  success(): void {
    this.failures = 0;
    this.openedAt = null;
  }

  failure(now: number): void {
    this.failures += 1;
    if (this.openedAt !== null || this.failures >= this.opts.threshold) this.openedAt = now;
  }
}
