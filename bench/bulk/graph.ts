import { GraphClient } from "@/lib/server/graph/client";
import { type GraphPacer, unpaced } from "@/lib/server/graph/pacing/pacer";
import { getGraphSettings } from "@/lib/server/graph/settings";
import { acquireGraphToken } from "@/lib/server/graph/token";

/**
 * An app-only bulk client on the configured Graph whose own retries are off (each strategy retries
 * itself), paced by `pacer`: the naive and unpaced strategies run without one.
 */
export async function graphClientFor(
  batchConcurrency: number,
  pacer: GraphPacer = unpaced,
): Promise<GraphClient> {
  const settings = await getGraphSettings();
  return new GraphClient({
    baseUrl: settings.baseUrl,
    getToken: () => acquireGraphToken(settings, ""),
    retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
    batchConcurrency,
    pacer,
    priority: "bulk",
  });
}
