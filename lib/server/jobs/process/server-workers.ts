import "server-only";
import { closeAppDatabase } from "@/lib/server/db/app-database";
import { type JobWorkers, startJobWorkers } from "./job-workers";

/** The last moment to give claimed items back; later, their leases expire and another worker takes them. */
const SHUTDOWN_GRACE_MS = 10_000;

// Dev reloads run register() again in the same process: one set of workers per process.
const STARTED = Symbol.for("licensedesk.job-workers");
const holder = globalThis as { [STARTED]?: JobWorkers };

/** Starts the workers for this server process and stops them cleanly on SIGTERM or SIGINT. */
export function startServerWorkers(): void {
  if (holder[STARTED]) return;
  const workers = startJobWorkers();
  holder[STARTED] = workers;
  const shutdown = (signal: NodeJS.Signals) => {
    console.info(`[jobs] ${signal}: stopping workers`);
    const deadline = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
    void Promise.race([workers.stop().then(closeAppDatabase), deadline]).finally(() =>
      process.exit(0),
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}
