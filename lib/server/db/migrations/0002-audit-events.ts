import "server-only";
import type { Kysely } from "kysely";
import type { DialectName } from "../database";
import { identityColumn } from "./identity-column";

/** Who did what, append-only. */
export async function createAuditEvents(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable("audit_events")
    .$call(identityColumn(dialect))
    .addColumn("at", "bigint", (col) => col.notNull())
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("actor_oid", "text", (col) => col.notNull())
    .addColumn("actor_name", "text", (col) => col.notNull())
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("target_type", "text", (col) => col.notNull())
    .addColumn("target_id", "text", (col) => col.notNull())
    .addColumn("detail", "text")
    .execute();
  await db.schema
    .createIndex("audit_events_target")
    .on("audit_events")
    .columns(["target_type", "target_id", "id"])
    .execute();
  await db.schema
    .createIndex("audit_events_tenant")
    .on("audit_events")
    .columns(["tenant_id", "id"])
    .execute();
}
