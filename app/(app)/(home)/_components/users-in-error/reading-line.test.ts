import { describe, expect, it } from "vitest";
import { doneText, formatElapsed, readingText } from "./reading-line";

const plan = { way: "directory" as const, reason: "", directoryUsers: 50_000, estimates: [] };

describe("the reading line", () => {
  it("says how the server will read before anything is read", () => {
    expect(readingText({ plan: null, progress: null })).toBe("Choosing how to read this tenant…");
    expect(readingText({ plan, progress: null })).toBe(
      "Reading through the whole directory (Graph v1.0)…",
    );
  });

  it("counts users of the directory out of its size, and the users in error found", () => {
    const progress = { unit: "users" as const, read: 12_000, total: 50_000, found: 2_400 };
    expect(readingText({ plan, progress })).toBe(
      "Reading through the whole directory (Graph v1.0): 12,000 of 50,000 users read · 2,400 users in error so far",
    );
  });

  it("counts assignment errors without a total, as the beta API gives none", () => {
    const progress = { unit: "errors" as const, read: 1, total: null, found: 1 };
    expect(readingText({ plan: { ...plan, way: "beta" }, progress })).toBe(
      "Reading through Microsoft's license assignment errors (beta API): 1 assignment error read · 1 user in error so far",
    );
  });

  it("ends with how many, from how many, how long and through which way", () => {
    const done = {
      total: 10_000,
      generatedAt: "2026-12-06T03:00:00Z",
      fromCache: false,
      way: "beta" as const,
      directoryUsers: 50_000,
      elapsedMs: 1_430,
      requests: 14,
    };
    expect(doneText(done)).toBe(
      "Read 10,000 users in error from 50,000 users in 1.4 s through Microsoft's license assignment errors (beta API), 14 requests to Graph",
    );
    expect(doneText({ ...done, directoryUsers: null, elapsedMs: 75_000 })).toBe(
      "Read 10,000 users in error in 1 min 15 s through Microsoft's license assignment errors (beta API), 14 requests to Graph",
    );
  });

  it("keeps a decimal only for short reads", () => {
    expect(formatElapsed(800)).toBe("0.8 s");
    expect(formatElapsed(14_400)).toBe("14 s");
  });
});
