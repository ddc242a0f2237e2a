import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sleep } from "../../lib/testing/wait";
import { freePort } from "./free-port";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const NEXT_BIN = fileURLToPath(new URL("../../node_modules/next/dist/bin/next", import.meta.url));
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/** Where an instance keeps its jobs: a PostgreSQL database, or a SQLite data folder. */
export type InstanceStorage = { databaseUrl: string } | { dataDir: string };

export interface AppInstanceOptions {
  /** A short name for messages, e.g. "A". */
  name: string;
  /** Where the instance's output goes (never the terminal). */
  logFile: string;
  emulatorUrl: string;
  storage: InstanceStorage;
  /** Seconds a worker's claim lasts; short so a dead instance's items come back quickly. */
  leaseSeconds: number;
  /** The shared write budget, matching the emulator's (scaled) appTenantWrites. */
  writeLimit?: { limit: number; windowSeconds: number };
  workers?: number;
  /** Further variables, e.g. GRAPH_MODE. */
  env?: Record<string, string>;
}

/** A `next start` of the already built app, in its own process group. */
export interface AppInstance {
  name: string;
  url: string;
  pid: number;
  logFile: string;
  /** SIGKILL to the whole process group: a crash, with no chance to clean up. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited in time. */
  stop(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once("exit", () => resolve()));

function instanceEnv(options: AppInstanceOptions): NodeJS.ProcessEnv {
  const storage =
    "databaseUrl" in options.storage
      ? { DATABASE_URL: options.storage.databaseUrl, LICENSEDESK_DATA_DIR: "" }
      : { DATABASE_URL: "", LICENSEDESK_DATA_DIR: options.storage.dataDir };
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    EMULATOR_URL: options.emulatorUrl,
    LICENSEDESK_ALLOW_EMULATOR: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    // Empty wins over a developer's .env.local, so instances always run in emulator mode.
    AZURE_TENANT_ID: "",
    AZURE_SPA_CLIENT_ID: "",
    AZURE_API_CLIENT_ID: "",
    AZURE_API_CLIENT_SECRET: "",
    ...storage,
    JOB_LEASE_SECONDS: String(options.leaseSeconds),
    ...(options.workers === undefined ? {} : { JOB_WORKERS: String(options.workers) }),
    ...(options.writeLimit
      ? {
          GRAPH_WRITE_LIMIT: String(options.writeLimit.limit),
          GRAPH_WRITE_WINDOW_SECONDS: String(options.writeLimit.windowSeconds),
        }
      : {}),
    ...options.env,
  };
}

/** The end of the instance's log and where the rest is, for failure messages. */
function logTail(logFile: string): string {
  let text = "";
  try {
    text = readFileSync(logFile, "utf8");
  } catch {
    // Nothing written yet.
  }
  const lines = text.trimEnd().split("\n").slice(-40).join("\n");
  return `${lines}\n(the whole log: ${logFile})`;
}

async function waitUntilAnswering(url: string, child: ChildProcess, logFile: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The app instance at ${url} exited before answering:\n${logTail(logFile)}`);
    }
    try {
      // Any answer will do (401 without a token): the server is up and instrumentation has run.
      await fetch(`${url}/api/me`, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await sleep(200);
    }
  }
  throw new Error(
    `The app instance at ${url} did not answer in ${READY_TIMEOUT_MS} ms:\n${logTail(logFile)}`,
  );
}

/** Starts another instance of the built app (`.next`, which the webServer built) on a free port. */
export async function startAppInstance(options: AppInstanceOptions): Promise<AppInstance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { logFile } = options;
  // The instance writes to the file itself, so its last words survive a kill.
  const log = openSync(logFile, "a");
  const child = spawn(
    process.execPath,
    [NEXT_BIN, "start", "--hostname", "127.0.0.1", "--port", String(port)],
    // Its own process group, so a kill reaches every process it started.
    { cwd: ROOT, env: instanceEnv(options), detached: true, stdio: ["ignore", log, log] },
  );
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start app instance ${options.name}.`);
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  const instance: AppInstance = {
    name: options.name,
    url,
    pid,
    logFile,
    kill: async () => {
      signalGroup("SIGKILL");
      await exited(child);
    },
    stop: async () => {
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), STOP_TIMEOUT_MS);
      await exited(child);
      clearTimeout(timer);
    },
  };
  try {
    await waitUntilAnswering(url, child, logFile);
  } catch (error) {
    await instance.kill();
    throw error;
  }
  return instance;
}
