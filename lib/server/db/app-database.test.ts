import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createEmptyDatabase } from "./testing/test-database";

/** The module as a new process would load it: environment read afresh, no database open yet. */
async function freshAppDatabase(env: Record<string, string>) {
  vi.resetModules();
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  return import("./app-database");
}

afterEach(() => vi.unstubAllEnvs());

describe("the app's database", () => {
  it("is SQLite in a data folder it creates, opened once per process", async () => {
    const folder = await mkdtemp(join(tmpdir(), "licensedesk-app-db-"));
    const dataDir = join(folder, "not", "yet");
    try {
      const { closeAppDatabase, getAppDatabase } = await freshAppDatabase({
        DATABASE_URL: "",
        LICENSEDESK_DATA_DIR: dataDir,
      });
      const [first, second] = await Promise.all([getAppDatabase(), getAppDatabase()]);
      expect(first).toBe(second);
      expect(first.dialect).toBe("sqlite");
      expect(existsSync(join(dataDir, "licensedesk.sqlite"))).toBe(true);
      await closeAppDatabase();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("is PostgreSQL, migrated, when DATABASE_URL is set", async () => {
    const empty = await createEmptyDatabase("postgres");
    try {
      const { closeAppDatabase, getAppDatabase } = await freshAppDatabase({
        DATABASE_URL: empty.options.url!,
      });
      const database = await getAppDatabase();
      expect(database.dialect).toBe("postgres");
      expect(await database.kysely.selectFrom("job_credentials").selectAll().execute()).toEqual([]);
      await closeAppDatabase();
    } finally {
      await empty.remove();
    }
  });

  it("tries again on the next call after a failed open instead of keeping the failure", async () => {
    const { getAppDatabase } = await freshAppDatabase({
      DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none",
    });
    const first = getAppDatabase();
    await expect(first).rejects.toThrow();
    const second = getAppDatabase();
    await expect(second).rejects.toThrow();
    expect(second).not.toBe(first);
  });
});
