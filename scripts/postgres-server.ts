import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("./postgres-test.sh", import.meta.url));
const NOT_INSTALLED = 3;
const START_TIMEOUT_MS = 60_000;

/** A throwaway PostgreSQL cluster started by scripts/postgres-test.sh. */
export interface PostgresServer {
  url: string;
  /** Closing the script's stdin stops the server and deletes its files. */
  stop(): Promise<void>;
}

/** Resolves with the URL the script prints once the server is up, or rejects with why it did not start. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(
      () => reject(new Error("timed out starting PostgreSQL")),
      START_TIMEOUT_MS,
    );
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n")[0];
      if (stdout.includes("\n") && line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      const output = stderr.trim();
      reject(
        new Error(code === NOT_INSTALLED ? output : `${SCRIPT} exited with ${code}: ${output}`),
      );
    });
  });
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const child = spawn("bash", [SCRIPT], { stdio: ["pipe", "pipe", "pipe"] });
  try {
    const url = await firstLine(child);
    return {
      url,
      stop: async () => {
        if (child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.stdin?.end();
        await exited;
      },
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}
