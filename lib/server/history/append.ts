import "server-only";
import type { Kysely } from "kysely";
import { chunk } from "../async/pool";
import type { Database, DialectName } from "../db/database";
import type { Tables } from "../db/schema";
import { GENESIS_HASH, hashRecord, toHistoryBody } from "./body";
import type { HistoryDraft } from "./draft";

// About 20 parameters a record: 200 rows stay under both databases' bound-parameter limits.
const INSERT_CHUNK = 200;

export interface AppendedRecord {
  tenantId: string;
  seq: number;
  hash: string;
}

async function appendToChain(
  trx: Kysely<Tables>,
  dialect: DialectName,
  tenantId: string,
  drafts: HistoryDraft[],
  now: number,
): Promise<AppendedRecord[]> {
  // A concurrent first append waits on the other's row, then finds it.
  await trx
    .insertInto("history_chains")
    .values({ tenant_id: tenantId, head_seq: 0, head_hash: GENESIS_HASH, head_at: 0 })
    .onConflict((oc) => oc.column("tenant_id").doNothing())
    .execute();
  // SQLite's `begin immediate` already holds the write lock; PostgreSQL locks the head row.
  const head = await trx
    .selectFrom("history_chains")
    .select(["head_seq", "head_hash", "head_at"])
    .where("tenant_id", "=", tenantId)
    .$if(dialect === "postgres", (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
  let { head_seq: seq, head_hash: prevHash } = head;
  const at = Math.max(now, head.head_at);
  const records: Tables["history_records"][] = [];
  const terms: Tables["history_terms"][] = [];
  for (const draft of drafts) {
    seq += 1;
    const body = toHistoryBody(draft, { seq, at, prevHash });
    const hash = hashRecord(prevHash, body);
    const signed = JSON.parse(body) as { terms: { skuIds: string[]; codes: string[] } };
    records.push({
      tenant_id: tenantId,
      seq,
      at,
      action: draft.action,
      actor_kind: draft.actor.kind,
      actor_oid: draft.actor.oid,
      actor_name: draft.actor.name,
      rule_id: draft.actor.ruleId ?? null,
      target_user_id: draft.target?.userId.toLowerCase() ?? null,
      target_upn: draft.target?.upn.toLowerCase() ?? null,
      target_name: draft.target?.displayName ?? null,
      graph_mode: draft.graphMode ?? null,
      outcome: draft.outcome ?? null,
      job_id: draft.jobId ?? null,
      summary: draft.summary,
      body,
      prev_hash: prevHash,
      hash,
    });
    for (const skuId of signed.terms.skuIds)
      terms.push({ tenant_id: tenantId, term: `sku:${skuId}`, seq });
    for (const code of signed.terms.codes)
      terms.push({ tenant_id: tenantId, term: `code:${code}`, seq });
    prevHash = hash;
  }
  for (const part of chunk(records, INSERT_CHUNK))
    await trx.insertInto("history_records").values(part).execute();
  for (const part of chunk(terms, INSERT_CHUNK * 4))
    await trx.insertInto("history_terms").values(part).execute();
  await trx
    .updateTable("history_chains")
    .set({ head_seq: seq, head_hash: prevHash, head_at: at })
    .where("tenant_id", "=", tenantId)
    .execute();
  return records.map((r) => ({ tenantId, seq: r.seq, hash: r.hash }));
}

/**
 * Appends records inside the caller's transaction, after its other writes (the chain head is the last lock
 * a transaction takes), so a record commits with the change it describes or not at all.
 */
export async function appendHistory(
  trx: Kysely<Tables>,
  dialect: DialectName,
  drafts: readonly HistoryDraft[],
  now: number,
): Promise<AppendedRecord[]> {
  const byTenant = new Map<string, HistoryDraft[]>();
  for (const draft of drafts)
    byTenant.set(draft.tenantId, [...(byTenant.get(draft.tenantId) ?? []), draft]);
  const appended: AppendedRecord[] = [];
  for (const [tenantId, list] of [...byTenant].sort(([a], [b]) => a.localeCompare(b))) {
    appended.push(...(await appendToChain(trx, dialect, tenantId, list, now)));
  }
  return appended;
}

/** A write with nothing else to commit (a single reprocess): the record in a transaction of its own. */
export const recordHistory = (
  database: Database,
  drafts: readonly HistoryDraft[],
  now = Date.now(),
): Promise<AppendedRecord[]> =>
  database.kysely.transaction().execute((trx) => appendHistory(trx, database.dialect, drafts, now));
