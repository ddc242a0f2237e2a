// Next.js calls register() once per server process: the bulk job workers start here and stop on SIGTERM/SIGINT.
export async function register(): Promise<void> {
  // NEXT_RUNTIME and NEXT_PHASE are set by Next itself, not configuration: no worker in the edge
  // runtime, and none while `next build` collects pages.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServerWorkers } = await import("./lib/server/jobs/process/server-workers");
  startServerWorkers();
}
