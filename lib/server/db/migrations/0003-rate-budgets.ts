import "server-only";
import type { Kysely } from "kysely";

/** One token bucket row per limit and app+tenant, shared by every instance on the database. */
export async function createRateBudgets(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("rate_budgets")
    .addColumn("budget", "text", (col) => col.notNull())
    .addColumn("app_id", "text", (col) => col.notNull())
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("tokens", "double precision", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addColumn("blocked_until", "bigint", (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("rate_budgets_pk", ["budget", "app_id", "tenant_id"])
    .execute();
}
