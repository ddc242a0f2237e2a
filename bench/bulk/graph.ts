import { GraphClient } from "@/lib/server/graph/client";
import { getGraphSettings } from "@/lib/server/graph/settings";
import { acquireGraphToken } from "@/lib/server/graph/token";

/** An app-only client on the configured Graph whose own retries are off: each strategy retries itself. */
export async function graphClientFor(batchConcurrency: number): Promise<GraphClient> {
  const settings = await getGraphSettings();
  return new GraphClient({
    baseUrl: settings.baseUrl,
    getToken: () => acquireGraphToken(settings, ""),
    retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
    batchConcurrency,
  });
}
