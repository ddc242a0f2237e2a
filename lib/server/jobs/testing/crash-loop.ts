import "server-only";
import fc from "fast-check";
import { POST as createJobRoute } from "@/app/api/jobs/route";
import { jobSchema } from "@/lib/api/jobs";
import type { Database } from "@/lib/server/db/database";
import { getJob, getJobProgress } from "@/lib/server/jobs/store/queries";
import { apiRequest, type TestEmulator } from "@/lib/server/testing/emulator";
import { EVERY_CAUSE_FIXED, type EmulatorControl } from "@/lib/testing/emulator-control";
import { sleep, waitFor } from "@/lib/testing/wait";
import {
  auditCrashRun,
  type CrashAudit,
  recordedUsers,
  type ServerLife,
  sentWrites,
} from "./crash-audit";
import { startWorkerServer, type WorkerServer } from "./worker-server";

/** The worker server's settings: short leases, so a killed server's users come back within seconds. */
const SERVER_ENV = {
  DATABASE_URL: "",
  JOB_WORKERS: "2",
  JOB_LEASE_SECONDS: "2",
  // 100 writes a second after a full bucket of 200: the job is still writing when the first kills come.
  GRAPH_WRITE_LIMIT: "200",
  GRAPH_WRITE_WINDOW_SECONDS: "2",
};
const GRAPH_LATENCY_MS = 50;
const REPROCESS_DELAY_MS = 300;

/** Where one kill falls: a point of the job's progress, then a little later. */
export interface Kill {
  /** The job's progress (see progressOf). */
  at: number;
  delayMs: number;
}

/** The kills a seed gives, in the order of the job's progress; the same seed, the same plan. */
export function killPlan(seed: number, crashes: number): Kill[] {
  // Unbiased: fast-check otherwise favours the bounds, and the kills would bunch at the ends. The last
  // fifth is left out: a restarted server may finish it in one round of checks, before a kill could fall.
  const kill = fc.record({
    at: fc.noBias(fc.integer({ min: 20, max: 800 })).map((permille) => permille / 1000),
    delayMs: fc.noBias(fc.integer({ min: 0, max: 300 })),
  });
  const [plan] = fc.sample(fc.array(kill, { minLength: crashes, maxLength: crashes }), {
    seed,
    numRuns: 1,
  });
  return plan!.sort((a, b) => a.at - b.at);
}

export interface CrashRun {
  audit: CrashAudit;
  /** Kills that fell before the job finished. */
  kills: number;
  users: number;
  /** The last server's exit code after SIGTERM (143 when it stopped by itself). */
  exitCode: number | null;
  lastOutput: string;
  seconds: number;
}

/** A generated tenant whose first `count` users in error had their causes fixed; their ids. */
async function usersWithCausesFixed(emulator: EmulatorControl, count: number): Promise<string[]> {
  // The generator spreads errors over six causes; a missing required license is fixed only by a license change.
  const inError = Math.ceil((count * 6) / 5) + 6;
  const state = await emulator.generate({
    users: inError * 3 + 100,
    groups: 6,
    usersInError: inError,
    seed: 7,
  });
  const ids = state.usersInError
    .filter((user) => user.failing.every((failing) => failing.error !== "DependencyViolation"))
    .slice(0, count)
    .map((user) => user.id);
  for (const sku of state.skus) await emulator.addSeats(sku.skuPartNumber, count);
  for (let i = 0; i < ids.length; i += 25) {
    await Promise.all(ids.slice(i, i + 25).map((id) => emulator.patchUser(id, EVERY_CAUSE_FIXED)));
  }
  return ids;
}

/** From 0 to 1: each written item counts a half, each final one a whole. */
async function progressOf(database: Database, jobId: string): Promise<number> {
  const { total, states } = await getJobProgress(database, jobId);
  return (states.written + 2 * states.final) / (2 * total);
}

/** Waits until the emulator has logged (answered) every request up to `upTo`. */
async function waitForAnswers(emulator: EmulatorControl, since: number, upTo: number) {
  await waitFor(
    `the emulator to answer requests ${since + 1} to ${upTo}`,
    async () => {
      const logged = new Set((await emulator.requests({ since })).map((request) => request.seq));
      for (let seq = since + 1; seq <= upTo; seq++) if (!logged.has(seq)) return undefined;
      return true;
    },
    { timeoutMs: 30_000, intervalMs: 50 },
  );
}

/**
 * A `users`-user job run by a worker server that is SIGKILLed at each point of `plan` and started again
 * on the same SQLite file; once the job has finished, the last server is stopped with SIGTERM and the
 * store and the emulator's request log are audited.
 */
export async function runCrashLoop(
  t: TestEmulator,
  database: Database,
  { users, plan }: { users: number; plan: Kill[] },
): Promise<CrashRun> {
  const started = Date.now();
  const emulator = t.client;
  const userIds = await usersWithCausesFixed(emulator, users);
  await emulator.updateConfig({ reprocessDelayMs: REPROCESS_DELAY_MS });
  await emulator.setLatency(GRAPH_LATENCY_MS);
  const res = await createJobRoute(
    apiRequest("/api/jobs", await t.mint(), {
      method: "POST",
      body: JSON.stringify({ selection: { kind: "users", userIds } }),
    }),
  );
  if (res.status !== 201)
    throw new Error(`Creating the job answered ${res.status}: ${await res.text()}`);
  const jobId = jobSchema.parse(((await res.json()) as { job: unknown }).job).id;

  const lives: ServerLife[] = [];
  let afterSeq = await emulator.lastSeq();
  let server: WorkerServer = await startWorkerServer(SERVER_ENV);
  let kills = 0;
  let exitCode: number | null;
  try {
    for (const kill of plan) {
      const progress = await waitFor(
        `the job's progress to reach ${kill.at}`,
        async () => {
          const now = await progressOf(database, jobId);
          return now >= kill.at ? now : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 10 },
      );
      // Finished before this kill could fall: the run has fewer kills than planned, which the test reports.
      if (progress === 1) break;
      await sleep(kill.delayMs);
      await server.kill();
      kills += 1;
      // A moment for the emulator to take in what the dead server had put on the wire; all of it is answered
      // before the next server starts, so each request belongs to exactly one life.
      await sleep(200);
      const lastSeq = await emulator.lastSeq();
      await waitForAnswers(emulator, afterSeq, lastSeq);
      lives.push({ afterSeq, lastSeq, recorded: await recordedUsers(database, jobId) });
      afterSeq = lastSeq;
      server = await startWorkerServer(SERVER_ENV);
    }
    await waitFor(
      "the job to complete",
      async () => ((await getJob(database, jobId))?.status === "completed" ? true : undefined),
      { timeoutMs: 120_000, intervalMs: 100 },
    );
    exitCode = await server.terminate();
  } catch (error) {
    // A failed run leaves no worker server behind, and shows what the last one said.
    await server.kill();
    if (error instanceof Error)
      error.message += `\n\nThe worker server's last lines:\n${server.output()}`;
    throw error;
  }
  const lastSeq = await emulator.lastSeq();
  lives.push({ afterSeq, lastSeq, recorded: await recordedUsers(database, jobId) });

  const requests = await emulator.requests({
    since: lives[0]!.afterSeq,
    path: "reprocessLicenseAssignment",
  });
  const writes = sentWrites(requests, lives);
  return {
    audit: await auditCrashRun(database, { jobId, userIds, writes, lives }),
    kills,
    users: userIds.length,
    exitCode,
    lastOutput: server.output(),
    seconds: (Date.now() - started) / 1000,
  };
}
