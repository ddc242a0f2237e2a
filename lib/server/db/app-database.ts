import "server-only";
import type { Database } from "./database";
import { openDatabase } from "./open";
import { getServerEnv } from "../env";

// Kept on globalThis: Next may load this module more than once (route bundles, instrumentation).
const OPEN = Symbol.for("licensedesk.app-database");
type Registry = { key: string; database: Promise<Database> };
const holder = globalThis as { [OPEN]?: Registry };

/** The process's one database: PostgreSQL when DATABASE_URL is set, else SQLite in the data folder. */
export function getAppDatabase(): Promise<Database> {
  const { databaseUrl, sqliteFile } = getServerEnv();
  const key = databaseUrl ?? sqliteFile;
  if (holder[OPEN]?.key !== key) {
    const database = openDatabase({ url: databaseUrl, sqliteFile });
    // A failed open (server down, bad file) is retried by the next request rather than cached.
    database.catch(() => {
      if (holder[OPEN]?.database === database) delete holder[OPEN];
    });
    holder[OPEN] = { key, database };
  }
  return holder[OPEN].database;
}

/** Closes the process's database (server shutdown, end of a test file). */
export async function closeAppDatabase(): Promise<void> {
  const open = holder[OPEN];
  delete holder[OPEN];
  await (await open?.database.catch(() => undefined))?.kysely.destroy();
}
