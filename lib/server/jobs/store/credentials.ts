import "server-only";
import type { Database } from "@/lib/server/db/database";

export interface StoredCredential {
  jobId: string;
  ciphertext: string;
  expiresAt: number;
}

/** Stores or replaces a job's encrypted credential. */
export async function saveJobCredential(
  database: Database,
  { jobId, ciphertext, expiresAt, now }: StoredCredential & { now: number },
): Promise<void> {
  await database.kysely
    .insertInto("job_credentials")
    .values({ job_id: jobId, ciphertext, expires_at: expiresAt, updated_at: now })
    .onConflict((oc) =>
      oc.column("job_id").doUpdateSet({ ciphertext, expires_at: expiresAt, updated_at: now }),
    )
    .execute();
}

export async function readJobCredential(
  database: Database,
  jobId: string,
): Promise<StoredCredential | undefined> {
  const row = await database.kysely
    .selectFrom("job_credentials")
    .select(["job_id", "ciphertext", "expires_at"])
    .where("job_id", "=", jobId)
    .executeTakeFirst();
  return row && { jobId: row.job_id, ciphertext: row.ciphertext, expiresAt: row.expires_at };
}

/** The creator's unfinished jobs whose stored credential expires before `expiresAt` (or is missing). */
export async function jobsWithOlderCredential(
  database: Database,
  { tenantId, creatorOid, expiresAt }: { tenantId: string; creatorOid: string; expiresAt: number },
): Promise<{ id: string; pauseReason: string | null }[]> {
  const rows = await database.kysely
    .selectFrom("jobs")
    .leftJoin("job_credentials", "job_credentials.job_id", "jobs.id")
    .select(["jobs.id", "jobs.pause_reason"])
    .where("jobs.tenant_id", "=", tenantId)
    .where("jobs.created_by_oid", "=", creatorOid)
    .where("jobs.status", "not in", ["completed", "cancelled"])
    .where((eb) =>
      eb.or([
        eb("job_credentials.expires_at", "is", null),
        eb("job_credentials.expires_at", "<", expiresAt),
        // A worker may have paused it just before this sign-in was stored: it is resumed all the same.
        eb("jobs.pause_reason", "=", "sign_in_required"),
      ]),
    )
    .execute();
  return rows.map((row) => ({ id: row.id, pauseReason: row.pause_reason }));
}
