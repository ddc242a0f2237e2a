import "server-only";
import type { Database } from "@/lib/server/db/database";
import type { Tables } from "@/lib/server/db/schema";
import type { TestEmulator } from "@/lib/server/testing/emulator";

const TABLES: (keyof Tables)[] = [
  "jobs",
  "job_items",
  "job_credentials",
  "audit_events",
  "rate_budgets",
];

/** Every row of every table, as one string: any insert, update or delete changes it. */
async function databaseContents(database: Database): Promise<string> {
  const rows = await Promise.all(
    TABLES.map((table) => database.kysely.selectFrom(table).selectAll().execute()),
  );
  // Row order is not guaranteed without an ORDER BY; sorting the rows' JSON makes it so.
  return JSON.stringify(rows.map((table) => table.map((row) => JSON.stringify(row)).sort()));
}

export interface SideEffects<T> {
  result: T;
  /** Graph requests the emulator logged meanwhile (`METHOD path`). */
  graphCalls: string[];
  /** Whether any table's rows differ afterwards. */
  databaseChanged: boolean;
}

/** Runs `work` and reports what it did besides answering: Graph calls and database writes. */
export async function sideEffectsOf<T>(
  t: TestEmulator,
  database: Database,
  work: () => Promise<T>,
): Promise<SideEffects<T>> {
  const [seq, before] = await Promise.all([t.lastSeq(), databaseContents(database)]);
  const result = await work();
  const [calls, after] = await Promise.all([t.graphCallsSince(seq), databaseContents(database)]);
  return {
    result,
    graphCalls: calls.map((call) => `${call.method} ${call.path}`),
    databaseChanged: before !== after,
  };
}
