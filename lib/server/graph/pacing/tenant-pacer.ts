import "server-only";
import { getAppDatabase } from "@/lib/server/db/app-database";
import { getServerEnv } from "@/lib/server/env";
import { type GraphSettings, getGraphSettings } from "../settings";
import { databasePacer, type GraphPacer } from "./pacer";

/**
 * The budget of this app in this tenant, shared through the app's database by every caller on every
 * instance: one pair of buckets per app (client id) and tenant.
 */
export async function getTenantPacer(settings?: GraphSettings): Promise<GraphPacer> {
  const [database, resolved] = await Promise.all([
    getAppDatabase(),
    settings ?? getGraphSettings(),
  ]);
  return databasePacer(database, {
    appId: resolved.client.clientId,
    tenantId: resolved.tenantId,
    ...getServerEnv().graphLimits,
  });
}
