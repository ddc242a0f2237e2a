// The fault matrix: every Graph and sign-in fault below, against one surface per test file (fault-matrix-*.test.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ErrorCode } from "@/lib/api/error-codes";
import { forgetCachedScans } from "@/lib/server/licensing/scan-cache";
import { getAppDatabase } from "@/lib/server/db/app-database";
import { emptyTables } from "@/lib/server/db/testing/test-database";
import { DEFAULT_RETRY_POLICY } from "@/lib/server/graph/retry";
import { startTestEmulator, type TestEmulator } from "@/lib/server/testing/emulator";
import { renderedFailure, type Surface, SURFACES } from "./fault-matrix-harness";

/** Tries of one Graph call: the first and every retry. */
const TRIES = 1 + DEFAULT_RETRY_POLICY.maxRetries;
/** Longer than one attempt may take (8 s), shorter than a second one plus backoff. */
const SLOW_MS = 9_000;

export interface FaultCase {
  name: string;
  /** A Graph fault rule for the surface's target (the emulator's `POST /_emulator/faults`, less path). */
  graph?: Record<string, unknown>;
  /** An on-behalf-of fault (`POST /_emulator/identity/faults`). */
  onBehalfOf?: Record<string, unknown>;
  /** The surface completes, or fails with this code; a function when it depends on the surface. */
  ends: "complete" | ErrorCode | ((surface: Surface) => "complete" | ErrorCode);
  /** How many of the app's requests to the target the fault answered: retries are bounded, and exact. */
  tries: number | ((surface: Surface) => number);
}

const once = (fault: Record<string, unknown>) => ({ times: 1, ...fault });
const burst = (fault: Record<string, unknown>) => ({ times: 3, ...fault });
const storm = (fault: Record<string, unknown>) => ({ times: 100, ...fault });

/** A write's answer is not read: a cut-short body there changes nothing. */
const unlessWrite = (code: ErrorCode) => (surface: Surface) =>
  surface.readsTargetBody ? code : "complete";

export const FAULT_CASES: FaultCase[] = [
  {
    name: "429 storm with Retry-After",
    graph: storm({ status: 429, retryAfter: 0.05 }),
    ends: "throttled",
    tries: TRIES,
  },
  {
    name: "429 storm without Retry-After",
    graph: storm({ status: 429, omitRetryAfter: true }),
    ends: "throttled",
    tries: TRIES,
  },
  {
    name: "429 twice, then through",
    graph: { times: 2, status: 429, retryAfter: 0.05 },
    ends: "complete",
    tries: 2,
  },
  { name: "500 once", graph: once({ status: 500 }), ends: "upstream_error", tries: 1 },
  { name: "500 burst", graph: burst({ status: 500 }), ends: "upstream_error", tries: 1 },
  { name: "502 once", graph: once({ status: 502 }), ends: "upstream_error", tries: 1 },
  { name: "502 burst", graph: burst({ status: 502 }), ends: "upstream_error", tries: 1 },
  { name: "503 once", graph: once({ status: 503 }), ends: "complete", tries: 1 },
  { name: "503 burst", graph: burst({ status: 503 }), ends: "complete", tries: 3 },
  {
    name: "503 storm",
    graph: storm({ status: 503, retryAfter: 0.01 }),
    ends: "upstream_error",
    tries: TRIES,
  },
  { name: "504 once", graph: once({ status: 504 }), ends: "complete", tries: 1 },
  { name: "504 burst", graph: burst({ status: 504 }), ends: "complete", tries: 3 },
  {
    name: "504 storm",
    graph: storm({ status: 504, retryAfter: 0.01 }),
    ends: "upstream_error",
    tries: TRIES,
  },
  { name: "dropped connection once", graph: once({ drop: true }), ends: "complete", tries: 1 },
  {
    name: "dropped connections, every time",
    graph: storm({ drop: true }),
    ends: "upstream_error",
    tries: TRIES,
  },
  {
    name: "connection dropped after Graph handled the request, once",
    graph: once({ dropAfterHandling: true }),
    ends: "complete",
    tries: 1,
  },
  {
    name: "connection dropped after Graph handled the request, every time",
    graph: storm({ dropAfterHandling: true }),
    ends: "upstream_error",
    tries: TRIES,
  },
  {
    name: "slower than the attempt time-out once",
    graph: once({ latencyMs: SLOW_MS }),
    ends: "complete",
    tries: 1,
  },
  {
    name: "slower than the attempt time-out every time, past the deadline",
    graph: storm({ latencyMs: SLOW_MS }),
    ends: "timeout",
    tries: 2,
  },
  {
    name: "malformed JSON body once",
    graph: once({ malformedBody: true }),
    ends: "complete",
    tries: 1,
  },
  {
    name: "malformed JSON body every time",
    graph: storm({ malformedBody: true }),
    ends: unlessWrite("upstream_error"),
    tries: (surface) => (surface.readsTargetBody ? TRIES : 1),
  },
  {
    name: "on-behalf-of invalid_grant",
    onBehalfOf: { error: "invalid_grant" },
    ends: "interaction_required",
    tries: 0,
  },
  {
    name: "on-behalf-of interaction_required (MFA)",
    onBehalfOf: { error: "interaction_required" },
    ends: "interaction_required",
    tries: 0,
  },
];

