import "server-only";
import type { Kysely } from "kysely";
import type { HistoryFilters, HistoryRecordView } from "@/lib/api/history";
import type { Database } from "../db/database";
import type { HistoryRecordsTable, Tables } from "../db/schema";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The columns a page shows; the body only when its detail is asked for. */
const VIEW_COLUMNS = [
  "r.seq",
  "r.at",
  "r.action",
  "r.actor_kind",
  "r.actor_oid",
  "r.actor_name",
  "r.rule_id",
  "r.target_user_id",
  "r.target_upn",
  "r.target_name",
  "r.graph_mode",
  "r.outcome",
  "r.job_id",
  "r.summary",
  "r.hash",
] as const;

type ViewRow = Pick<
  HistoryRecordsTable,
  (typeof VIEW_COLUMNS)[number] extends `r.${infer C}` ? C & keyof HistoryRecordsTable : never
>;

/**
 * A date range as a range of `seq`: `at` never goes back along a chain, so the first record at or after
 * `from` in `at` order has the lowest `seq` of the range: one probe of the `at` index each end. (`min(seq)`
 * over `at >= from` read every record of the range, a million for "since a year ago".)
 */
async function seqRange(db: Kysely<Tables>, tenantId: string, { from, to }: HistoryFilters) {
  let low = 1;
  let high = Number.MAX_SAFE_INTEGER;
  if (from) {
    const row = await db
      .selectFrom("history_records")
      .select("seq")
      .where("tenant_id", "=", tenantId)
      .where("at", ">=", Date.parse(from))
      .orderBy("at")
      .orderBy("seq")
      .limit(1)
      .executeTakeFirst();
    low = row ? Number(row.seq) : Number.MAX_SAFE_INTEGER;
  }
  if (to) {
    const row = await db
      .selectFrom("history_records")
      .select("seq")
      .where("tenant_id", "=", tenantId)
      .where("at", "<", Date.parse(to))
      .orderBy("at", "desc")
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    high = row ? Number(row.seq) : 0;
  }
  return { low, high };
}

/**
 * One page of a tenant's records matching the filters, newest first, below `beforeSeq`. A product or code
 * filter drives the read from its term index; the rest are conditions on the records' own indexes.
 */
export async function readHistoryPage(
  database: Database,
  tenantId: string,
  filters: HistoryFilters,
  { beforeSeq, limit, withBody = false }: { beforeSeq?: number; limit: number; withBody?: boolean },
): Promise<(ViewRow & { body?: string; terms: string[] })[]> {
  const db = database.kysely;
  const { low, high } = await seqRange(db, tenantId, filters);
  const top = Math.min(high, (beforeSeq ?? Number.MAX_SAFE_INTEGER) - 1);
  if (top < low) return [];
  const terms = [
    ...(filters.product ? [`sku:${filters.product.toLowerCase()}`] : []),
    ...(filters.code ? [`code:${filters.code}`] : []),
  ];
  const [driving, ...others] = terms;
  let query = driving
    ? db
        .selectFrom("history_terms as t")
        .innerJoin("history_records as r", (join) =>
          join.onRef("r.tenant_id", "=", "t.tenant_id").onRef("r.seq", "=", "t.seq"),
        )
        .where("t.tenant_id", "=", tenantId)
        .where("t.term", "=", driving)
        .where("t.seq", ">=", low)
        .where("t.seq", "<=", top)
        .orderBy("t.seq", "desc")
    : db
        .selectFrom("history_records as r")
        .where("r.tenant_id", "=", tenantId)
        .where("r.seq", ">=", low)
        .where("r.seq", "<=", top)
        .orderBy("r.seq", "desc");
  for (const term of others) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("history_terms as o")
          .select("o.seq")
          .whereRef("o.tenant_id", "=", "r.tenant_id")
          .whereRef("o.seq", "=", "r.seq")
          .where("o.term", "=", term),
      ),
    );
  }
  if (filters.user) {
    query = GUID.test(filters.user)
      ? query.where("r.target_user_id", "=", filters.user.toLowerCase())
      : query.where("r.target_upn", "=", filters.user.toLowerCase());
  }
  if (filters.actor) query = query.where("r.actor_oid", "=", filters.actor.toLowerCase());
  if (filters.action) query = query.where("r.action", "=", filters.action);
  if (filters.outcome) query = query.where("r.outcome", "=", filters.outcome);
  const rows = await query
    .select([...VIEW_COLUMNS])
    .$if(withBody, (q) => q.select("r.body"))
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const seqs = rows.map((r) => r.seq);
  const termRows = await db
    .selectFrom("history_terms")
    .select(["seq", "term"])
    .where("tenant_id", "=", tenantId)
    .where("seq", "in", seqs)
    .execute();
  const termsOf = new Map<number, string[]>();
  for (const t of termRows) termsOf.set(t.seq, [...(termsOf.get(t.seq) ?? []), t.term]);
  return rows.map((row) => ({
    ...(row as ViewRow & { body?: string }),
    terms: termsOf.get(row.seq) ?? [],
  }));
}

/** A record as the API shows it. */
export function toHistoryView(row: ViewRow & { terms: string[] }): HistoryRecordView {
  const terms = [...row.terms].sort();
  return {
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    action: row.action as HistoryRecordView["action"],
    actor: {
      kind: row.actor_kind as HistoryRecordView["actor"]["kind"],
      oid: row.actor_oid,
      name: row.actor_name,
      ruleId: row.rule_id,
    },
    target: row.target_user_id
      ? {
          userId: row.target_user_id,
          upn: row.target_upn ?? "",
          displayName: row.target_name ?? "",
        }
      : null,
    graphMode: row.graph_mode,
    outcome: row.outcome,
    jobId: row.job_id,
    summary: row.summary,
    terms: {
      skuIds: terms.filter((t) => t.startsWith("sku:")).map((t) => t.slice(4)),
      codes: terms.filter((t) => t.startsWith("code:")).map((t) => t.slice(5)),
    },
    hash: row.hash,
  };
}
