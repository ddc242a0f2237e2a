import "server-only";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";
import type { Database, DialectName } from "../database";
import { withoutHistoryGuards } from "../../history/testing/without-history-guards";
import { type OpenDatabaseOptions, openDatabase } from "../open";

/** Every store suite runs once per dialect. */
export const DIALECTS: DialectName[] = ["sqlite", "postgres"];

/** A new, empty database (not migrated yet) and how to delete it. */
export interface EmptyDatabase {
  options: OpenDatabaseOptions;
  remove(): Promise<void>;
}

export interface TestDatabase {
  database: Database;
  /** How to open the same database, e.g. from a child process. */
  options: OpenDatabaseOptions;
  /** Another independent handle (its own connection or pool) on the same database; closed after the test. */
  openAnother(): Promise<Database>;
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A SQLite file in a new temp folder (not created yet), or a new database on the test PostgreSQL server;
 * `asAppRole`: owned by, and opened as, a role of its own that is no superuser, as the app runs in production.
 */
export async function createEmptyDatabase(
  dialect: DialectName,
  { asAppRole = false }: { asAppRole?: boolean } = {},
): Promise<EmptyDatabase> {
  const folder = await mkdtemp(join(tmpdir(), "licensedesk-db-"));
  // A folder that does not exist yet: opening must create it.
  const sqliteFile = join(folder, "data", "licensedesk.sqlite");
  const removeFolder = () => rm(folder, { recursive: true, force: true });
  if (dialect === "sqlite") return { options: { sqliteFile }, remove: removeFolder };

  const server = inject("postgresUrl");
  if (!server) throw new Error(`The PostgreSQL suites need a server: ${inject("postgresProblem")}`);
  const name = `licensedesk_test_${randomUUID().replaceAll("-", "")}`;
  const role = asAppRole ? `${name}_app` : null;
  // The throwaway server trusts loopback logins, so the role needs no password.
  if (role) await adminQuery(server, `create role ${role} login`);
  await adminQuery(server, `create database ${name}${role ? ` owner ${role}` : ""}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  if (role) url.username = role;
  return {
    options: { url: url.toString(), sqliteFile },
    async remove() {
      await adminQuery(server, `drop database ${name} with (force)`);
      if (role) await adminQuery(server, `drop role ${role}`);
      await removeFolder();
    },
  };
}

const TABLES_CHILDREN_FIRST = [
  "rules",
  "notification_outbox",
  "webhooks",
  "watch_runs",
  "watch_errors",
  "watch_settings",
  "scheduler_leases",
  "job_credentials",
  "job_items",
  "jobs",
  "rate_budgets",
  "history_terms",
  "history_records",
  "history_chains",
] as const;

/** Deletes every row, children first, keeping the schema (the history's guards are lifted for it). */
export async function emptyTables(database: Database): Promise<void> {
  await withoutHistoryGuards(database, async () => {
    for (const table of TABLES_CHILDREN_FIRST) await database.kysely.deleteFrom(table).execute();
  });
}

/**
 * One migrated database per suite, emptied before each test (a database per test is slow on PostgreSQL).
 * Read it inside tests with the returned getter.
 */
export function useTestDatabase(dialect: DialectName): () => TestDatabase {
  let empty: EmptyDatabase | undefined;
  let database: Database | undefined;
  let extra: Database[] = [];
  let unavailable: unknown;
  beforeAll(async () => {
    try {
      empty = await createEmptyDatabase(dialect);
      database = await openDatabase(empty.options);
    } catch (error) {
      unavailable = error;
    }
  });
  beforeEach(async () => {
    // Thrown here rather than in beforeAll, so each test fails (Vitest would report them as skipped).
    if (unavailable) throw unavailable;
    if (database) await emptyTables(database);
  });
  afterEach(async () => {
    await Promise.all(extra.map((handle) => handle.kysely.destroy()));
    extra = [];
  });
  afterAll(async () => {
    await database?.kysely.destroy();
    await empty?.remove();
  });
  return () => {
    if (!empty || !database) throw new Error("No test database: call inside a test.");
    const { options } = empty;
    const openAnother = async () => {
      const handle = await openDatabase(options);
      extra.push(handle);
      return handle;
    };
    return { database, options, openAnother };
  };
}
