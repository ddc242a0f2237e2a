import "server-only";
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the PostgreSQL suites may create databases; null when there is no server. */
    postgresUrl: string | null;
    /** Why there is no server: the PostgreSQL suites fail with this. */
    postgresProblem: string | null;
  }
}

const SCRIPT = fileURLToPath(new URL("../../../../scripts/postgres-test.sh", import.meta.url));
const NOT_INSTALLED = 3;
const START_TIMEOUT_MS = 60_000;

let cluster: ChildProcess | undefined;

/** Resolves with the URL the script prints once the server is up, or rejects with why it did not start. */
function startCluster(child: ChildProcess): Promise<string> {
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
    child.on("error", (error) => reject(error));
    child.on("exit", (code) => {
      clearTimeout(timer);
      // The script explains a missing installation itself; other failures carry the server's log.
      const output = stderr.trim();
      reject(
        new Error(code === NOT_INSTALLED ? output : `${SCRIPT} exited with ${code}: ${output}`),
      );
    });
  });
}

/** Starts a throwaway PostgreSQL for the job-store suites unless TEST_DATABASE_URL names one. */
export async function setup({ provide }: TestProject): Promise<void> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    provide("postgresUrl", given);
    provide("postgresProblem", null);
    return;
  }
  cluster = spawn("bash", [SCRIPT], { stdio: ["pipe", "pipe", "pipe"] });
  try {
    provide("postgresUrl", await startCluster(cluster));
    provide("postgresProblem", null);
  } catch (error) {
    // Only the PostgreSQL suites fail (with this message); the rest of the run does not need a server.
    provide("postgresUrl", null);
    provide(
      "postgresProblem",
      `${(error as Error).message}\nOr set TEST_DATABASE_URL to a server where the tests may create databases.`,
    );
    cluster.kill();
    cluster = undefined;
  }
}

/** Closing the script's stdin stops the server and deletes its files. */
export async function teardown(): Promise<void> {
  const child = cluster;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.stdin?.end();
  await exited;
}
