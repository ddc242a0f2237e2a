import "server-only";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, beforeEach, inject } from "vitest";
import type { Database, DialectName } from "../database";
import { type OpenDatabaseOptions, openDatabase } from "../open";

/** Every store suite runs once per dialect. */
export const DIALECTS: DialectName[] = ["sqlite", "postgres"];

export interface TestDatabase {
  database: Database;
  /** How to open the same database, e.g. from a child process. */
  options: OpenDatabaseOptions;
  /** Another independent handle (its own connection or pool) on the same database. */
  openAnother(): Promise<Database>;
  dispose(): Promise<void>;
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

/** A fresh, migrated database: a SQLite file in a new temp folder, or a new PostgreSQL database. */
export async function openTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  let url: string | undefined;
  let drop = async () => {};
  if (dialect === "postgres") {
    const server = inject("postgresUrl");
    if (!server) {
      throw new Error(`The PostgreSQL suites need a server: ${inject("postgresProblem")}`);
    }
    const name = `licensedesk_test_${randomUUID().replaceAll("-", "")}`;
    await adminQuery(server, `create database ${name}`);
    const target = new URL(server);
    target.pathname = `/${name}`;
    url = target.toString();
    drop = () => adminQuery(server, `drop database ${name} with (force)`);
  }
  const folder = await mkdtemp(join(tmpdir(), "licensedesk-db-"));
  // A folder that does not exist yet: opening must create it.
  const options = { url, sqliteFile: join(folder, "data", "licensedesk.sqlite") };
  const handles: Database[] = [];
  const openAnother = async () => {
    const handle = await openDatabase(options);
    handles.push(handle);
    return handle;
  };
  return {
    database: await openAnother(),
    options,
    openAnother,
    async dispose() {
      await Promise.all(handles.map((handle) => handle.kysely.destroy()));
      await drop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Opens a fresh database before each test and disposes of it after; read it with the returned getter. */
export function useTestDatabase(dialect: DialectName): () => TestDatabase {
  let current: TestDatabase | undefined;
  beforeEach(async () => {
    current = await openTestDatabase(dialect);
  });
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error("No test database: call inside a test.");
    return current;
  };
}
