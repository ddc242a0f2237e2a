import type { GraphClient } from "@/lib/server/graph/client";
import { graphRequests } from "@/lib/server/graph/requests";
import {
  graphDirectoryObjectSchema,
  graphGroupSchema,
  graphUserLicensingSchema,
} from "@/lib/server/graph/types";
import { isFailing } from "@/lib/server/licensing/assignment-state";

/**
 * The script Microsoft's group-licensing PowerShell examples amount to: the groups with errors, each
 * group's members in error, then each member's licenses, one request at a time and no `$batch`.
 * Calls `found` with each user in error and how many there are so far.
 */
export async function readNaively(
  graph: GraphClient,
  found: (userId: string, count: number) => void,
) {
  const seen = new Set<string>();
  let inError = 0;
  for await (const groups of graph.pages(
    graphRequests.groupsWithLicenseErrors(),
    graphGroupSchema,
  )) {
    for (const group of groups) {
      const members = graph.pages(
        graphRequests.membersWithLicenseErrors(group.id),
        graphDirectoryObjectSchema,
      );
      for await (const page of members) {
        for (const member of page) {
          if (seen.has(member.id)) continue;
          seen.add(member.id);
          const user = await graph.send(
            graphRequests.userForScan(member.id),
            graphUserLicensingSchema,
          );
          if ((user.licenseAssignmentStates ?? []).some(isFailing)) found(user.id, ++inError);
        }
      }
    }
  }
  return inError;
}
