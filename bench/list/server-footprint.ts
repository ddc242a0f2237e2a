// The app server's resident memory (its whole process tree) while it lists a large tenant and runs a
// 50,000-user job: a real `next start` of the built app against the emulator as a process, on SQLite.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAppInstance } from "@/e2e/support/app-instance";
import { finalCount, JobsClient } from "@/e2e/support/jobs-client";
import type { JobView } from "@/lib/api/jobs";
import { startEmulatorProcess } from "@/lib/server/testing/emulator-process";
import { EmulatorControl } from "@/lib/testing/emulator-control";
import { sleep } from "@/lib/testing/wait";
import { createUsersJob, readLicenseErrors } from "./app-calls";
import { followJob } from "./follow-job";
import { type PhaseMemory, RssSampler } from "./rss-sampler";
import { Teardown } from "./teardown";
import { tenantUserIds } from "./tenant-user-ids";

export interface FootprintOptions {
  tenant: { users: number; groups: number; usersInError: number; seed: number };
  /** Every Graph answer takes this long, as over the internet. */
  latencyMs: number;
  /** The job takes this many of the tenant's users, in directory order (those in error among them). */
  jobUsers: number;
  /** How long the job is followed after it was created; an unfinished job is reported as such. */
  jobRunLimitMs: number;
  sampleIntervalMs: number;
  /** The idle period sampled after start, before any request but the readiness probe. */
  baselineMs: number;
  /** NODE_OPTIONS for the app, e.g. `--max-old-space-size=128`: tells live memory from heap not yet collected. */
  appNodeOptions?: string;
  log: (line: string) => void;
  /** Aborting tears everything down at once; the measurement then rejects. */
  signal?: AbortSignal;
}

export const DEFAULT_FOOTPRINT_OPTIONS: FootprintOptions = {
  tenant: { users: 50_000, groups: 200, usersInError: 10_000, seed: 2026 },
  latencyMs: 100,
  jobUsers: 50_000,
  jobRunLimitMs: 5 * 60_000,
  sampleIntervalMs: 100,
  baselineMs: 3_000,
  log: (line) => console.log(line),
  // As `npm run serve` starts the server: V8 otherwise grows the heap long before it collects.
  appNodeOptions: "--max-old-space-size=192",
};

export interface JobFootprint {
  users: number;
  /** `POST /api/jobs` (selection resolved, items stored). */
  create: PhaseMemory;
  /** From the job's creation until it finished or `jobRunLimitMs` ran out. */
  run: PhaseMemory;
  completed: boolean;
  finalItems: number;
  outcomes: JobView["progress"]["outcomes"];
}

export interface ServerFootprint {
  baselineRssMb: number;
  listPeakRssMb: number;
  /** The higher of the job's creation and run peaks. */
  jobPeakRssMb: number;
  baseline: PhaseMemory;
  list: PhaseMemory & { rows: number; events: number };
  job: JobFootprint;
  /** The conditions, in words, for printing beside the figures. */
  conditions: string;
}