interface FaultRuleView {
  applied: number;
}

/** Waits until every request the fault touched has been answered (a slow one ends after the case). */
async function settle(t: TestEmulator, since: number, target: { method: string; path: string }) {
  const { faults } = await t.control<{ faults: FaultRuleView[] }>("GET", "/_emulator/faults");
  const applied = faults[0]?.applied ?? 0;
  const glob = target.path.replace(/^\*/, "");
  for (let i = 0; i < 100; i++) {
    const answered = (await t.client.requests({ since, method: target.method })).filter((r) =>
      r.path.endsWith(glob),
    );
    if (answered.length >= applied) return { applied, answered };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the emulator still holds requests to ${target.path}`);
}

/** Every case of the matrix against one surface, each from a known emulator and an empty budget. */
export function describeFaultMatrix(key: keyof typeof SURFACES) {
  const surface = SURFACES[key];
  let t: TestEmulator;
  let target: { method: string; path: string };

  beforeAll(async () => {
    t = await startTestEmulator({
      REPROCESS_TIMEOUT_SECONDS: "5",
      LICENSE_ERRORS_CACHE_SECONDS: "0",
      ...surface.env,
    });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    // A 429 holds the shared budget until its Retry-After; each case starts with a fresh one.
    await emptyTables(await getAppDatabase());
    forgetCachedScans();
    await t.client.reset({ to: "demo" });
    await t.client.updateConfig({ reprocessDelayMs: 0 });
    target = await surface.target(t);
  });

  describe(`fault matrix: ${surface.name}`, () => {
    it.each(FAULT_CASES)("$name", async (fault) => {
      const expected = typeof fault.ends === "function" ? fault.ends(surface) : fault.ends;
      if (fault.graph) await t.control("POST", "/_emulator/faults", { ...target, ...fault.graph });
      if (fault.onBehalfOf) {
        await t.client.injectIdentityFaults({ onBehalfOf: fault.onBehalfOf });
      }
      const since = await t.lastSeq();

      const end = await surface.run(t);

      const { applied, answered } = await settle(t, since, target);
      const tries = typeof fault.tries === "function" ? fault.tries(surface) : fault.tries;
      expect(applied, "requests the fault answered").toBe(tries);
      expect(answered.length, "requests to the target").toBeLessThanOrEqual(tries + 1);
      if (fault.onBehalfOf) expect(await t.graphCallsSince(since)).toEqual([]);
      if (expected === "complete") {
        expect(end, JSON.stringify(end)).toMatchObject({ complete: true });
      } else {
        expect(end, JSON.stringify(end)).toMatchObject({
          complete: false,
          error: { code: expected },
        });
        if (!end.complete) renderedFailure(surface, end);
        // The stream had started: the list says it is partial (its error event), not that it failed to start.
        if (!end.complete && fault.graph && surface.targetMidStream) expect(end.partial).toBe(true);
        if (!end.complete && expected === "interaction_required") {
          expect(end.status).toBe(401);
          if (fault.onBehalfOf?.error === "interaction_required") {
            expect(end.error.claims).toContain("capolids");
          }
        }
      }
      await surface.checkTruth(t, end, since);
    });
  });
}
