import type { JobView } from "./jobs";
import type { GraphMode } from "./me";

/**
 * Why this admin may not resume the job, or null when they may. In delegated mode a job writes with its
 * creator's sign-in and Graph rights, so only they restart it; in app-only mode every operator may.
 */
export function resumeRefusal(
  createdBy: JobView["createdBy"],
  callerOid: string,
  graphMode: GraphMode,
): string | null {
  if (graphMode !== "delegated" || createdBy.oid === callerOid) return null;
  return (
    `Only ${createdBy.name}, who created this job, can resume it: its changes are made with ` +
    `${createdBy.name}'s sign-in and Microsoft Graph permissions. You can still pause or cancel it.`
  );
}
