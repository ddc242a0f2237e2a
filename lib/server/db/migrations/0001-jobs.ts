import "server-only";
import type { Kysely } from "kysely";
import type { DialectName } from "../database";
import { identityColumn } from "./identity-column";

/** Jobs and their per-user items: the durable queue behind bulk reprocessing. */
export async function createJobTables(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("created_by_oid", "text", (col) => col.notNull())
    .addColumn("created_by_name", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("selection_description", "text", (col) => col.notNull())
    .addColumn("selection_criteria", "text")
    .addColumn("total_items", "integer", (col) => col.notNull())
    .addColumn("started_at", "bigint")
    .addColumn("finished_at", "bigint")
    .addColumn("claim_turn", "bigint", (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("jobs_tenant_created")
    .on("jobs")
    .columns(["tenant_id", "created_at"])
    .execute();
  await db.schema.createIndex("jobs_status").on("jobs").column("status").execute();

  await db.schema
    .createTable("job_items")
    .$call(identityColumn(dialect))
    .addColumn("job_id", "text", (col) => col.notNull().references("jobs.id").onDelete("cascade"))
    .addColumn("user_id", "text", (col) => col.notNull())
    .addColumn("upn", "text", (col) => col.notNull())
    .addColumn("display_name", "text", (col) => col.notNull())
    .addColumn("state", "text", (col) => col.notNull().defaultTo("pending"))
    .addColumn("outcome", "text")
    .addColumn("outcome_detail", "text")
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "bigint", (col) => col.notNull().defaultTo(0))
    .addColumn("lease_owner", "text")
    .addColumn("lease_expires_at", "bigint")
    .addColumn("written_at", "bigint")
    .addColumn("finished_at", "bigint")
    .addUniqueConstraint("job_items_job_user", ["job_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("job_items_job_state")
    .on("job_items")
    .columns(["job_id", "state"])
    .execute();
}
