import "server-only";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

const SCRIPT = fileURLToPath(new URL("./worker-server-process.ts", import.meta.url));
const READY = /\[jobs\] \d+ worker loop\(s\) running as/;
const READY_TIMEOUT_MS = 30_000;
/** Lines of the server's output kept for failure messages. */
const KEPT_LINES = 100;

/** A separate process running the app's job workers (server-workers.ts), as `next start` would. */
export interface WorkerServer {
  pid: number;
  /** What it printed last: kept, not shown, so a passing run stays quiet. */
  output(): string;
  /** SIGKILL: a crash, with no chance to clean up. */
  kill(): Promise<void>;
  /** SIGTERM; resolves with the exit code once the process has exited. */
  terminate(): Promise<number | null>;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, "exit");

/** Starts the workers in a new process with `env` over this one's; resolves once their loops run. */
export async function startWorkerServer(env: Record<string, string>): Promise<WorkerServer> {
  // react-server makes `server-only` resolve to its empty module outside Next and Vitest.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", SCRIPT], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const kept: string[] = [];
  const output = () => kept.join("\n");
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`The worker server did not start in ${READY_TIMEOUT_MS} ms:\n${output()}`),
        ),
      READY_TIMEOUT_MS,
    );
    const keep = (line: string) => {
      kept.push(line);
      if (kept.length > KEPT_LINES) kept.shift();
      if (READY.test(line)) {
        clearTimeout(timer);
        resolve();
      }
    };
    createInterface({ input: child.stdout! }).on("line", keep);
    createInterface({ input: child.stderr! }).on("line", keep);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The worker server exited (${signal ?? code}) before it ran:\n${output()}`));
    });
  });
  const server: WorkerServer = {
    pid: child.pid!,
    output,
    kill: async () => {
      child.kill("SIGKILL");
      await exited(child);
    },
    terminate: async () => {
      child.kill("SIGTERM");
      await exited(child);
      return child.exitCode;
    },
  };
  try {
    await ready;
  } catch (error) {
    await server.kill();
    throw error;
  }
  return server;
}
