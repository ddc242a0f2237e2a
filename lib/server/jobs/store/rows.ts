import "server-only";
import type { Selectable } from "kysely";
import type { JobItemsTable, JobsTable } from "@/lib/server/db/schema";
import type { Job, JobItem, OutcomeDetail } from "./types";

const parseJson = <T>(text: string | null): T | null =>
  text === null ? null : (JSON.parse(text) as T);

export const toJob = (row: Selectable<JobsTable>): Job => ({
  id: row.id,
  tenantId: row.tenant_id,
  createdBy: { oid: row.created_by_oid, name: row.created_by_name },
  createdAt: row.created_at,
  status: row.status,
  pauseReason: row.pause_reason,
  selection: {
    description: row.selection_description,
    criteria: parseJson<unknown>(row.selection_criteria),
  },
  totalItems: row.total_items,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

export const toJobItem = (row: Selectable<JobItemsTable>): JobItem => ({
  id: row.id,
  jobId: row.job_id,
  userId: row.user_id,
  upn: row.upn,
  displayName: row.display_name,
  state: row.state,
  outcome: row.outcome,
  detail: parseJson<OutcomeDetail>(row.outcome_detail),
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  leaseOwner: row.lease_owner,
  leaseExpiresAt: row.lease_expires_at,
  writtenAt: row.written_at,
  finishedAt: row.finished_at,
  updatedAt: row.updated_at,
});
