import "server-only";
import type { Kysely } from "kysely";

/** Graph's request-id of an item's reprocess call, kept from the write until its outcome is recorded. */
export async function addJobWriteRequestId(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("job_items").addColumn("write_request_id", "text").execute();
}
