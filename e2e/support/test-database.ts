import { randomBytes } from "node:crypto";
import pg from "pg";
import { E2E_ENV } from "./e2e-env";

/** A new, empty database on the run's PostgreSQL server; its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const serverUrl = process.env[E2E_ENV.databaseUrl];
  if (!serverUrl) {
    throw new Error(
      process.env[E2E_ENV.databaseProblem] ??
        "No PostgreSQL server: run the specs with Playwright.",
    );
  }
  const name = `licensedesk_e2e_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
