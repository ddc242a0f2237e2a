import "server-only";
import type { Generated } from "kysely";
import {
  type ItemOutcomeValue,
  itemOutcomeSchema,
  type ItemStateValue,
  itemStateSchema,
  type JobStatusValue,
  jobStatusSchema,
  type PauseReason,
  pauseReasonSchema,
} from "@/lib/api/jobs";

// Times are epoch milliseconds in BIGINT columns: one comparable representation on both dialects.
// JSON columns are TEXT holding JSON, so both dialects store and return the same string.

// The stored values are the API's: one list, so the database and the browser never disagree.
export const JOB_STATUSES = jobStatusSchema.options;
export type JobStatus = JobStatusValue;

export const ITEM_STATES = itemStateSchema.options;
export type ItemState = ItemStateValue;

export const ITEM_OUTCOMES = itemOutcomeSchema.options;
export type ItemOutcome = ItemOutcomeValue;

export const PAUSE_REASONS = pauseReasonSchema.options;
export type { PauseReason };

export interface JobsTable {
  id: string;
  tenant_id: string;
  created_by_oid: string;
  created_by_name: string;
  created_at: number;
  status: JobStatus;
  selection_description: string;
  /** JSON: the filter or group behind the selection, as the client described it. */
  selection_criteria: string | null;
  total_items: number;
  started_at: number | null;
  finished_at: number | null;
  /** Round-robin position: the job served longest ago has the lowest turn. */
  claim_turn: Generated<number>;
  /** Set while paused: by someone, or because delegated mode needs the creator to sign in again. */
  pause_reason: PauseReason | null;
  /** The rule that started it; its creator is then the rule's owner. */
  rule_id: string | null;
}

export interface JobItemsTable {
  id: Generated<number>;
  job_id: string;
  user_id: string;
  upn: string;
  display_name: string;
  state: Generated<ItemState>;
  outcome: ItemOutcome | null;
  /** JSON: the reason in words, Graph's error, the diff summary. */
  outcome_detail: string | null;
  attempts: Generated<number>;
  next_attempt_at: Generated<number>;
  lease_owner: string | null;
  lease_expires_at: number | null;
  written_at: number | null;
  finished_at: number | null;
  /** When the item last changed (claim, write, finish, retry, cancel): the events stream's cursor. */
  updated_at: Generated<number>;
  /** Graph's request-id of the reprocess call, for the history. */
  write_request_id: string | null;
}

/** One write, append-only, chained per tenant by hash (lib/server/history). */
export interface HistoryRecordsTable {
  tenant_id: string;
  /** 1, 2, 3… per tenant, no gaps. */
  seq: number;
  /** Never earlier than the record before, so a date range is a range of `seq`. */
  at: number;
  action: string;
  actor_kind: string;
  actor_oid: string;
  actor_name: string;
  rule_id: string | null;
  target_user_id: string | null;
  target_upn: string | null;
  target_name: string | null;
  graph_mode: string | null;
  outcome: string | null;
  job_id: string | null;
  summary: string;
  /** The signed JSON; the columns above are projections of it that verification checks. */
  body: string;
  prev_hash: string;
  hash: string;
}

/** A product (`sku:{skuId}`) or error code (`code:{code}`) a record is about, for filtering. */
export interface HistoryTermsTable {
  tenant_id: string;
  term: string;
  seq: number;
}

/** Each tenant's chain head: appends lock this row, and it only moves forward. */
export interface HistoryChainsTable {
  tenant_id: string;
  head_seq: number;
  head_hash: string;
  head_at: number;
  /** Retention removed records up to this `seq`; the chain starts after it. */
  expired_through: Generated<number>;
}

export interface RateBudgetsTable {
  /** Which limit this bucket models, e.g. "graph-writes". */
  budget: string;
  app_id: string;
  tenant_id: string;
  tokens: number;
  updated_at: number;
  /** Graph answered 429 with Retry-After: nobody spends before this time. */
  blocked_until: Generated<number>;
}

/** Delegated mode: the creator's API access token (the on-behalf-of assertion), encrypted. */
export interface JobCredentialsTable {
  job_id: string;
  ciphertext: string;
  /** When the token expires; after that the job waits for its creator to sign in again. */
  expires_at: number;
  updated_at: number;
}

/** One leader among instances for scheduled work; `fence` grows with every new holder. */
export interface SchedulerLeasesTable {
  name: string;
  holder: string;
  fence: number;
  expires_at: number;
}

export interface WatchSettingsTable {
  tenant_id: string;
  /** 1 or 0. */
  enabled: number;
  interval_minutes: number;
  /** "Check now": a run is due when this is later than the last run's start. */
  run_requested_at: number | null;
  /** When it was last turned on: the first run after that sets a new baseline, telling nobody. */
  enabled_since: number | null;
  updated_by_oid: string;
  updated_at: number;
}

/** The errors the watch last saw, one per user, product and source. */
export interface WatchErrorsTable {
  tenant_id: string;
  user_id: string;
  sku_id: string;
  /** The group's id, or "direct". */
  source: string;
  code: string;
  upn: string;
  display_name: string;
  product_name: string;
  group_name: string | null;
  first_seen_at: number;
}

export interface WatchRunsTable {
  id: Generated<number>;
  tenant_id: string;
  started_at: number;
  finished_at: number;
  appeared: number;
  cleared: number;
  fence: number;
}

/** A place notifications go; its URL (the secret) is sealed and never shown again. */
export interface WebhooksTable {
  id: string;
  tenant_id: string;
  name: string;
  kind: "json" | "teams";
  ciphertext: string;
  /** `https://host/…`, all that is ever shown of the URL. */
  target_hint: string;
  created_by_oid: string;
  created_by_name: string;
  created_at: number;
}

/** A notification owed to a webhook: one per change and webhook (unique), retried until delivered or given up. */
export interface NotificationOutboxTable {
  id: Generated<number>;
  tenant_id: string;
  webhook_id: string;
  change_key: string;
  /** JSON: the digest, before it is shaped for the webhook's kind. */
  payload: string;
  status: "pending" | "delivered" | "failed";
  attempts: Generated<number>;
  next_attempt_at: number;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

/** Reprocess the users waiting for a product when its seats are free; one per product, owned by who turned it on. */
export interface RulesTable {
  id: string;
  tenant_id: string;
  sku_id: string;
  /** 1 or 0. */
  enabled: number;
  owner_oid: string;
  owner_name: string;
  created_at: number;
  updated_at: number;
}

export interface Tables {
  jobs: JobsTable;
  job_items: JobItemsTable;
  history_records: HistoryRecordsTable;
  history_terms: HistoryTermsTable;
  history_chains: HistoryChainsTable;
  scheduler_leases: SchedulerLeasesTable;
  watch_settings: WatchSettingsTable;
  watch_errors: WatchErrorsTable;
  watch_runs: WatchRunsTable;
  webhooks: WebhooksTable;
  notification_outbox: NotificationOutboxTable;
  rules: RulesTable;
  rate_budgets: RateBudgetsTable;
  job_credentials: JobCredentialsTable;
}
