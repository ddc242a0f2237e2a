import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelay } from "./retry";

describe("parseRetryAfter", () => {
  it("reads fractional seconds as Graph sends them", () => {
    expect(parseRetryAfter("2.128")).toBe(2128);
    expect(parseRetryAfter("0")).toBe(0);
    expect(parseRetryAfter("10")).toBe(10_000);
  });

  it("reads an HTTP date relative to now", () => {
    const now = Date.parse("2026-11-30T10:00:00Z");
    expect(parseRetryAfter("Mon, 30 Nov 2026 10:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Mon, 30 Nov 2026 09:59:00 GMT", now)).toBe(0);
  });

  it("ignores a missing or unreadable header", () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("")).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("retryDelay", () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };

  it("waits what Retry-After says, and not at all when it is too long to wait out", () => {
    expect(retryDelay(0, 2_128, policy)).toBe(2_128);
    expect(retryDelay(0, policy.maxRetryAfterMs + 1, policy)).toBeUndefined();
  });

  it("backs off exponentially with jitter, capped, and stops after the last retry", () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(50);
    expect(backoffDelay(0, policy, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, () => 0)).toBe(400);
    expect(backoffDelay(10, policy, () => 1)).toBe(1_000);
    expect(retryDelay(policy.maxRetries, undefined, policy)).toBeUndefined();
  });
});
