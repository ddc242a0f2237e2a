import "server-only";
import type { Kysely } from "kysely";

/**
 * A page reads its records' terms by `seq`, and verification reads them by a range of `seq`; the terms'
 * primary key starts with the term, so PostgreSQL scanned every term of the tenant for each page.
 */
export async function addHistoryIndexes(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("history_terms_seq")
    .on("history_terms")
    .columns(["tenant_id", "seq"])
    .execute();
}
