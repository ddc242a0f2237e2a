import "server-only";
import type { BatchItemResult } from "../graph/batch";
import type { GraphClient } from "../graph/client";
import { GraphRequestError, toGraphRequestError } from "../graph/errors";
import { graphRequests } from "../graph/requests";
import { graphUserLicensingSchema } from "../graph/types";
import type { UserReading } from "../licensing/snapshot";
import type { ClaimedItem } from "./types";

/** What became of one reprocess call. */
export type WriteResult =
  | { kind: "written"; before?: UserReading; usage?: number }
  | { kind: "transient"; error: GraphRequestError; retryAfterMs?: number }
  | { kind: "permanent"; error: GraphRequestError };

// Network errors and time-outs (status 0) are worth asking again, like throttling and gateway trouble.
const isTransient = (status: number) =>
  status === 0 || status === 429 || status === 503 || status === 504;

const classify = (error: GraphRequestError): WriteResult =>
  isTransient(error.graph.status)
    ? { kind: "transient", error, retryAfterMs: error.throttle.retryAfterMs }
    : { kind: "permanent", error };

// A whole `$batch` that could not be sent at all fails each of its items the same way.
async function batchOrFail(
  graph: GraphClient,
  requests: Parameters<GraphClient["batch"]>[0],
): Promise<BatchItemResult[]> {
  try {
    return await graph.batch(requests);
  } catch (error) {
    const failure =
      error instanceof GraphRequestError
        ? error
        : toGraphRequestError({ method: "POST", path: "/$batch", status: 0 });
    return requests.map(() => ({ ok: false, error: failure }));
  }
}

export interface WriteBatch {
  results: WriteResult[];
  /** A snapshot read was throttled: Graph's Retry-After for reads, in ms. */
  readsRetryAfterMs?: number;
}

/**
 * Reads each user (for the before snapshot), then sends the reprocess calls in one `$batch` of up to 20.
 * A user Graph does not know fails at the read, before any write; one whose read was throttled is
 * written without a snapshot.
 */
export async function sendReprocessBatch(
  graph: GraphClient,
  items: readonly ClaimedItem[],
): Promise<WriteBatch> {
  const reads = await batchOrFail(
    graph,
    items.map((item) => graphRequests.userForSnapshot(item.userId)),
  );
  const results = new Array<WriteResult | undefined>(items.length);
  const befores = new Array<UserReading | undefined>(items.length);
  let readsRetryAfterMs: number | undefined;
  reads.forEach((read, index) => {
    if (read.ok) {
      const user = graphUserLicensingSchema.safeParse(read.body);
      if (user.success) befores[index] = { user: user.data, readAt: new Date() };
    } else if (classify(read.error).kind === "permanent") {
      results[index] = classify(read.error);
    } else if (read.error.graph.status === 429) {
      readsRetryAfterMs = Math.max(readsRetryAfterMs ?? 0, read.error.throttle.retryAfterMs ?? 0);
    }
  });
  const toWrite = items.map((_, index) => index).filter((index) => !results[index]);
  const writes = await batchOrFail(
    graph,
    toWrite.map((index) => graphRequests.reprocessLicenseAssignment(items[index]!.userId)),
  );
  writes.forEach((write, position) => {
    const index = toWrite[position]!;
    results[index] = write.ok
      ? { kind: "written", before: befores[index], usage: write.usage }
      : classify(write.error);
  });
  return { results: results.map((result) => result!), readsRetryAfterMs };
}
