import "server-only";
import type { GraphMode } from "@/lib/api/me";
import type { AccessTokenClaims } from "./verify-access-token";

/** What a route needs: a verified token only, permission to look, or permission to change licenses. */
export type Access = "signed-in" | "read" | "write";

const OPERATOR_APP_ROLE = "Licensedesk.Operator";
const READER_APP_ROLE = "Licensedesk.Reader";

/** Directory roles that Graph lets reprocess licenses and set usage locations (template ids, as in `wids`). */
const OPERATOR_DIRECTORY_ROLES = new Set([
  "4d6ac14f-3453-41d0-bef9-a3e0c569773a", // License Administrator
  "fe930be7-5e62-47db-91af-98c3a80ebb6a", // User Administrator
  "9360feb5-f418-4baa-8175-e2a00bac4301", // Directory Writers
  "62e90394-69f5-4237-9190-012177145e10", // Global Administrator
]);

const READER_DIRECTORY_ROLES = new Set([
  "f2ef992c-3afb-46b9-b7cf-a126ee74c451", // Global Reader
]);

const holdsAny = (wids: readonly string[], roles: ReadonlySet<string>) =>
  wids.some((id) => roles.has(id.toLowerCase()));

type RoleClaims = Pick<AccessTokenClaims, "roles" | "wids">;

/**
 * May reprocess and change usage locations. On behalf of a user, Graph checks the admin's own
 * directory role, so the app role grants writes only when Licensedesk calls Graph as itself.
 */
export function isOperator(user: RoleClaims, graphMode: GraphMode): boolean {
  return (
    holdsAny(user.wids, OPERATOR_DIRECTORY_ROLES) ||
    (graphMode === "app-only" && user.roles.includes(OPERATOR_APP_ROLE))
  );
}

/** May look at the grid and the seats; every operator may too. */
export function isReader(user: RoleClaims): boolean {
  return (
    user.roles.includes(OPERATOR_APP_ROLE) ||
    user.roles.includes(READER_APP_ROLE) ||
    holdsAny(user.wids, OPERATOR_DIRECTORY_ROLES) ||
    holdsAny(user.wids, READER_DIRECTORY_ROLES)
  );
}

/** Why the caller may not use a route, or null when they may. */
export function accessDenial(
  user: AccessTokenClaims,
  access: Access,
  graphMode: GraphMode,
): string | null {
  if (access === "write" && !isOperator(user, graphMode)) {
    if (user.roles.includes(OPERATOR_APP_ROLE)) {
      return "Licensedesk acts with your own Microsoft Graph permissions, and your account has no License, User or Global Administrator role, so Graph would refuse the change. Ask for one of those roles.";
    }
    return isReader(user)
      ? "Your role lets you look but not change licenses. Ask for a License Administrator role (or the Licensedesk operator role where Licensedesk runs in app-only mode)."
      : "You need a License, User or Global Administrator role to change licenses.";
  }
  if (access === "read" && !isReader(user)) {
    return "You need a Licensedesk role (operator or reader) or an administrator role to use Licensedesk.";
  }
  return null;
}
