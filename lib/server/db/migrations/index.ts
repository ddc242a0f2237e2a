import "server-only";
import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import type { DialectName } from "../database";
import { createJobTables } from "./0001-jobs";
import { createAuditEvents } from "./0002-audit-events";
import { createRateBudgets } from "./0003-rate-budgets";
import { addJobChanges } from "./0004-job-changes";
import { createHistory } from "./0005-history";
import { createWatch } from "./0007-watch";
import { createRules } from "./0008-rules";
import { addHistoryIndexes } from "./0009-history-indexes";
import { addJobWriteRequestId } from "./0010-job-write-request-id";

// Append only: a migration that has run somewhere is never edited, a change is a new entry.
const migrations = (dialect: DialectName): Record<string, Migration> => ({
  "0001_jobs": { up: (db) => createJobTables(db, dialect) },
  "0002_audit_events": { up: (db) => createAuditEvents(db, dialect) },
  "0003_rate_budgets": { up: (db) => createRateBudgets(db) },
  "0004_job_changes": { up: (db) => addJobChanges(db) },
  "0005_history": { up: (db) => createHistory(db, dialect) },
  // 0006 was never used: the history's extra index came after the watch and the rules.
  "0007_watch": { up: (db) => createWatch(db, dialect) },
  "0008_rules": { up: (db) => createRules(db) },
  "0009_history_indexes": { up: (db) => addHistoryIndexes(db) },
  "0010_job_write_request_id": { up: (db) => addJobWriteRequestId(db) },
});

/**
 * Applies every migration not yet recorded (or those up to `through`, for tests of a migration's data);
 * safe to call from several instances at once.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: DialectName,
  through?: string,
): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({ db, provider });
  const { error, results = [] } = await (through
    ? migrator.migrateTo(through)
    : migrator.migrateToLatest());
  if (error) {
    const failed = results.find((result) => result.status === "Error")?.migrationName;
    throw new Error(`Database migration ${failed ?? ""} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return results.map((result) => result.migrationName);
}
