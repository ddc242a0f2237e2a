import "server-only";
import type { Database } from "@/lib/server/db/database";
import type { JobStatus } from "@/lib/server/db/schema";

/** The job's status now, or undefined when it is gone. */
export async function readJobStatus(
  database: Database,
  jobId: string,
): Promise<JobStatus | undefined> {
  const row = await database.kysely
    .selectFrom("jobs")
    .select("status")
    .where("id", "=", jobId)
    .executeTakeFirst();
  return row?.status;
}

/** Only queued and running jobs send new writes; paused and cancelled ones only finish checking. */
export const acceptsWrites = (status: JobStatus | undefined) =>
  status === "queued" || status === "running";
