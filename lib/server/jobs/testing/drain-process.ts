import "server-only";
import { openDatabase } from "../../db/open";
import { drainJob } from "./drain";

// Run by the concurrency tests as a separate process: `node --conditions=react-server --import tsx
// drain-process.ts '{"options":…,"jobId":…,"owner":…}'`; prints its DrainReport as JSON.
const { options, jobId, owner } = JSON.parse(process.argv[2] ?? "{}");
const database = await openDatabase(options);
try {
  process.stdout.write(JSON.stringify(await drainJob(database, { jobId, owner })));
} finally {
  await database.kysely.destroy();
}
