import "server-only";
import { openDatabase } from "../../db/open";
import { writeBudget } from "../write-budget";
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
    const budget = writeBudget(database, task.budget);
    const take = async () => (await budget.acquire(task.batch, task.now)).granted;
    let granted = 0;
    for (let grant = await take(); grant > 0; grant = await take()) granted += grant;
    result = granted;
  }
  process.stdout.write(JSON.stringify(result));
} finally {
  await database.kysely.destroy();
}
