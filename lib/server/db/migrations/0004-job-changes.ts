import "server-only";
import type { Kysely } from "kysely";

/**
 * Why a job is paused; when each item last changed (so the events stream sends only what changed);
 * and the creator's encrypted credentials for delegated mode.
 */
export async function addJobChanges(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("jobs").addColumn("pause_reason", "text").execute();
  await db.schema
    .alterTable("job_items")
    .addColumn("updated_at", "bigint", (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("job_items_job_updated")
    .on("job_items")
    .columns(["job_id", "updated_at"])
    .execute();
  await db.schema
    .createTable("job_credentials")
    .addColumn("job_id", "text", (col) =>
      col.primaryKey().references("jobs.id").onDelete("cascade"),
    )
    .addColumn("ciphertext", "text", (col) => col.notNull())
    .addColumn("expires_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();
}
