import "server-only";
import type { BatchItemResult } from "@/lib/server/graph/batch";
import type { GraphClient } from "@/lib/server/graph/client";
import { GraphRequestError, toGraphRequestError } from "@/lib/server/graph/errors";
import { graphRequests } from "@/lib/server/graph/requests";
import { graphUserLicensingSchema } from "@/lib/server/graph/types";
import type { UserReading } from "@/lib/server/licensing/snapshot";
import type { ClaimedItem } from "@/lib/server/jobs/store/types";

/** What became of one reprocess call. */
export type WriteResult =
  | { kind: "written"; before?: UserReading }
  | { kind: "transient"; error: GraphRequestError; retryAfterMs?: number }
  | { kind: "permanent"; error: GraphRequestError };

// Network errors and time-outs (status 0) are worth asking again, like throttling and gateway trouble.
const isTransient = (status: number) =>
  status === 0 || status === 429 || status === 503 || status === 504;

const classify = (error: GraphRequestError): WriteResult =>
  isTransient(error.graph.status)
    ? { kind: "transient", error, retryAfterMs: error.throttle.retryAfterMs }
    : { kind: "permanent", error };

// A whole `$batch` that could not be sent fails each of its items the same way; a stop is not a failure.
async function batchOrFail(
  graph: GraphClient,
  requests: Parameters<GraphClient["batch"]>[0],
  signal: AbortSignal,
): Promise<BatchItemResult[]> {
  try {
    return await graph.batch(requests, { signal });
  } catch (error) {
    if (signal.aborted) throw error;
    const failure =
      error instanceof GraphRequestError
        ? error
        : toGraphRequestError({ method: "POST", path: "/$batch", status: 0 });
    return requests.map(() => ({ ok: false, error: failure }));
  }
}

/**
 * Reads each user (for the before snapshot), then sends the reprocess calls in one `$batch` of up to 20.
 * A user Graph does not know fails at the read, before any write; one whose read was throttled is
 * written without a snapshot. `signal` ends a wait for the tenant's budget: nothing more is sent.
 */
export async function sendReprocessBatch(
  graph: GraphClient,
  items: readonly ClaimedItem[],
  signal: AbortSignal,
): Promise<WriteResult[]> {
  const reads = await batchOrFail(
    graph,
    items.map((item) => graphRequests.userForSnapshot(item.userId)),
    signal,
  );
  const results = new Array<WriteResult | undefined>(items.length);
  const befores = new Array<UserReading | undefined>(items.length);
  reads.forEach((read, index) => {
    if (read.ok) {
      const user = graphUserLicensingSchema.safeParse(read.body);
      if (user.success) befores[index] = { user: user.data, readAt: new Date() };
    } else if (classify(read.error).kind === "permanent") {
      results[index] = classify(read.error);
    }
  });
  const toWrite = items.map((_, index) => index).filter((index) => !results[index]);
  const writes = await batchOrFail(
    graph,
    toWrite.map((index) => graphRequests.reprocessLicenseAssignment(items[index]!.userId)),
    signal,
  );
  writes.forEach((write, position) => {
    const index = toWrite[position]!;
    results[index] = write.ok ? { kind: "written", before: befores[index] } : classify(write.error);
  });
  return results.map((result) => result!);
}
