import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { E2E_ENV } from "./e2e-env";

/**
 * Forgets the Graph budget the run's app keeps in its database. A story that makes Graph answer 429 with
 * a long Retry-After holds every caller of that app until then, as it should; the next story starts afresh.
 */
export function resetAppPacing(): void {
  const runDir = process.env[E2E_ENV.runDir];
  const file = runDir && join(runDir, "app", "licensedesk.sqlite");
  if (!file || !existsSync(file)) return;
  const database = new Database(file, { timeout: 5_000 });
  try {
    database.prepare("delete from rate_budgets").run();
  } finally {
    database.close();
  }
}
