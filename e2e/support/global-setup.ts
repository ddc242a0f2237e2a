import { rm } from "node:fs/promises";
import { E2E_ENV } from "./e2e-env";
import { startPostgresServer } from "../../scripts/postgres-server";

/**
 * Starts a throwaway PostgreSQL for the specs that run app instances on one database (unless
 * TEST_DATABASE_URL names a server), and removes the run's data folder at the end.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const given = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (given) {
    process.env[E2E_ENV.databaseUrl] = given;
  } else {
    try {
      const server = await startPostgresServer();
      process.env[E2E_ENV.databaseUrl] = server.url;
      stop = server.stop;
    } catch (error) {
      // Only the specs that need PostgreSQL fail (with this message); the rest run without it.
      process.env[E2E_ENV.databaseProblem] =
        `${(error as Error).message}\nOr set TEST_DATABASE_URL to a server where the tests may create databases.`;
    }
  }
  return async () => {
    await stop();
    const runDir = process.env[E2E_ENV.runDir];
    if (runDir) await rm(runDir, { recursive: true, force: true });
  };
}
