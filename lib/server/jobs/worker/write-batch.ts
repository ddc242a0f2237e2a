import "server-only";
import type { BatchItemResult } from "@/lib/server/graph/batch";
import type { GraphClient } from "@/lib/server/graph/client";
import { GraphRequestError, isPassingFailure } from "@/lib/server/graph/errors";
import { graphRequests } from "@/lib/server/graph/requests";
import { graphUserLicensingSchema } from "@/lib/server/graph/types";
import type { UserReading } from "@/lib/server/licensing/snapshot";
import type { ClaimedItem } from "@/lib/server/jobs/store/types";

/** What became of one reprocess call; whether a failure is worth another attempt is `isPassingFailure`'s call. */
export type WriteResult =
  | { kind: "written"; before?: UserReading; requestId: string | null }
  | { kind: "failed"; error: GraphRequestError };

/**
 * A whole `$batch` that Graph did not answer fails each of its items the same way. Anything else thrown
 * (a stop, the budget's database, a token) is not Graph's answer and is thrown on.
 */
async function batchOrFail(
  graph: GraphClient,
  requests: Parameters<GraphClient["batch"]>[0],
  signal: AbortSignal,
): Promise<BatchItemResult[]> {
  try {
    return await graph.batch(requests, { signal });
  } catch (error) {
    if (!(error instanceof GraphRequestError)) throw error;
    return requests.map(() => ({ ok: false, error }));
  }
}

/**
 * Reads each user (for the before snapshot), then sends the reprocess calls in one `$batch` of up to 20.
 * A user Graph does not know fails at the read, before any write; one whose read met passing trouble is
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
    } else if (!isPassingFailure(read.error)) {
      results[index] = { kind: "failed", error: read.error };
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
    results[index] = write.ok
      ? { kind: "written", before: befores[index], requestId: write.requestId }
      : { kind: "failed", error: write.error };
  });
  return results.map((result) => result!);
}
