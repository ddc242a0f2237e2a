import "server-only";
import { createHash } from "node:crypto";
import type { HistoryDraft } from "./draft";

/** The hash before a chain's first record. */
export const GENESIS_HASH = "0".repeat(64);

/** Bumped when the body's shape changes; old records keep theirs, since the hash covers the stored text. */
const BODY_VERSION = 1;

export interface ChainPosition {
  seq: number;
  at: number;
  prevHash: string;
}

const lower = (values: readonly string[]) =>
  [...new Set(values.map((v) => v.toLowerCase()))].sort();

/** The signed JSON of a record, keys in a fixed order, so the same draft always gives the same text. */
export function toHistoryBody(draft: HistoryDraft, { seq, at, prevHash }: ChainPosition): string {
  return JSON.stringify({
    v: BODY_VERSION,
    tenantId: draft.tenantId,
    seq,
    at,
    prevHash,
    action: draft.action,
    actor: {
      kind: draft.actor.kind,
      oid: draft.actor.oid,
      name: draft.actor.name,
      ruleId: draft.actor.ruleId ?? null,
    },
    target: draft.target
      ? {
          userId: draft.target.userId.toLowerCase(),
          upn: draft.target.upn.toLowerCase(),
          displayName: draft.target.displayName,
        }
      : null,
    graphMode: draft.graphMode ?? null,
    outcome: draft.outcome ?? null,
    jobId: draft.jobId ?? null,
    summary: draft.summary,
    terms: {
      skuIds: lower(draft.terms?.skuIds ?? []),
      codes: [...new Set(draft.terms?.codes ?? [])].sort(),
    },
    detail: draft.detail ?? null,
  });
}

/** A record's hash: over the previous hash and the stored body text, so nothing is ever re-serialized to check it. */
export const hashRecord = (prevHash: string, body: string): string =>
  createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
