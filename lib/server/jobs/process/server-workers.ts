import "server-only";
import { constants } from "node:os";
import { closeAppDatabase } from "@/lib/server/db/app-database";
import { startHistoryExpiry } from "@/lib/server/history/expiry-schedule";
import { startWatchScheduler } from "@/lib/server/watch/scheduler";
import { type JobWorkers, startJobWorkers } from "./job-workers";

/** The last moment to give claimed items back; later, their leases expire and another worker takes them. */
const WORKERS_GRACE_MS = 10_000;
/** How long Next may then take to finish its requests: an open job event stream would hold it forever. */
const REQUESTS_GRACE_MS = 5_000;
const SIGNALS = ["SIGTERM", "SIGINT"] as const;
type ShutdownSignal = (typeof SIGNALS)[number];

// Dev reloads run register() again in the same process: one set of workers per process.
const STARTED = Symbol.for("licensedesk.job-workers");
const holder = globalThis as { [STARTED]?: JobWorkers };

/** The exit code of a process a signal ended (143 for SIGTERM), as Next's own handler uses. */
const exitCodeFor = (signal: ShutdownSignal) => 128 + constants.signals[signal];

/** Stops the workers, giving back what they hold, and says how that went; never throws. */
async function stopWorkers(workers: JobWorkers): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(
          `[jobs] workers still busy after ${WORKERS_GRACE_MS} ms: ` +
            "what they hold comes back when their leases expire",
        ),
      WORKERS_GRACE_MS,
    );
  });
  const stopped = workers.stop().then(
    () => "[jobs] workers stopped: every item they held is given back",
    (error: Error) => `[jobs] workers stopped with an error: ${error.message}`,
  );
  const outcome = await Promise.race([stopped, deadline]);
  clearTimeout(timer);
  return outcome;
}

/**
 * Starts the workers for this server process and stops them cleanly on SIGTERM or SIGINT: they stop
 * claiming, record what Graph answered and give back what they hold, and only then may the process exit.
 */
export function startServerWorkers(): void {
  if (holder[STARTED]) return;
  const workers = startJobWorkers();
  holder[STARTED] = workers;
  const stopExpiry = startHistoryExpiry();
  const stopWatch = startWatchScheduler();
  // `next start` listens for these signals before the app loads and exits as soon as its HTTP server has
  // closed, mid-batch: its listeners (none with NEXT_MANUAL_SIG_HANDLE) run only after the workers stopped.
  const nextListeners = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  for (const signal of SIGNALS) process.removeAllListeners(signal);

  let stopping = false;
  const shutdown = async (signal: ShutdownSignal) => {
    // A shell's Ctrl+C reaches npm and the server both: the second signal changes nothing.
    if (stopping) return;
    stopping = true;
    stopExpiry();
    await stopWatch().catch(() => {});
    console.info(`[jobs] ${signal}: stopping workers`);
    console.info(await stopWorkers(workers));
    const next = nextListeners.get(signal) ?? [];
    if (next.length === 0) {
      await closeAppDatabase().catch(() => {});
      process.exit(exitCodeFor(signal));
    }
    setTimeout(() => process.exit(exitCodeFor(signal)), REQUESTS_GRACE_MS).unref();
    for (const listener of next) listener(signal);
  };
  for (const signal of SIGNALS)
    process.on(signal, (received) => void shutdown(received as ShutdownSignal));
}
