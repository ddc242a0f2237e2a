import "server-only";
import type { GetMeResponse } from "@/lib/api/me";
import { getAuthSettings } from "./auth-config";
import { directoryRoleNames } from "./auth/directory-roles";
import { isOperator, isReader } from "./auth/roles";
import type { AccessTokenClaims } from "./auth/verify-access-token";
import { getServerEnv } from "./env";

/** Describes the signed-in caller from their verified token: identity, roles and what they may do. */
export async function getMe(user: AccessTokenClaims): Promise<GetMeResponse> {
  const { mode } = await getAuthSettings();
  const { graphMode } = getServerEnv();
  return {
    name: user.name ?? user.preferredUsername ?? user.oid,
    userPrincipalName: user.preferredUsername ?? "",
    oid: user.oid,
    roles: user.roles,
    directoryRoles: directoryRoleNames(user.wids),
    mode,
    canRead: isReader(user),
    canReprocess: isOperator(user, graphMode),
    graphMode,
  };
}
