import { appRoleDisplayName } from "@/lib/api/app-roles";
import type { GetMeResponse } from "@/lib/api/me";

/** The one role the header names: a directory role first, then a Licensedesk app role. */
export function primaryRoleLabel(me: Pick<GetMeResponse, "directoryRoles" | "roles">): string {
  const role = me.directoryRoles[0] ?? me.roles.map(appRoleDisplayName)[0];
  return role ?? "No admin role";
}
