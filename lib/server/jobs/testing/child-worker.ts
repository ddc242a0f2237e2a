import "server-only";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { OpenDatabaseOptions } from "../../db/open";
import type { PacerOptions } from "@/lib/server/graph/pacing/pacer";
import type { DrainReport } from "./drain";

const WORKER_PROCESS = fileURLToPath(new URL("./worker-process.ts", import.meta.url));

interface Common {
  options: OpenDatabaseOptions;
  /** Epoch ms at which the work starts, so that processes started together compete. */
  startAt: number;
}

export type WorkerTask =
  | (Common & { kind: "drain"; jobId: string; owner: string })
  | (Common & { kind: "take"; pacer: PacerOptions; batch: number; now: number });

type Result<T extends WorkerTask> = T extends { kind: "drain" } ? DrainReport : number;

/** Runs a task in a separate Node process, with its own connections; resolves with what it printed. */
export function runInChildProcess<T extends WorkerTask>(task: T): Promise<Result<T>> {
  // react-server makes `server-only` resolve to its empty module outside Next and Vitest.
  const args = [
    "--conditions=react-server",
    "--import",
    "tsx",
    WORKER_PROCESS,
    JSON.stringify(task),
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(stdout) as Result<T>)
        : reject(new Error(`worker process exited with ${code}: ${stderr}`)),
    );
  });
}
