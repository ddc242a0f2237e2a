import "server-only";
import { openDatabase } from "../../db/open";
import { databasePacer } from "@/lib/server/graph/pacing/pacer";
import type { WorkerTask } from "./child-worker";
import { drainJob } from "./drain";

// Run by the concurrency tests as a separate process (see child-worker.ts); prints its result as JSON.
const task = JSON.parse(process.argv[2] ?? "{}") as WorkerTask;
const database = await openDatabase(task.options);
try {
  // Processes start at different speeds; a shared start time makes them really compete.
  await new Promise((resolve) => setTimeout(resolve, task.startAt - Date.now()));
  let result: unknown;
  if (task.kind === "drain") {
    result = await drainJob(database, task);
  } else {
    const pacer = databasePacer(database, { ...task.pacer, clock: () => task.now });
    const cost = { resourceUnits: 0, writes: task.batch };
    let taken = 0;
    while ((await pacer.tryTake(cost, "bulk")) === 0) taken += task.batch;
    result = taken;
  }
  process.stdout.write(JSON.stringify(result));
} finally {
  await database.kysely.destroy();
}
