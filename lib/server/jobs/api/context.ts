import "server-only";
import type { Database } from "../../db/database";
import { type GraphSettings, getGraphSettings } from "../../graph/settings";
import type { Caller } from "../../http/with-auth";
import { getAppDatabase } from "../service/app-database";
import { keepCreatorCredentials } from "../service/job-credentials";

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
