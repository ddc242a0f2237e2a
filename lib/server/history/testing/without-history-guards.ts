import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database";
import { createHistoryGuards, dropHistoryGuards } from "../guards";

/** Tests only: lifts the append-only guards for `work` (emptying tables, or playing an attacker with owner rights). */
export async function withoutHistoryGuards<T>(
  database: Database,
  work: () => Promise<T>,
): Promise<T> {
  const db = database.kysely as unknown as Kysely<unknown>;
  await dropHistoryGuards(db, database.dialect);
  try {
    return await work();
  } finally {
    await createHistoryGuards(db, database.dialect);
  }
}
