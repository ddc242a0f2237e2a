import "server-only";
import { randomUUID } from "node:crypto";
import { getAppDatabase } from "../db/app-database";
import { getServerEnv } from "../env";
import { getGraphSettings } from "../graph/settings";
import { recordHistory } from "../history/append";
import { SYSTEM_HISTORY_ACTOR } from "../history/draft";
import { fireSeatsRules } from "../rules/fire-rules";
import { commitWatchRun } from "./commit-watch-run";
import { deliverDue } from "./deliver";
import { type Lease, releaseLease, takeLease } from "./leader";
import { readTenantErrors, watchGraph } from "./read-errors";
import { readWatchState, watchRunDue } from "./watch-settings";

const TICK_MS = 2_000;
const LEASE = "watch";

/** One watch run for the tenant, recorded; a failure is recorded once, and so is the recovery. */
async function runWatch(lease: Lease, failing: { now: boolean }, enabledSince: number | null) {
  const database = await getAppDatabase();
  const startedAt = Date.now();
  const { graph, tenantId } = await watchGraph();
  try {
    const errors = await readTenantErrors(graph, tenantId);
    const done = await commitWatchRun(database, lease, {
      tenantId,
      startedAt,
      now: Date.now(),
      observed: errors,
      publicUrl: getServerEnv().publicUrl,
      enabledSince: enabledSince ?? 0,
    });
    if (done) {
      for (const { jobId, users } of await fireSeatsRules(database, {
        graph,
        tenantId,
        errors,
        now: Date.now(),
      })) {
        console.info(`[rules] seats are free: job ${jobId} reprocesses ${users} waiting user(s)`);
      }
    }
    if (done && failing.now) {
      failing.now = false;
      await recordHistory(database, [
        {
          tenantId,
          action: "watch.recovered",
          actor: SYSTEM_HISTORY_ACTOR,
          summary: "The watch reads the tenant again",
        },
      ]);
    }
  } catch (error) {
    const message = (error as Error).message;
    console.error(`[watch] reading the tenant's errors failed: ${message}`);
    if (failing.now) return;
    failing.now = true;
    await recordHistory(database, [
      {
        tenantId,
        action: "watch.failed",
        actor: SYSTEM_HISTORY_ACTOR,
        outcome: "failed",
        summary: `The watch could not read the tenant: ${message}`,
        detail: { message },
      },
    ]);
  }
}

/**
 * The watch's loop on this instance: every few seconds it takes or renews the one lease; while it leads, it runs
 * the watch when due and sends what the outbox owes. Answers a stop that gives the lease up.
 */
export function startWatchScheduler(): () => Promise<void> {
  const holder = randomUUID();
  const leaseMs = getServerEnv().jobs.leaseMs;
  const failing = { now: false };
  let lease: Lease | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    const database = await getAppDatabase();
    lease = await takeLease(database, { name: LEASE, holder, leaseMs, now: Date.now() });
    if (!lease) return;
    const state = await readWatchState(database, (await getGraphSettings("app-only")).tenantId);
    if (watchRunDue(state, Date.now())) await runWatch(lease, failing, state.enabledSince);
    await deliverDue(database);
  };
  const timer = setInterval(() => {
    running = running
      .then(() => (stopped ? undefined : tick()))
      .catch((error: Error) => console.error(`[watch] ${error.message}`));
  }, TICK_MS);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    if (lease) await releaseLease(await getAppDatabase(), lease).catch(() => {});
  };
}
