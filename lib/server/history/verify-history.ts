import "server-only";
import type { Database } from "../db/database";
import type { HistoryRecordsTable } from "../db/schema";
import { GENESIS_HASH, hashRecord } from "./body";

// Read in pages of the primary key, so a chain of millions never sits in memory at once.
const PAGE = 5_000;

/** A record's hash someone kept outside the database (a ticket, a log): it must still be there, unchanged. */
export interface HistoryAnchor {
  seq: number;
  hash: string;
}

export interface ChainReport {
  tenantId: string;
  records: number;
  firstSeq: number | null;
  head: { seq: number; hash: string };
  /** What is wrong, one line each, oldest first. */
  problems: string[];
}

interface SignedBody {
  tenantId: string;
  seq: number;
  at: number;
  action: string;
  actor: { kind: string; oid: string; name: string; ruleId: string | null };
  target: { userId: string; upn: string; displayName: string } | null;
  graphMode: string | null;
  outcome: string | null;
  jobId: string | null;
  summary: string;
  terms: { skuIds: string[]; codes: string[] };
  detail: unknown;
}

/** Each column the app filters on must say what the signed body says: an edited column is tampering too. */
const PROJECTIONS: [keyof HistoryRecordsTable, (b: SignedBody) => unknown][] = [
  ["at", (b) => b.at],
  ["action", (b) => b.action],
  ["actor_kind", (b) => b.actor.kind],
  ["actor_oid", (b) => b.actor.oid],
  ["actor_name", (b) => b.actor.name],
  ["rule_id", (b) => b.actor.ruleId],
  ["target_user_id", (b) => b.target?.userId ?? null],
  ["target_upn", (b) => b.target?.upn ?? null],
  ["target_name", (b) => b.target?.displayName ?? null],
  ["graph_mode", (b) => b.graphMode],
  ["outcome", (b) => b.outcome],
  ["job_id", (b) => b.jobId],
  ["summary", (b) => b.summary],
];

const termsOf = (body: SignedBody) =>
  [...body.terms.skuIds.map((s) => `sku:${s}`), ...body.terms.codes.map((c) => `code:${c}`)].sort();

function checkRecord(
  row: HistoryRecordsTable,
  expected: { seq: number; prevHash: string },
  terms: string[],
  problems: string[],
): void {
  const at = `seq ${row.seq}`;
  if (row.seq !== expected.seq) {
    const gap = row.seq - expected.seq;
    problems.push(
      gap > 0
        ? `seq ${expected.seq}${gap > 1 ? `–${row.seq - 1}` : ""}: missing (${gap} record${gap > 1 ? "s" : ""} removed)`
        : `${at}: out of order after seq ${expected.seq - 1}`,
    );
  }
  if (row.prev_hash !== expected.prevHash)
    problems.push(`${at}: does not follow the record before it (its previous hash differs)`);
  if (hashRecord(row.prev_hash, row.body) !== row.hash) {
    problems.push(`${at}: hash does not match the body (record edited)`);
  }
  let body: SignedBody;
  try {
    body = JSON.parse(row.body) as SignedBody;
  } catch {
    problems.push(`${at}: the body is not JSON`);
    return;
  }
  if (body.seq !== row.seq || body.tenantId !== row.tenant_id) {
    problems.push(`${at}: the signed body names seq ${body.seq} of tenant ${body.tenantId}`);
  }
  for (const [column, value] of PROJECTIONS) {
    if (row[column] !== value(body)) {
      problems.push(
        `${at}: column ${column} is ${JSON.stringify(row[column])}, the signed body says ${JSON.stringify(value(body))}`,
      );
    }
  }
  if (JSON.stringify(terms) !== JSON.stringify(termsOf(body))) {
    problems.push(
      `${at}: its filter terms (${terms.join(", ") || "none"}) differ from the signed body's`,
    );
  }
}