/** Users the app serves: an operator who may reprocess. */
const OPERATOR_UPN_PREFIX = "adele.vance@";
/** Longer than any run, so the job's stored token never expires mid-measurement. */
const TOKEN_LIFETIME_SECONDS = 4 * 3600;
/** Budgets the app paces Graph calls under: far above what the run needs, as the emulator's limits are off. */
const UNBOUND_WRITES = { limit: 1_000_000, windowSeconds: 1 };
const UNBOUND_READS = { GRAPH_READ_LIMIT: "1000000", GRAPH_READ_WINDOW_SECONDS: "1" };

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The end of the app's log, printed when a run fails, since the folder holding it is removed. */
function logTail(logFile: string): string {
  try {
    return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-30).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Starts the emulator and the built app, measures baseline, list and job, and tears everything down. */
export async function measureServerFootprint(
  overrides: Partial<FootprintOptions> = {},
): Promise<ServerFootprint> {
  const options = { ...DEFAULT_FOOTPRINT_OPTIONS, ...overrides };
  const { log, tenant } = options;
  const teardown = new Teardown();
  const interrupt = () => void teardown.run();
  options.signal?.addEventListener("abort", interrupt, { once: true });
  const folder = mkdtempSync(join(tmpdir(), "licensedesk-footprint-"));
  await teardown.add(() => rmSync(folder, { recursive: true, force: true }));
  const logFile = join(folder, "app.log");
  let appStarted = false;
  try {
    const emulatorProcess = await startEmulatorProcess();
    await teardown.add(() => emulatorProcess.stop());
    const emulator = new EmulatorControl(emulatorProcess.url);

    let started = Date.now();
    const generated = await emulator.generate(tenant);
    log(
      `Tenant: ${generated.counts.users} users, ${generated.counts.groups} groups, ` +
        `${generated.counts.usersInError} in error (generated in ${seconds(Date.now() - started)}).`,
    );
    await emulator.setLimits({ enabled: false });
    await emulator.setLatency(options.latencyMs);

    const app = await startAppInstance({
      name: "footprint",
      logFile,
      emulatorUrl: emulatorProcess.url,
      storage: { dataDir: join(folder, "data") },
      leaseSeconds: 60,
      writeLimit: UNBOUND_WRITES,
      env: {
        ...UNBOUND_READS,
        ...(options.appNodeOptions ? { NODE_OPTIONS: options.appNodeOptions } : {}),
      },
    });
    appStarted = true;
    await teardown.add(() => app.stop());
    const sampler = new RssSampler(app.pid, options.sampleIntervalMs);
    await teardown.add(() => sampler.stop());

    const { memory: baseline } = await sampler.during(() => sleep(options.baselineMs));
    log(`Idle after start: ${baseline.peakMb} MB (${baseline.processes} process(es)).`);

    const operator = (await emulator.tenant()).accounts.find((a) =>
      a.userPrincipalName.startsWith(OPERATOR_UPN_PREFIX),
    );
    if (!operator) throw new Error(`The tenant has no ${OPERATOR_UPN_PREFIX}… account.`);
    const { token } = await emulator.mint({
      kind: "api",
      user: operator.id,
      expiresInSeconds: TOKEN_LIFETIME_SECONDS,
    });

    const list = await sampler.during(() => readLicenseErrors(app.url, token));
    log(
      `List: ${list.result.rows} rows in ${seconds(list.memory.durationMs)}, ` +
        `peak ${list.memory.peakMb} MB, ${list.memory.endMb} MB at its end.`,
    );

    const userIds = (await tenantUserIds(emulator)).slice(0, options.jobUsers);
    const create = await sampler.during(() => createUsersJob(app.url, token, userIds));
    const job = create.result;
    log(
      `Job ${job.id}: ${job.progress.total} items stored in ${seconds(create.memory.durationMs)}, ` +
        `peak ${create.memory.peakMb} MB.`,
    );
    const deadline = Date.now() + options.jobRunLimitMs;
    started = Date.now();
    let lastLogged = 0;
    const run = await sampler.during(() =>
      followJob(new JobsClient(app.url, token), job.id, {
        deadline,
        onView: (view) => {
          if (Date.now() - lastLogged < 30_000) return;
          lastLogged = Date.now();
          log(
            `  ${seconds(Date.now() - started)}: ${finalCount(view)} of ${view.progress.total} final`,
          );
        },
      }),
    );
    const completed = run.result.status === "completed";
    log(
      `Job ${completed ? "completed" : `still ${run.result.status} (followed ${seconds(options.jobRunLimitMs)})`}: ` +
        `${finalCount(run.result)} final in ${seconds(run.memory.durationMs)}, peak ${run.memory.peakMb} MB.`,
    );

    return {
      baselineRssMb: baseline.peakMb,
      listPeakRssMb: list.memory.peakMb,
      jobPeakRssMb: Math.max(create.memory.peakMb, run.memory.peakMb),
      baseline,
      list: { ...list.memory, ...list.result },
      job: {
        users: userIds.length,
        create: create.memory,
        run: run.memory,
        completed,
        finalItems: finalCount(run.result),
        outcomes: run.result.progress.outcomes,
      },
      conditions:
        `${generated.counts.users} users, ${generated.counts.groups} groups, ` +
        `${generated.counts.usersInError} in error; Graph latency ${options.latencyMs} ms; ` +
        "the emulator's Graph limits off and the app's budgets far above them; SQLite; " +
        `RSS of the app's process tree sampled every ${options.sampleIntervalMs} ms` +
        (options.appNodeOptions ? `; the app's NODE_OPTIONS ${options.appNodeOptions}` : ""),
    };
  } catch (error) {
    if (appStarted) log(`The app's last lines:\n${logTail(logFile)}`);
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", interrupt);
    await teardown.run();
  }
}
