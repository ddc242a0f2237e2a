import "server-only";
import type { TestProject } from "vitest/node";
import { type PostgresServer, startPostgresServer } from "../../../../scripts/postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the PostgreSQL suites may create databases; null when there is no server. */
    postgresUrl: string | null;
    /** Why there is no server: the PostgreSQL suites fail with this. */
    postgresProblem: string | null;
  }
}

let server: PostgresServer | undefined;

/** Starts a throwaway PostgreSQL for the job-store suites unless TEST_DATABASE_URL names one. */
export async function setup({ provide }: TestProject): Promise<void> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    provide("postgresUrl", given);
    provide("postgresProblem", null);
    return;
  }
  try {
    server = await startPostgresServer();
    provide("postgresUrl", server.url);
    provide("postgresProblem", null);
  } catch (error) {
    // Only the PostgreSQL suites fail (with this message); the rest of the run does not need a server.
    provide("postgresUrl", null);
    provide(
      "postgresProblem",
      `${(error as Error).message}\nOr set TEST_DATABASE_URL to a server where the tests may create databases.`,
    );
  }
}

/** Stops the server and deletes its files. */
export async function teardown(): Promise<void> {
  await server?.stop();
}
