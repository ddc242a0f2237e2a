import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "./migrations";
import { openDatabase } from "./open";
import { DIALECTS, createEmptyDatabase, useTestDatabase } from "./testing/test-database";

describe.each(DIALECTS)("openDatabase on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  it("applies every migration once; running them again applies nothing", async () => {
    const { database } = testDb();
    expect(database.dialect).toBe(dialect);
    const applied = await database.kysely
      .selectFrom("kysely_migration" as never)
      .select(sql<string>`name`.as("name"))
      .execute();
    expect(applied.map((row) => row.name)).toEqual([
      "0001_jobs",
      "0002_audit_events",
      "0003_rate_budgets",
      "0004_job_changes",
      "0005_history",
      "0007_watch",
      "0008_rules",
      "0009_history_indexes",
      "0010_job_write_request_id",
    ]);
    expect(await migrateToLatest(database.kysely as never, dialect)).toEqual([]);
  });

  it("reopens an existing database and keeps its rows", async () => {
    const { database, openAnother } = testDb();
    await database.kysely
      .insertInto("rate_budgets")
      .values({ budget: "b", app_id: "a", tenant_id: "t", tokens: 1.5, updated_at: 1 })
      .execute();
    const again = await openAnother();
    const rows = await again.kysely.selectFrom("rate_budgets").selectAll().execute();
    expect(rows).toEqual([
      { budget: "b", app_id: "a", tenant_id: "t", tokens: 1.5, updated_at: 1, blocked_until: 0 },
    ]);
  });

  it("lets several handles migrate a new database at the same time", async () => {
    const empty = await createEmptyDatabase(dialect);
    try {
      const handles = await Promise.all([1, 2, 3].map(() => openDatabase(empty.options)));
      const tables = await handles[0]!.kysely.introspection.getTables();
      expect(tables.map((table) => table.name).sort()).toEqual([
        "history_chains",
        "history_records",
        "history_terms",
        "job_credentials",
        "job_items",
        "jobs",
        "notification_outbox",
        "rate_budgets",
        "rules",
        "scheduler_leases",
        "watch_errors",
        "watch_runs",
        "watch_settings",
        "webhooks",
      ]);
      await Promise.all(handles.map((handle) => handle.kysely.destroy()));
    } finally {
      await empty.remove();
    }
  });
});

describe("openDatabase", () => {
  it("refuses a URL that is not PostgreSQL's", async () => {
    await expect(openDatabase({ url: "mysql://db/x", sqliteFile: "unused" })).rejects.toThrow(
      /postgres:\/\//,
    );
  });
});

describe("openDatabase on sqlite", () => {
  const testDb = useTestDatabase("sqlite");

  it("creates the folder and turns on WAL, a busy timeout and foreign keys", async () => {
    const { kysely } = testDb().database;
    const pragma = async (name: string) =>
      (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(kysely)).rows[0];
    expect(await pragma("journal_mode")).toEqual({ journal_mode: "wal" });
    expect(await pragma("foreign_keys")).toEqual({ foreign_keys: 1 });
    expect(await pragma("busy_timeout")).toEqual({ timeout: 5000 });
  });
});
