import "server-only";
import type { LicenseDiff, LicenseSnapshot } from "@/lib/api/reprocess";
import type { ItemOutcome, ItemState, JobStatus, PauseReason } from "@/lib/server/db/schema";

export type { ItemOutcome, ItemState, JobStatus, PauseReason };

/** A signed-in person, as the access token names them. */
export interface Actor {
  oid: string;
  name: string;
}

/** What the job page shows for a finished item. */
export interface OutcomeDetail {
  /** The outcome in words, as the single-user flow puts it (for still in error: the reason). */
  message?: string;
  /** Graph's answer when the write or the check failed. */
  graphError?: { status: number; code: string; message: string; requestId?: string | null };
  /** One line on what changed, e.g. "Office 365 E3 now active: 12 plans added". */
  diffSummary?: string;
}

/** What the history keeps of a verified item: the user before and after, and the diff. */
export interface ItemHistory {
  before: LicenseSnapshot | null;
  after: LicenseSnapshot | null;
  diff: LicenseDiff | null;
}

export interface NewJobItem {
  userId: string;
  upn: string;
  displayName: string;
}

export interface NewJob {
  /** Chosen by the caller when something must name the job before it is stored (its credential). */
  id?: string;
  tenantId: string;
  createdBy: Actor;
  selection: { description: string; criteria?: unknown };
  items: NewJobItem[];
  now: number;
  /** The rule that starts the job; `createdBy` is then the rule's owner. */
  ruleId?: string;
  /** Delegated mode: the creator's sealed sign-in, stored with the job so no worker sees it without. */
  credential?: { ciphertext: string; expiresAt: number };
}

export interface Job {
  id: string;
  tenantId: string;
  createdBy: Actor;
  createdAt: number;
  status: JobStatus;
  /** Set while paused. */
  pauseReason: PauseReason | null;
  selection: { description: string; criteria: unknown };
  totalItems: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface JobProgress {
  total: number;
  states: Record<ItemState, number>;
  /** Final items by outcome. */
  outcomes: Record<ItemOutcome, number>;
}

export interface JobSummary extends Job {
  progress: JobProgress;
}

export interface JobItem {
  id: number;
  jobId: string;
  userId: string;
  upn: string;
  displayName: string;
  state: ItemState;
  outcome: ItemOutcome | null;
  detail: OutcomeDetail | null;
  attempts: number;
  nextAttemptAt: number;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  writtenAt: number | null;
  finishedAt: number | null;
  updatedAt: number;
}

/** Proof that a worker holds an item: every change to a claimed item names its owner. */
export interface ItemLease {
  id: number;
  jobId: string;
  owner: string;
}

/** An item handed to a worker: "write" sends the reprocess; "verify" only checks (the write is recorded). */
export interface ClaimedItem extends ItemLease {
  phase: "write" | "verify";
  /** An earlier claim may have sent this item's write (a lease ran out, or a send failed without an answer). */
  mayHaveBeenSent: boolean;
  userId: string;
  upn: string;
  displayName: string;
  attempts: number;
  leaseExpiresAt: number;
  writtenAt: number | null;
}
