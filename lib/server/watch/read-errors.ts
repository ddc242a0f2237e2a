import "server-only";
import { getServerEnv } from "../env";
import { GraphClient } from "../graph/client";
import { getTenantPacer } from "../graph/pacing/tenant-pacer";
import { getGraphSettings } from "../graph/settings";
import { acquireGraphToken } from "../graph/token";
import { acquireScan } from "../licensing/scan-cache";
import { startScan } from "../licensing/scan";
import type { SeenError } from "./payloads";

/**
 * Graph as the app, in both modes (a watch must not stop when the admin who set it up goes home), at bulk
 * priority under the tenant's one Graph budget.
 */
export async function watchGraph(): Promise<{ graph: GraphClient; tenantId: string }> {
  const settings = await getGraphSettings("app-only");
  const graph = new GraphClient({
    baseUrl: settings.baseUrl,
    getToken: () => acquireGraphToken(settings, ""),
    pacer: await getTenantPacer(settings),
    priority: "bulk",
  });
  return { graph, tenantId: settings.tenantId };
}

/**
 * Every failing assignment of the tenant. In app-only mode it is the grid's own read, so the grid's list is
 * refreshed by it too.
 */
export async function readTenantErrors(graph: GraphClient, tenantId: string): Promise<SeenError[]> {
  const run = acquireScan(`${tenantId}|app`, {
    ttlMs: 0,
    refresh: true,
    start: (scan) => startScan(graph, scan, getServerEnv().licenseErrorsRead),
  });
  await run.settled();
  if (run.failure) throw run.failure;
  return [...run.rows.values()].flatMap((row) =>
    row.failing.map((f): SeenError => ({
      userId: row.id,
      upn: row.userPrincipalName,
      displayName: row.displayName,
      skuId: f.skuId,
      productName: f.productName,
      source: f.groupId ?? "direct",
      groupName: f.groupName,
      code: f.error,
      since: f.lastUpdatedDateTime,
    })),
  );
}
