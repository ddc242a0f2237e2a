import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@/lib/server/db/open";
import type { BatchItemResult } from "@/lib/server/graph/batch";
import { GraphClient } from "@/lib/server/graph/client";
import { GraphRequestError } from "@/lib/server/graph/errors";
import { graphRequests } from "@/lib/server/graph/requests";
import { createJob } from "@/lib/server/jobs/store/create-job";
import { getJobProgress, listJobItems } from "@/lib/server/jobs/store/queries";
import { databasePacer, type GraphPacer, type PacerOptions } from "@/lib/server/graph/pacing/pacer";
import { runWorker } from "@/lib/server/jobs/worker/run-worker";
import { sleep } from "@/lib/server/async/sleep";

/** How long a strategy took, and the users it lost or whose reprocess failed. */
export interface StrategyResult {
  wallMs: number;
  lost: number;
}

export interface OursOptions {
  /** The workers' Graph client, paced by the pacer it is given (on the job's database). */
  graphFor: (pacer: GraphPacer) => Promise<GraphClient>;
  tenantId: string;
  userIds: string[];
  limits: Pick<PacerOptions, "writes" | "resourceUnits" | "timeScale">;
  workers: number;
  /** Gives up (counting what is not final as lost) after this long. */
  timeoutMs: number;
}

/** (a) Licensedesk: one job, `workers` worker loops on a fresh SQLite database, until every item is final. */
export async function runOurs(options: OursOptions): Promise<StrategyResult> {
  const folder = await mkdtemp(join(tmpdir(), "licensedesk-bench-"));
  const database = await openDatabase({ sqliteFile: join(folder, "licensedesk.sqlite") });
  try {
    const started = Date.now();
    const jobId = await createJob(database, {
      tenantId: options.tenantId,
      createdBy: { oid: "bench", name: "Bench" },
      selection: { description: `${options.userIds.length} users in error` },
      items: options.userIds.map((id) => ({ userId: id, upn: id, displayName: id })),
      now: started,
    });
    const pacer = databasePacer(database, {
      appId: "bench",
      tenantId: options.tenantId,
      ...options.limits,
    });
    const graph = await options.graphFor(pacer);
    const controller = new AbortController();
    const workers = Array.from({ length: options.workers }, (_, i) =>
      runWorker({
        db: database,
        graphForJob: async () => graph,
        owner: `bench-${i + 1}`,
        signal: controller.signal,
      }),
    );
    let progress = await getJobProgress(database, jobId);
    while (progress.states.final < progress.total && Date.now() - started < options.timeoutMs) {
      await sleep(100);
      progress = await getJobProgress(database, jobId);
    }
    const wallMs = Date.now() - started;
    controller.abort();
    await Promise.all(workers);
    const { outcomes } = progress;
    console.log(`ours: outcomes ${JSON.stringify(outcomes)}`);
    const { items } = await listJobItems(database, jobId, {
      limit: 3,
      outcomes: ["failed", "still_in_error", "timed_out", "unchanged", "cancelled"],
    });
    for (const item of items) console.log(`ours: ${item.outcome}: ${JSON.stringify(item.detail)}`);
    // Lost: no final outcome; failed: Graph refused the reprocess or the user could no longer be read.
    return { wallMs, lost: progress.total - progress.states.final + outcomes.failed };
  } finally {
    await database.kysely.destroy();
    await rm(folder, { recursive: true, force: true });
  }
}

const retryAfterOf = (error: unknown) =>
  error instanceof GraphRequestError && error.graph.status === 429
    ? (error.throttle.retryAfterMs ?? 1_000)
    : undefined;

/** (b) A script: one reprocess at a time, waiting out Retry-After on a 429. */
export async function runNaive(graph: GraphClient, userIds: string[]): Promise<StrategyResult> {
  const started = Date.now();
  let lost = 0;
  for (const id of userIds) {
    for (;;) {
      try {
        await graph.sendWithoutResult(graphRequests.reprocessLicenseAssignment(id));
        break;
      } catch (error) {
        const wait = retryAfterOf(error);
        if (wait === undefined) {
          lost += 1;
          break;
        }
        await sleep(wait);
      }
    }
  }
  return { wallMs: Date.now() - started, lost };
}

/** (c) Unpaced: every reprocess at once in `$batch`es of 20, each retrying its 429s after Retry-After. */
export async function runUnpaced(graph: GraphClient, userIds: string[]): Promise<StrategyResult> {
  const started = Date.now();
  const batches: string[][] = [];
  for (let i = 0; i < userIds.length; i += 20) batches.push(userIds.slice(i, i + 20));
  const lost = await Promise.all(
    batches.map(async (batch) => {
      let pending = batch;
      let failed = 0;
      while (pending.length > 0) {
        const results: BatchItemResult[] = await graph.batch(
          pending.map((id) => graphRequests.reprocessLicenseAssignment(id)),
        );
        const throttled = results.flatMap((r, i) =>
          !r.ok && r.error.graph.status === 429 ? [{ id: pending[i]!, error: r.error }] : [],
        );
        failed += results.filter((r) => !r.ok && r.error.graph.status !== 429).length;
        pending = throttled.map((t) => t.id);
        if (pending.length > 0) {
          await sleep(Math.max(...throttled.map((t) => t.error.throttle.retryAfterMs ?? 1_000)));
        }
      }
      return failed;
    }),
  );
  return { wallMs: Date.now() - started, lost: lost.reduce((a, b) => a + b, 0) };
}
