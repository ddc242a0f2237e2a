import "server-only";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Database } from "../db/database";
import { type OpenDatabaseOptions, openDatabase } from "../db/open";

/** What every competing process gets: the database to open and when to start. */
export interface ProcessTask {
  options: OpenDatabaseOptions;
  /** Epoch ms at which the work starts, so that processes started together compete. */
  startAt: number;
}

/** Runs `script` (a module URL) in a separate Node process with `task`; resolves with what it printed as JSON. */
export function runInChildProcess<R>(script: URL, task: ProcessTask): Promise<R> {
  // react-server makes `server-only` resolve to its empty module outside Next and Vitest.
  const args = [
    "--conditions=react-server",
    "--import",
    "tsx",
    fileURLToPath(script),
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
        ? resolve(JSON.parse(stdout) as R)
        : reject(new Error(`child process exited with ${code}: ${stderr}`)),
    );
  });
}

/** Inside the child: opens the task's database, waits for the common start, prints `work`'s result. */
export async function runChildTask<T extends ProcessTask>(
  work: (task: T, database: Database) => Promise<unknown>,
): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? "{}") as T;
  const database = await openDatabase(task.options);
  try {
    // Processes start at different speeds; a shared start time makes them really compete.
    await new Promise((resolve) => setTimeout(resolve, task.startAt - Date.now()));
    process.stdout.write(JSON.stringify(await work(task, database)));
  } finally {
    await database.kysely.destroy();
  }
}
