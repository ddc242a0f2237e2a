import "server-only";
import { type ProcessTask, runChildTask } from "@/lib/server/testing/child-process";
import { drainJob } from "./drain";

export interface DrainTask extends ProcessTask {
  jobId: string;
  owner: string;
}

// Run by the claim concurrency tests as a separate process: drains the job, prints the report.
await runChildTask<DrainTask>((task, database) => drainJob(database, task));
