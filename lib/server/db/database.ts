import "server-only";
import type { Kysely } from "kysely";
import type { Tables } from "./schema";

/** Which database engine a handle speaks; the few dialect-specific statements switch on it. */
export type DialectName = "sqlite" | "postgres";

/** An open, migrated database. `kysely.destroy()` closes it. */
export interface Database {
  kysely: Kysely<Tables>;
  dialect: DialectName;
}
