import "server-only";
import { mapWithConcurrency } from "../../async/pool";
import type { GraphClient } from "../../graph/client";
import { ApiError } from "../../http/api-error";
import { graphRequests } from "../../graph/requests";
import {
  graphDirectoryObjectSchema,
  type GraphGroup,
  type GraphUserLicensing,
  graphUserLicensingSchema,
} from "../../graph/types";
import type { ReadingTools } from "./read-way";

/** Groups whose members are listed at the same time; each may have `$batch` reads in flight. */
const GROUP_CONCURRENCY = 3;

const isUser = (object: { "@odata.type"?: string }) =>
  object["@odata.type"] === undefined || object["@odata.type"] === "#microsoft.graph.user";

/** The license properties of these users, read through `$batch`; users deleted meanwhile are skipped. */
async function readUsers(graph: GraphClient, ids: string[]): Promise<GraphUserLicensing[]> {
  const results = await graph.batch(ids.map((id) => graphRequests.userForScan(id)));
  return results.flatMap((result) => {
    if (!result.ok) {
      if (result.error.code === "not_found") return [];
      throw result.error;
    }
    const user = graphUserLicensingSchema.safeParse(result.body);
    if (!user.success)
      throw new ApiError(
        "upstream_error",
        "Microsoft Graph returned a user in an unexpected shape.",
      );
    return [user.data];
  });
}

/**
 * v1.0, group by group: the groups with members in error, their members in error, then each member's
 * licenses through `$batch`. One ResourceUnit per user in error; it sees group assignments only.
 */
export async function readGroups(
  { graph, run, rows }: ReadingTools,
  groups: readonly GraphGroup[],
): Promise<void> {
  let groupsDone = 0;
  const progress = () =>
    run.progress({ unit: "groups", read: groupsDone, total: groups.length, found: run.rows.size });
  progress();
  const seen = new Set<string>();
  await mapWithConcurrency(groups, GROUP_CONCURRENCY, async (group) => {
    const members = graph.pages(
      graphRequests.membersWithLicenseErrors(group.id),
      graphDirectoryObjectSchema,
    );
    for await (const page of members) {
      // Another group's failure has ended the scan; stop reading for it.
      if (run.state !== "running") return;
      const ids = page
        .filter(isUser)
        .map((member) => member.id)
        .filter((id) => !seen.has(id.toLowerCase()));
      if (ids.length === 0) continue;
      ids.forEach((id) => seen.add(id.toLowerCase()));
      run.addRows(await rows.rowsOf(await readUsers(graph, ids)));
      progress();
    }
    groupsDone += 1;
    progress();
  });
}
