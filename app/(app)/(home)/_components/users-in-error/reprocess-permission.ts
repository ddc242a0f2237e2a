import type { GetMeResponse } from "@/lib/api/me";

/** Whether the signed-in admin may reprocess, and if not, the reason shown beside each button. */
export type ReprocessPermission = { allowed: true } | { allowed: false; reason: string };

export const READ_ONLY_REASON_ID = "reprocess-read-only-reason";

export function reprocessPermission(me: GetMeResponse): ReprocessPermission {
  if (me.canReprocess) return { allowed: true };
  return {
    allowed: false,
    reason:
      "You have read-only access. Reprocessing needs License Administrator, User Administrator, " +
      "Directory Writers, Global Administrator or the Licensedesk operator role.",
  };
}
