import "server-only";
import { type ProcessTask, runChildTask } from "@/lib/server/testing/child-process";
import { databasePacer, type PacerOptions } from "../pacer";

export interface TakeTask extends ProcessTask {
  pacer: PacerOptions;
  batch: number;
  now: number;
}

// Run by the pacer's concurrency test as a separate process: takes writes until refused, prints how many.
await runChildTask<TakeTask>(async (task, database) => {
  const pacer = databasePacer(database, { ...task.pacer, clock: () => task.now });
  const cost = { resourceUnits: 0, writes: task.batch };
  let taken = 0;
  while ((await pacer.tryTake(cost, "bulk")) === 0) taken += task.batch;
  return taken;
});
