import "server-only";
import type { Database } from "../../db/database";
import { claimItems, finishItem, markWritten } from "@/lib/server/jobs/store/items";
import { getJobProgress } from "@/lib/server/jobs/store/queries";

const GRAPH_LATENCY_MS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DrainReport {
  /** Items this worker was handed to write, i.e. would have sent a reprocess for. */
  sent: number[];
  /** Items this worker recorded a write for. */
  written: number[];
  /** Items whose final outcome this worker recorded. */
  finished: number[];
}

/** A stand-in for the job runner: claims, "writes" and finishes items until the job has none open. */
export async function drainJob(
  database: Database,
  { jobId, owner, max = 5 }: { jobId: string; owner: string; max?: number },
): Promise<DrainReport> {
  const report: DrainReport = { sent: [], written: [], finished: [] };
  for (;;) {
    const items = await claimItems(database, { owner, max, leaseMs: 60_000, now: Date.now() });
    if (items.length === 0) {
      const { total, states } = await getJobProgress(database, jobId);
      if (states.final === total) return report;
      await sleep(2);
      continue;
    }
    // Stands for the Graph round trip; it is also when other workers get the database.
    await sleep(GRAPH_LATENCY_MS);
    for (const item of items) {
      if (item.phase === "write") report.sent.push(item.id);
      if (item.phase === "write" && (await markWritten(database, item, Date.now()))) {
        report.written.push(item.id);
      }
      const detail = { message: `Resolved by ${owner}.` };
      if (await finishItem(database, item, { outcome: "resolved", detail, now: Date.now() })) {
        report.finished.push(item.id);
      }
    }
  }
}
