import "server-only";
import type { Database } from "@/lib/server/db/database";
import { type GraphSettings, getGraphSettings } from "@/lib/server/graph/settings";
import type { Caller } from "@/lib/server/http/with-auth";
import { getAppDatabase } from "@/lib/server/db/app-database";
import { keepCreatorCredentials } from "@/lib/server/jobs/credentials/job-credentials";

export interface JobsContext {
  database: Database;
  settings: GraphSettings;
  tenantId: string;
  now: number;
}

/** What every job route needs; on the way, the caller's sign-in refreshes their jobs' credentials. */
export async function jobsContext(caller: Caller): Promise<JobsContext> {
  const [database, settings] = await Promise.all([getAppDatabase(), getGraphSettings()]);
  const now = Date.now();
  await keepCreatorCredentials(database, caller, { settings, now });
  return { database, settings, tenantId: settings.tenantId, now };
}
