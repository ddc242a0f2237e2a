import "server-only";
import { type ProcessTask, runChildTask } from "@/lib/server/testing/child-process";
import { adminChangeBucket, type AdminKey } from "../admin-change-limit";

export interface SpendTask extends ProcessTask {
  admin: AdminKey;
  now: number;
}

// Run by the change limit's test as another app instance: spends the admin's changes until refused, prints how many.
await runChildTask<SpendTask>(async (task, database) => {
  const bucket = adminChangeBucket(database, task.admin);
  let spent = 0;
  while ((await bucket.take(1, task.now)) === 0) spent += 1;
  return spent;
});
