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
 * Every failing assignment of the tenant, read as the app (in both modes: a watch must not stop when the admin
 * who set it up goes home) at bulk priority under the tenant's one Graph budget. In app-only mode it is the grid's
 * own read, so the grid's list is refreshed by it too.
 */
export async function readTenantErrors(): Promise<{ tenantId: string; errors: SeenError[] }> {
  const settings = await getGraphSettings("app-only");
  const graph = new GraphClient({
    baseUrl: settings.baseUrl,
    getToken: () => acquireGraphToken(settings, ""),
    pacer: await getTenantPacer(settings),
    priority: "bulk",
  });
  const run = acquireScan(`${settings.tenantId}|app`, {
    ttlMs: 0,
    refresh: true,
    start: (scan) => startScan(graph, scan, getServerEnv().licenseErrorsRead),
  });
  await run.settled();
  if (run.failure) throw run.failure;
  const errors = [...run.rows.values()].flatMap((row) =>
    row.failing.map((f): SeenError => ({
      userId: row.id,
      upn: row.userPrincipalName,
      displayName: row.displayName,
      skuId: f.skuId,
      productName: f.productName,
      source: f.groupId ?? "direct",
      groupName: f.groupName,
      code: f.error,
    })),
  );
  return { tenantId: settings.tenantId, errors };
}
