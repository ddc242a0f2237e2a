import "server-only";
import type { GraphMode } from "@/lib/api/me";
import type { Caller } from "../http/with-auth";
import { type GraphCall, GraphClient } from "./client";
import { getTenantPacer } from "./pacing/tenant-pacer";
import { getGraphSettings } from "./settings";
import { acquireGraphToken } from "./token";

/** A Graph client acting for one API call, and which tenant and mode it runs in. */
export interface CallerGraph {
  graph: GraphClient;
  tenantId: string;
  mode: GraphMode;
  /**
   * Who gets the same answers from Graph: in app-only mode everyone (Graph sees the app), on behalf of a
   * person everyone with the same directory roles (Graph applies the person's roles, and the app's
   * consented permissions are the tenant's). What is read for one caller may be shared under this key only.
   */
  accessKey: string;
}

/**
 * Graph for this caller: on their behalf (delegated) or as the app (app-only), per configuration, at
 * interactive priority under the tenant's shared budget.
 */
export async function graphFor(
  caller: Caller,
  { onAnswer }: { onAnswer?: (call: GraphCall) => void } = {},
): Promise<CallerGraph> {
  const settings = await getGraphSettings();
  const graph = new GraphClient({
    baseUrl: settings.baseUrl,
    getToken: () => acquireGraphToken(settings, caller.accessToken),
    pacer: await getTenantPacer(settings),
    priority: "interactive",
    onAnswer,
  });
  const roles = [...new Set(caller.user.wids.map((id) => id.toLowerCase()))].sort().join(",");
  const accessKey =
    settings.mode === "app-only"
      ? `${settings.tenantId}|app`
      : `${settings.tenantId}|delegated|${roles}`;
  return { graph, tenantId: settings.tenantId, mode: settings.mode, accessKey };
}
