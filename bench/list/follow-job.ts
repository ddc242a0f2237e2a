// Follows a job as its page does, by polling `GET /api/jobs/{id}`, until it finishes or time runs out.
import { isFinished, type JobsClient } from "@/e2e/support/jobs-client";
import type { JobView } from "@/lib/api/jobs";
import { sleep } from "@/lib/testing/wait";

/** The page polls about this often; each call also renews the creator's stored token. */
const POLL_MS = 2_000;

/** The job's last view: finished, or as it stood at `deadline` (epoch ms). */
export async function followJob(
  client: JobsClient,
  id: string,
  { deadline, onView }: { deadline: number; onView?: (job: JobView) => void },
): Promise<JobView> {
  for (;;) {
    const job = await client.get(id);
    onView?.(job);
    if (isFinished(job) || Date.now() >= deadline) return job;
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
  }
}
