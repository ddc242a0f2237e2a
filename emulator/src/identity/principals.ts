import { createHash } from "node:crypto";
import { objectId } from "../seed/ids";
import type { AppRegistration, Tenant, User } from "../tenant/model";

/** Entra's `sub` is pairwise: the same user gets a different, stable subject per application. */
export const pairwiseSubject = (tenantId: string, appId: string, userId: string): string =>
  createHash("sha256").update(`${tenantId}:${appId}:${userId}`).digest("base64url").slice(0, 43);

/** The object id of an app's service principal in the tenant (the `oid` of its app-only tokens). */
export const servicePrincipalId = (tenant: Tenant, app: AppRegistration): string =>
  objectId(tenant.id, "servicePrincipal", app.appId);

/** The id token's opaque `login_hint` claim; MSAL sends it back as `login_hint` for silent sign-in. */
export const loginHintClaim = (tenant: Tenant, user: User): string =>
  `O.${Buffer.from(JSON.stringify({ oid: user.id, tid: tenant.id })).toString("base64url")}`;

function userFromOpaqueHint(tenant: Tenant, hint: string): User | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(hint.slice(2), "base64url").toString("utf8")) as {
      oid?: unknown;
      tid?: unknown;
    };
    if (decoded.tid !== tenant.id) return undefined;
    return tenant.users.find((u) => u.id === decoded.oid);
  } catch {
    return undefined;
  }
}

/** Finds a user by sign-in name (UPN or mail), object id, or an opaque login_hint claim. */
export function findUserByHint(tenant: Tenant, hint: string): User | undefined {
  const trimmed = hint.trim();
  if (trimmed.startsWith("O.")) return userFromOpaqueHint(tenant, trimmed);
  const lower = trimmed.toLowerCase();
  return tenant.users.find(
    (u) =>
      u.userPrincipalName.toLowerCase() === lower ||
      u.mail?.toLowerCase() === lower ||
      u.id.toLowerCase() === lower,
  );
}

/** `client_info`: base64url of `{"uid": oid, "utid": tid}`; MSAL builds homeAccountId from it. */
export const clientInfo = (tenant: Tenant, user: User): string =>
  Buffer.from(JSON.stringify({ uid: user.id, utid: tenant.id })).toString("base64url");