async function verifyChain(
  database: Database,
  chain: { tenant_id: string; head_seq: number; head_hash: string; expired_through: number },
  anchors: readonly HistoryAnchor[],
): Promise<ChainReport> {
  const db = database.kysely;
  const tenantId = chain.tenant_id;
  const problems: string[] = [];
  const start = chain.expired_through;
  let expected = { seq: start + 1, prevHash: GENESIS_HASH };
  if (start > 0) {
    // Retention moved the start: the newest expiry record names the hash the chain now starts after.
    const expiry = await db
      .selectFrom("history_records")
      .select("body")
      .where("tenant_id", "=", tenantId)
      .where("action", "=", "history.expired")
      .orderBy("seq", "desc")
      .executeTakeFirst();
    const through = expiry
      ? (JSON.parse(expiry.body) as { detail: { throughSeq: number; throughHash: string } }).detail
      : null;
    if (!through || through.throughSeq !== start) {
      problems.push(`seq 1–${start}: removed with no expiry record that covers them`);
    } else {
      expected = { seq: start + 1, prevHash: through.throughHash };
    }
  }
  let records = 0;
  let firstSeq: number | null = null;
  const seen = new Map<number, string>();
  const wanted = new Set(anchors.map((a) => a.seq));
  for (let after = start; ;) {
    const rows = await db
      .selectFrom("history_records")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    const last = rows.at(-1)!.seq;
    const termRows = await db
      .selectFrom("history_terms")
      .select(["seq", "term"])
      .where("tenant_id", "=", tenantId)
      .where("seq", ">", after)
      .where("seq", "<=", last)
      .execute();
    const terms = new Map<number, string[]>();
    for (const t of termRows) terms.set(t.seq, [...(terms.get(t.seq) ?? []), t.term]);
    for (const row of rows) {
      firstSeq ??= row.seq;
      checkRecord(row, expected, (terms.get(row.seq) ?? []).sort(), problems);
      if (wanted.has(row.seq)) seen.set(row.seq, row.hash);
      expected = { seq: row.seq + 1, prevHash: row.hash };
      records++;
    }
    after = last;
  }
  const tail = { seq: expected.seq - 1, hash: expected.prevHash };
  if (chain.head_seq !== tail.seq || (records > 0 && chain.head_hash !== tail.hash)) {
    problems.push(
      `head says seq ${chain.head_seq}, the last record is seq ${tail.seq}${chain.head_seq > tail.seq ? " (records removed from the end)" : ""}`,
    );
  }
  for (const anchor of anchors) {
    if (anchor.seq <= start) continue;
    const hash = seen.get(anchor.seq);
    if (hash !== anchor.hash.toLowerCase()) {
      problems.push(
        `seq ${anchor.seq}: ${hash ? "its hash differs from the anchor kept outside" : "the anchored record is gone"}`,
      );
    }
  }
  return {
    tenantId,
    records,
    firstSeq,
    head: { seq: chain.head_seq, hash: chain.head_hash },
    problems,
  };
}

/** Checks every tenant's chain from its start to its head, and any anchors kept outside the database. */
export async function verifyHistory(
  database: Database,
  { anchors = [] }: { anchors?: readonly HistoryAnchor[] } = {},
): Promise<ChainReport[]> {
  const chains = await database.kysely
    .selectFrom("history_chains")
    .selectAll()
    .orderBy("tenant_id")
    .execute();
  const reports: ChainReport[] = [];
  for (const chain of chains) reports.push(await verifyChain(database, chain, anchors));
  // Records of a tenant with no head: someone removed the head row.
  const orphans = await database.kysely
    .selectFrom("history_records")
    .select("tenant_id")
    .distinct()
    .where("tenant_id", "not in", chains.length ? chains.map((c) => c.tenant_id) : [""])
    .execute();
  for (const { tenant_id } of orphans) {
    reports.push({
      tenantId: tenant_id,
      records: 0,
      firstSeq: null,
      head: { seq: 0, hash: GENESIS_HASH },
      problems: ["the chain's head is gone (its records remain, unverified)"],
    });
  }
  return reports;
}
