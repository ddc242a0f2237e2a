import "server-only";
import type { Kysely } from "kysely";

/** Rules that act by themselves (reprocess when seats arrive), and which job a rule started. */
export async function createRules(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("rules")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("sku_id", "text", (col) => col.notNull())
    .addColumn("enabled", "integer", (col) => col.notNull())
    .addColumn("owner_oid", "text", (col) => col.notNull())
    .addColumn("owner_name", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addUniqueConstraint("rules_one_per_product", ["tenant_id", "sku_id"])
    .execute();
  await db.schema.alterTable("jobs").addColumn("rule_id", "text").execute();
}
