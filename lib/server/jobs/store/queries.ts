import "server-only";
import { sql } from "kysely";
import type { Database } from "@/lib/server/db/database";
import { ITEM_OUTCOMES, ITEM_STATES } from "@/lib/server/db/schema";
import { toJob, toJobItem } from "./rows";
import type { ItemOutcome, ItemState, JobItem, JobProgress, JobSummary } from "./types";

const emptyProgress = (): JobProgress => ({
  total: 0,
  states: Object.fromEntries(ITEM_STATES.map((state) => [state, 0])) as JobProgress["states"],
  outcomes: Object.fromEntries(ITEM_OUTCOMES.map((o) => [o, 0])) as JobProgress["outcomes"],
});

/** Item counts per state and outcome, for each of the given jobs. */
async function progressOf(database: Database, jobIds: string[]): Promise<Map<string, JobProgress>> {
  const progress = new Map(jobIds.map((id) => [id, emptyProgress()]));
  if (jobIds.length === 0) return progress;
  const rows = await database.kysely
    .selectFrom("job_items")
    .select((eb) => ["job_id", "state", "outcome", eb.fn.countAll<number>().as("count")])
    .where("job_id", "in", jobIds)
    .groupBy(["job_id", "state", "outcome"])
    .execute();
  for (const row of rows) {
    const counts = progress.get(row.job_id);
    if (!counts) continue;
    const count = row.count;
    counts.total += count;
    counts.states[row.state] += count;
    if (row.outcome) counts.outcomes[row.outcome] += count;
  }
  return progress;
}

export async function getJobProgress(database: Database, jobId: string): Promise<JobProgress> {
  return (await progressOf(database, [jobId])).get(jobId) ?? emptyProgress();
}

export async function getJob(database: Database, jobId: string): Promise<JobSummary | undefined> {
  const row = await database.kysely
    .selectFrom("jobs")
    .selectAll()
    .where("id", "=", jobId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...toJob(row), progress: await getJobProgress(database, jobId) };
}

/** Every unfinished job of the tenant and its `recent` latest finished ones, newest first. */
export async function listJobs(
  database: Database,
  { tenantId, recent = 20 }: { tenantId: string; recent?: number },
): Promise<JobSummary[]> {
  const jobs = database.kysely.selectFrom("jobs").selectAll().where("tenant_id", "=", tenantId);
  const [open, finished] = await Promise.all([
    jobs.where("status", "not in", ["completed", "cancelled"]).execute(),
    jobs
      .where("status", "in", ["completed", "cancelled"])
      .orderBy("created_at", "desc")
      .limit(recent)
      .execute(),
  ]);
  const rows = [...open, ...finished].sort((a, b) => b.created_at - a.created_at);
  const progress = await progressOf(
    database,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...toJob(row), progress: progress.get(row.id) ?? emptyProgress() }));
}

/** Items of each job finished (not cancelled) at or after `since`: the pace behind progress. */
export async function countFinishedSince(
  database: Database,
  jobIds: string[],
  since: number,
): Promise<Map<string, number>> {
  const counts = new Map(jobIds.map((id) => [id, 0]));
  if (jobIds.length === 0) return counts;
  const rows = await database.kysely
    .selectFrom("job_items")
    .select((eb) => ["job_id", eb.fn.countAll<number>().as("count")])
    .where("job_id", "in", jobIds)
    .where("state", "=", "final")
    .where("outcome", "!=", "cancelled")
    .where("finished_at", ">=", since)
    .groupBy("job_id")
    .execute();
  for (const row of rows) counts.set(row.job_id, row.count);
  return counts;
}

// LIKE wildcards in what someone typed match themselves.
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`;

export interface ListJobItemsOptions {
  states?: ItemState[];
  outcomes?: ItemOutcome[];
  /** Part of the display name or userPrincipalName, any case. */
  search?: string;
  /** Only items that changed at or after this time (epoch ms), for the events stream. */
  changedSince?: number;
  /** Paging: only items after this id (items keep the order of the selection). */
  afterId?: number;
  limit?: number;
}

/** A page of a job's items with the count of all that match, and where the next page starts. */
export async function listJobItems(
  database: Database,
  jobId: string,
  { states, outcomes, search, changedSince, afterId, limit = 100 }: ListJobItemsOptions = {},
): Promise<{ items: JobItem[]; total: number; nextAfterId: number | null }> {
  let matching = database.kysely.selectFrom("job_items").where("job_id", "=", jobId);
  if (states?.length) matching = matching.where("state", "in", states);
  if (outcomes?.length) matching = matching.where("outcome", "in", outcomes);
  if (changedSince !== undefined) matching = matching.where("updated_at", ">=", changedSince);
  if (search) {
    const pattern = likePattern(search);
    matching = matching.where((eb) =>
      eb.or([
        sql<boolean>`lower(display_name) like ${pattern} escape '\\'`,
        sql<boolean>`lower(upn) like ${pattern} escape '\\'`,
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    matching
      .selectAll()
      .$if(afterId !== undefined, (qb) => qb.where("id", ">", afterId ?? 0))
      .orderBy("id")
      .limit(limit + 1)
      .execute(),
    matching.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
  ]);
  const page = rows.slice(0, limit);
  return {
    items: page.map(toJobItem),
    total: count.count,
    nextAfterId: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
