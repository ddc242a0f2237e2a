import "server-only";
import type { Database } from "@/lib/server/db/database";
import type { Tables } from "@/lib/server/db/schema";
import type { TestEmulator } from "@/lib/server/testing/emulator";
import { isGraphRequest } from "@/lib/testing/emulator-control";

const TABLES: (keyof Tables)[] = [
  "jobs",
  "job_items",
  "job_credentials",
  "history_records",
  "history_terms",
  "history_chains",
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

/**
 * The same report for many requests in a row, one after another: each call says what happened since
 * the previous one, reading the emulator's log and the tables once per request instead of twice.
 */
export async function sideEffectsProbe(t: TestEmulator, database: Database) {
  let seq = await t.lastSeq();
  let contents = await databaseContents(database);
  return async function since(): Promise<Omit<SideEffects<unknown>, "result">> {
    const [requests, now] = await Promise.all([
      t.client.requests({ since: seq }),
      databaseContents(database),
    ]);
    seq = Math.max(seq, ...requests.map((request) => request.seq));
    const databaseChanged = now !== contents;
    contents = now;
    return {
      graphCalls: requests.filter(isGraphRequest).map((call) => `${call.method} ${call.path}`),
      databaseChanged,
    };
  };
}
