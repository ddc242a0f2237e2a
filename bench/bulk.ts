// The bulk scenario of `npm run bench`: 2,000 users in error reprocessed three ways against the emulator
// (a separate process) with Graph's limit shape scaled in time.
import type { BenchEmulator, LimitShape } from "./bulk/emulator";
import { runNaive, runOurs, runUnpaced, type StrategyResult } from "./bulk/strategies";
import { formatTable, judge, type RunFigures, theoreticalMinimumMs } from "./bulk/table";

const LATENCY_MS = 150;
const WORKERS = 2;
// Graph's identity limits with every capacity divided by 10 (2,000 writes would fit a full 3,000 bucket)
// and every window by TIME_SCALE: the same shape, a write budget that binds, about 8 minutes in all.
const CAPACITY_SCALE = 0.1;
const TIME_SCALE = 12;
const SHAPE: LimitShape = {
  timeScale: TIME_SCALE,
  resourceUnits: {
    small: 3500 * CAPACITY_SCALE,
    medium: 5000 * CAPACITY_SCALE,
    large: 8000 * CAPACITY_SCALE,
    windowSeconds: 10,
  },
  appTenantWrites: { limit: 3000 * CAPACITY_SCALE, windowSeconds: 150 },
  tenantWrites: { limit: 18_000 * CAPACITY_SCALE, windowSeconds: 300 },
};
const writesPerSecond =
  (SHAPE.appTenantWrites.limit * TIME_SCALE) / SHAPE.appTenantWrites.windowSeconds;

export interface BulkBenchResult {
  runs: RunFigures[];
  minimumMs: number;
  table: string;
  misses: string[];
}

/**
 * Runs the three strategies on fresh tenants of `users` in error (the targets mean something at 2,000);
 * `oursOnly` skips the scripts. `graphLogLines` counts the Graph client's log lines, which are not printed.
 */
export async function benchBulk(
  emulator: BenchEmulator,
  options: { users: number; oursOnly: boolean; graphLogLines: () => number },
): Promise<BulkBenchResult> {
  const USERS = options.users;
  const { graphClientFor } = await import("./bulk/graph");
  const { reprocessDelayMs } = await emulator.control<{ reprocessDelayMs: number }>(
    "GET",
    "/_emulator/config",
  );
  console.log(
    `Limit shape (emulator and our budgets): ${JSON.stringify(SHAPE)}\n` +
      `→ writes ${SHAPE.appTenantWrites.limit} per ${SHAPE.appTenantWrites.windowSeconds / TIME_SCALE} s ` +
      `(${writesPerSecond}/s), ResourceUnits ${SHAPE.resourceUnits.large} per ` +
      `${(SHAPE.resourceUnits.windowSeconds / TIME_SCALE).toFixed(2)} s (large tenant); latency ${LATENCY_MS} ms; ` +
      `licensing service delay ${reprocessDelayMs} ms; ${USERS} users in error, causes fixed; ` +
      `ours: ${WORKERS} worker loops.`,
  );
  const minimumMs = theoreticalMinimumMs(USERS, {
    capacity: SHAPE.appTenantWrites.limit,
    perSecond: writesPerSecond,
    roundTripMs: LATENCY_MS,
  });

  async function measure(
    name: string,
    run: (ids: string[], tenantId: string) => Promise<StrategyResult>,
  ): Promise<RunFigures> {
    const ids = await emulator.freshTenant({
      inError: USERS,
      limits: SHAPE,
      latencyMs: LATENCY_MS,
    });
    const { tenantId } = await emulator.control<{ tenantId: string }>("GET", "/_emulator/state");
    console.log(`${name}: ${ids.length} users in error…`);
    const started = Date.now();
    const result = await run(ids, tenantId);
    const { writes, ...counts } = await emulator.requestCounts();
    console.log(
      `${name}: first reprocess accepted at ${((writes.first - started) / 1000).toFixed(1)} s, ` +
        `last at ${((writes.last - started) / 1000).toFixed(1)} s`,
    );
    // Scripts do not check: give the licensing service its delay (not timed), then ask who is in error.
    await new Promise((r) => setTimeout(r, reprocessDelayMs + 1_000));
    const inErrorAfter = await emulator.stillInError(ids);
    const figures = {
      name,
      wallMs: result.wallMs,
      ...counts,
      lostOrFailed: result.lost,
      inErrorAfter,
    };
    console.log(`${name}: done in ${(result.wallMs / 1000).toFixed(1)} s`, figures);
    const logLines = options.graphLogLines();
    console.log(`${name}: ${logLines} Graph client log lines (429s and failures) not printed`);
    return figures;
  }

  const runs: RunFigures[] = [];
  runs.push(
    await measure("ours (job + 2 workers)", async (ids, tenantId) =>
      runOurs({
        graphFor: (pacer) => graphClientFor(4, pacer),
        tenantId,
        userIds: ids,
        limits: {
          writes: {
            capacity: SHAPE.appTenantWrites.limit,
            windowMs: SHAPE.appTenantWrites.windowSeconds * 1000,
          },
          resourceUnits: {
            capacity: SHAPE.resourceUnits.large,
            windowMs: SHAPE.resourceUnits.windowSeconds * 1000,
          },
          timeScale: TIME_SCALE,
        },
        workers: WORKERS,
        timeoutMs: Math.max(minimumMs * 5, 120_000),
      }),
    ),
  );
  if (!options.oursOnly) {
    runs.push(
      await measure("naive (one at a time)", async (ids) => runNaive(await graphClientFor(1), ids)),
      await measure("unpaced (all at once)", async (ids) =>
        runUnpaced(await graphClientFor(100), ids),
      ),
    );
  }
  const verdict = judge(runs[0]!, minimumMs);
  return { runs, minimumMs, table: formatTable(runs, minimumMs), misses: verdict.failures };
}
