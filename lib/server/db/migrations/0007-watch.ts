import "server-only";
import type { Kysely } from "kysely";
import type { DialectName } from "../database";
import { identityColumn } from "./identity-column";

/** The watch over the tenant's errors, its one leader, webhooks and the notifications owed to them. */
export async function createWatch(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable("scheduler_leases")
    .addColumn("name", "text", (col) => col.primaryKey())
    .addColumn("holder", "text", (col) => col.notNull())
    .addColumn("fence", "bigint", (col) => col.notNull())
    .addColumn("expires_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema
    .createTable("watch_settings")
    .addColumn("tenant_id", "text", (col) => col.primaryKey())
    .addColumn("enabled", "integer", (col) => col.notNull())
    .addColumn("interval_minutes", "integer", (col) => col.notNull())
    .addColumn("run_requested_at", "bigint")
    .addColumn("enabled_since", "bigint")
    .addColumn("updated_by_oid", "text", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema
    .createTable("watch_errors")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("user_id", "text", (col) => col.notNull())
    .addColumn("sku_id", "text", (col) => col.notNull())
    .addColumn("source", "text", (col) => col.notNull())
    .addColumn("code", "text", (col) => col.notNull())
    .addColumn("upn", "text", (col) => col.notNull())
    .addColumn("display_name", "text", (col) => col.notNull())
    .addColumn("product_name", "text", (col) => col.notNull())
    .addColumn("group_name", "text")
    .addColumn("first_seen_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("watch_errors_pk", ["tenant_id", "user_id", "sku_id", "source"])
    .execute();
  await db.schema
    .createTable("watch_runs")
    .$call(identityColumn(dialect))
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("started_at", "bigint", (col) => col.notNull())
    .addColumn("finished_at", "bigint", (col) => col.notNull())
    .addColumn("appeared", "integer", (col) => col.notNull())
    .addColumn("cleared", "integer", (col) => col.notNull())
    .addColumn("fence", "bigint", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("watch_runs_tenant")
    .on("watch_runs")
    .columns(["tenant_id", "id"])
    .execute();
  await db.schema
    .createTable("webhooks")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("ciphertext", "text", (col) => col.notNull())
    .addColumn("target_hint", "text", (col) => col.notNull())
    .addColumn("created_by_oid", "text", (col) => col.notNull())
    .addColumn("created_by_name", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema
    .createTable("notification_outbox")
    .$call(identityColumn(dialect))
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("webhook_id", "text", (col) =>
      col.notNull().references("webhooks.id").onDelete("cascade"),
    )
    .addColumn("change_key", "text", (col) => col.notNull())
    .addColumn("payload", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "bigint", (col) => col.notNull())
    .addColumn("last_status", "integer")
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("delivered_at", "bigint")
    .addUniqueConstraint("notification_outbox_once", ["webhook_id", "change_key"])
    .execute();
  await db.schema
    .createIndex("notification_outbox_due")
    .on("notification_outbox")
    .columns(["status", "next_attempt_at"])
    .execute();
}
