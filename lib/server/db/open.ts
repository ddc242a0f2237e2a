import "server-only";
import { Kysely } from "kysely";
import type { Database } from "./database";
import { migrateToLatest } from "./migrations";
import { postgresDialect } from "./postgres";
import type { Tables } from "./schema";
import { sqliteDialect } from "./sqlite";

export interface OpenDatabaseOptions {
  /** A postgres:// or postgresql:// URL; when absent the SQLite file is used. */
  url?: string;
  /** The SQLite database file; its folder is created if missing. */
  sqliteFile: string;
}

/**
 * Opens the database and brings its schema to the latest migration; `migrate: false` leaves it as it is
 * (a reader that must write nothing), a migration's name stops there (tests of a migration's data).
 */
export async function openDatabase(
  { url, sqliteFile }: OpenDatabaseOptions,
  { migrate = true }: { migrate?: boolean | string } = {},
): Promise<Database> {
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error("The database URL must start with postgres:// or postgresql://.");
  }
  const dialect = url ? "postgres" : "sqlite";
  const kysely = new Kysely<Tables>({
    dialect: url ? postgresDialect(url) : sqliteDialect(sqliteFile),
  });
  try {
    if (migrate !== false) {
      const through = typeof migrate === "string" ? migrate : undefined;
      await migrateToLatest(kysely as unknown as Kysely<unknown>, dialect, through);
    }
  } catch (error) {
    await kysely.destroy();
    throw error;
  }
  return { kysely, dialect };
}
