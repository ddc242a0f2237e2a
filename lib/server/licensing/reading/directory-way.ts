import "server-only";
import { prefetched } from "../../async/prefetch";
import { graphRequests } from "../../graph/requests";
import { graphUserLicensingSchema } from "../../graph/types";
import type { ReadingTools } from "./read-way";

/**
 * v1.0, the whole directory a page of 999 at a time: one ResourceUnit per page and every assignment,
 * direct or from a group, but a chain of pages that latency multiplies.
 */
export async function readDirectory({ graph, run, rows, directoryUsers }: ReadingTools) {
  let read = 0;
  const pages = graph.pages(graphRequests.directoryUsers(), graphUserLicensingSchema);
  for await (const users of prefetched(pages)) {
    read += users.length;
    run.addRows(await rows.rowsOf(users));
    run.progress({ unit: "users", read, total: directoryUsers, found: run.rows.size });
  }
  return { directoryUsers: read };
}
