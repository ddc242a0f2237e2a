// The history scenario's rows: a tenant of N records over two years (and a small second tenant), computed
// in Node with the app's own body and hash, so the chains verify. Deterministic: the same spec, the same rows.
import { GENESIS_HASH, hashRecord, toHistoryBody } from "@/lib/server/history/body";
import { Drafts } from "./drafts";
import {
  BENCH_TENANT,
  END_AT,
  OTHER_TENANT,
  type Population,
  population,
  random,
  START_AT,
} from "./population";

/** Bumped whenever the rows change: the cached SQLite file is keyed by it. */
export const GENERATOR_VERSION = 1;

export interface GeneratedRows {
  /** history_records rows, columns in RECORD_COLUMNS order. */
  records: unknown[][];
  /** history_terms rows: tenant_id, term, seq. */
  terms: unknown[][];
  bodyBytes: number;
}

export const RECORD_COLUMNS = [
  "tenant_id",
  "seq",
  "at",
  "action",
  "actor_kind",
  "actor_oid",
  "actor_name",
  "rule_id",
  "target_user_id",
  "target_upn",
  "target_name",
  "graph_mode",
  "outcome",
  "job_id",
  "summary",
  "body",
  "prev_hash",
  "hash",
] as const;

export interface HistorySpec {
  /** Records of the bench tenant. */
  records: number;
  /** Records of the other tenant. */
  otherRecords: number;
}

/** One tenant's chain: drafts drawn one after another, `at` spread evenly over the two years. */
class Chain {
  seq = 0;
  prevHash = GENESIS_HASH;
  at = START_AT;
  private readonly drafts: Drafts;

  constructor(
    readonly tenantId: string,
    readonly total: number,
    private readonly rand: () => number,
    people: Population,
  ) {
    this.drafts = new Drafts(tenantId, rand, people);
  }

  /** When the next record is written: never earlier than the one before. */
  nextAt(): number {
    return (
      START_AT + Math.floor(((this.seq + this.rand() * 0.9) * (END_AT - START_AT)) / this.total)
    );
  }

  next(at: number, out: GeneratedRows): void {
    this.seq += 1;
    this.at = at;
    const draft = this.drafts.next(new Date(at).toISOString());
    const body = toHistoryBody(draft, { seq: this.seq, at, prevHash: this.prevHash });
    const hash = hashRecord(this.prevHash, body);
    out.records.push([
      this.tenantId,
      this.seq,
      at,
      draft.action,
      draft.actor.kind,
      draft.actor.oid,
      draft.actor.name,
      draft.actor.ruleId ?? null,
      draft.target?.userId.toLowerCase() ?? null,
      draft.target?.upn.toLowerCase() ?? null,
      draft.target?.displayName ?? null,
      draft.graphMode ?? null,
      draft.outcome ?? null,
      draft.jobId ?? null,
      draft.summary,
      body,
      this.prevHash,
      hash,
    ]);
    // As append.ts: the terms are the signed body's (lower-cased, de-duplicated).
    for (const skuId of new Set(draft.terms?.skuIds.map((s) => s.toLowerCase())))
      out.terms.push([this.tenantId, `sku:${skuId}`, this.seq]);
    for (const code of new Set(draft.terms?.codes))
      out.terms.push([this.tenantId, `code:${code}`, this.seq]);
    out.bodyBytes += Buffer.byteLength(body);
    this.prevHash = hash;
  }
}

/**
 * The rows in batches of about `batch` records, both tenants interleaved in time as they would be written;
 * `heads` gives each chain's head once the generator is done.
 */
export function* generateHistory(
  spec: HistorySpec,
  batch = 10_000,
): Generator<
  GeneratedRows,
  { tenant_id: string; head_seq: number; head_hash: string; head_at: number }[]
> {
  const people = population();
  const chains = [
    new Chain(BENCH_TENANT, spec.records, random(1), people),
    new Chain(OTHER_TENANT, spec.otherRecords, random(2), people),
  ].filter((c) => c.total > 0);
  const nextAt = chains.map((c) => c.nextAt());
  let out: GeneratedRows = { records: [], terms: [], bodyBytes: 0 };
  for (;;) {
    let i = -1;
    for (let k = 0; k < chains.length; k++)
      if (chains[k]!.seq < chains[k]!.total && (i === -1 || nextAt[k]! < nextAt[i]!)) i = k;
    if (i === -1) break;
    chains[i]!.next(nextAt[i]!, out);
    nextAt[i] = chains[i]!.nextAt();
    if (out.records.length >= batch) {
      yield out;
      out = { records: [], terms: [], bodyBytes: 0 };
    }
  }
  if (out.records.length > 0) yield out;
  return chains.map((c) => ({
    tenant_id: c.tenantId,
    head_seq: c.seq,
    head_hash: c.prevHash,
    head_at: c.at,
  }));
}
