import "server-only";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type JobView, jobSchema } from "@/lib/api/jobs";
import type { Database } from "@/lib/server/db/database";
export { emptyTables } from "@/lib/server/db/testing/test-database";
import { closeAppDatabase, getAppDatabase } from "@/lib/server/db/app-database";
import { startTestEmulator, type TestEmulator } from "@/lib/server/testing/emulator";

export interface JobRouteTest {
  t: TestEmulator;
  database: Database;
  close(): Promise<void>;
}

/** An emulator process, and the app's own SQLite database in a new data folder. */
export async function startJobRouteTest(env: Record<string, string> = {}): Promise<JobRouteTest> {
  const dataDir = await mkdtemp(join(tmpdir(), "licensedesk-jobs-"));
  const t = await startTestEmulator({ LICENSEDESK_DATA_DIR: dataDir, ...env });
  const database = await getAppDatabase();
  return {
    t,
    database,
    async close() {
      await closeAppDatabase();
      await t.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function jobOf(res: Response): Promise<JobView> {
  const body = (await res.json()) as { job: unknown };
  return jobSchema.parse(body.job);
}
