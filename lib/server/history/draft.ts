import "server-only";
import type { HistoryAction, HistoryActorKind } from "@/lib/api/history";

/** Who a record names: from the verified token, never from a request body; a rule names its owner. */
export interface HistoryActor {
  kind: HistoryActorKind;
  oid: string;
  name: string;
  ruleId?: string;
}

/** The user a write was about. */
export interface HistoryTarget {
  userId: string;
  upn: string;
  displayName: string;
}

/** What a caller knows about one write; sequence, time and hashes are added under the chain's lock. */
export interface HistoryDraft {
  tenantId: string;
  action: HistoryAction;
  actor: HistoryActor;
  target?: HistoryTarget;
  /** How Graph was called: as the person (delegated) or as the app; absent when Graph was not. */
  graphMode?: "delegated" | "app-only";
  outcome?: string;
  jobId?: string;
  /** One line for tables and the CSV. */
  summary: string;
  /** Products (skuIds) and Graph error codes the record is about, for filtering. */
  terms?: { skuIds: string[]; codes: string[] };
  detail?: unknown;
}

/** Licensedesk itself, e.g. pausing a job whose creator's sign-in expired. */
export const SYSTEM_HISTORY_ACTOR: HistoryActor = {
  kind: "system",
  oid: "licensedesk",
  name: "Licensedesk",
};
