import "server-only";
import { randomBytes } from "node:crypto";
import { setMaxListeners } from "node:events";
import { hostname } from "node:os";
import { getServerEnv } from "@/lib/server/env";
import { pauseJobForSignIn } from "@/lib/server/jobs/store/job-control";
import { sleep } from "@/lib/server/async/sleep";
import { getAppDatabase } from "@/lib/server/db/app-database";
import { getGraphSettings } from "@/lib/server/graph/settings";
import { graphForJob } from "@/lib/server/jobs/credentials/job-credentials";
import { updateCachedRow } from "@/lib/server/licensing/scan-cache";
import { runWorker } from "@/lib/server/jobs/worker/run-worker";

/** How long to wait before trying again when the database or Graph's settings cannot be had at start. */
const RETRY_START_MS = 3_000;

export interface JobWorkers {
  /** Stops claiming, gives back what is held, and resolves once every loop has returned. */
  stop(): Promise<void>;
}

/** Unique per process: host, pid and a random part (a restarted process with the same pid differs). */
const workerOwner = () => `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

async function runLoops(count: number, signal: AbortSignal): Promise<void> {
  const database = await getAppDatabase();
  const owner = workerOwner();
  const { leaseMs } = getServerEnv().jobs;
  const { tenantId } = await getGraphSettings();
  console.info(`[jobs] ${count} worker loop(s) running as ${owner}`);
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      runWorker({
        db: database,
        owner: `${owner}:${index}`,
        graphForJob: (jobId) => graphForJob(database, jobId),
        onCredentialsUnavailable: async (jobId) => {
          if (await pauseJobForSignIn(database, { jobId, now: Date.now() })) {
            console.info(`[jobs] job ${jobId} waits for its creator to sign in again`);
          }
        },
        // The grid's cached list follows each verified user, so nobody has to read the tenant again.
        onVerified: (userId, row) => updateCachedRow(tenantId, userId, row),
        limits: { leaseMs },
        signal,
      }),
    ),
  );
}

/**
 * Starts JOB_WORKERS worker loops in this process. When the database or Graph is not reachable yet
 * (the emulator still starting), it tries again until it works or is stopped.
 */
export function startJobWorkers(): JobWorkers {
  const { workers } = getServerEnv().jobs;
  const controller = new AbortController();
  // Every loop's batches in flight and checks wait on this one signal: more than Node's warning level of 10.
  setMaxListeners(16 * Math.max(1, workers), controller.signal);
  const running = (async () => {
    while (workers > 0 && !controller.signal.aborted) {
      try {
        await runLoops(workers, controller.signal);
        return;
      } catch (error) {
        console.error(`[jobs] workers could not start: ${(error as Error).message}; retrying`);
        await sleep(RETRY_START_MS, controller.signal);
      }
    }
  })();
  return {
    stop: async () => {
      controller.abort();
      await running;
    },
  };
}
