import { errors as joseErrors, type JWTPayload } from "jose";
import type { EmulatorRequest } from "../http/types";
import type { EmulatorState } from "../state";
import { GRAPH_APP_ID, GRAPH_RESOURCE } from "../tenant/model";
import { accessDenied, invalidToken, type GraphError } from "./errors";
import { WRITE_ROLE_IDS, type Requirement } from "./permissions";

/** Who is calling Graph, as read from a verified access token. */
export interface Caller {
  appId: string;
  /** `delegated` tokens carry scp and act for a user; `app` tokens carry roles. */
  kind: "delegated" | "app";
  /** The signed-in user's object id (delegated) or the service principal's (app-only). */
  objectId?: string;
  /** Lower-cased Graph permissions: scp for delegated tokens, roles for app-only ones. */
  permissions: Set<string>;
  /** Directory role template ids from `wids`. */
  roleIds: Set<string>;
}

const GRAPH_AUDIENCES = new Set([GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`, GRAPH_APP_ID]);

function verificationFailure(error: unknown): GraphError {
  if (error instanceof joseErrors.JWTExpired) {
    return invalidToken("Access token has expired or is not yet valid.");
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "nbf") {
    return invalidToken("Access token has expired or is not yet valid.");
  }
  if (error instanceof joseErrors.JWTInvalid || error instanceof joseErrors.JWSInvalid) {
    return invalidToken("IDX14100: JWT is not well formed.");
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return invalidToken(`Access token validation failure. The '${error.claim}' claim is invalid.`);
  }
  return invalidToken("Access token validation failure. Invalid signature.");
}

const claimList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

function toCaller(claims: JWTPayload): Caller {
  const appId = String(claims["appid"] ?? claims["azp"] ?? "");
  const wids = new Set(claimList(claims["wids"]));
  const objectId = typeof claims["oid"] === "string" ? claims["oid"] : undefined;
  const scp = claims["scp"];
  if (typeof scp === "string") {
    const scopes = scp.split(" ").filter(Boolean);
    return {
      appId,
      kind: "delegated",
      objectId,
      permissions: new Set(scopes.map((s) => s.toLowerCase())),
      roleIds: wids,
    };
  }
  const roles = claimList(claims["roles"]).map((r) => r.toLowerCase());
  return { appId, kind: "app", objectId, permissions: new Set(roles), roleIds: wids };
}

/** Verifies the bearer token as Graph would: signature, lifetime, audience, tenant. */
export async function authenticate(
  req: EmulatorRequest,
  state: EmulatorState,
): Promise<Caller | GraphError> {
  const header = req.headers["authorization"] ?? "";
  const match = /^bearer\s+(\S*)\s*$/i.exec(header);
  const token = match?.[1] ?? "";
  if (!token) return invalidToken("Access token is empty.");
  let claims: JWTPayload;
  try {
    claims = await state.keys.verify(token);
  } catch (error) {
    return verificationFailure(error);
  }
  if (typeof claims.aud !== "string" || !GRAPH_AUDIENCES.has(claims.aud)) {
    return invalidToken("Access token validation failure. Invalid audience.");
  }
  const tenantId = state.tenant.id;
  const issuers = new Set([`https://sts.windows.net/${tenantId}/`, state.issuer]);
  if (claims["tid"] !== tenantId || !issuers.has(String(claims.iss))) {
    return invalidToken("Access token validation failure. Invalid issuer.");
  }
  return toCaller(claims);
}

/** 403 unless the token holds one of the route's permissions (and, delegated, any role the route needs). */
export function authorize(caller: Caller, requirement: Requirement): GraphError | undefined {
  const names =
    caller.kind === "delegated"
      ? [...requirement.anyOf, ...(requirement.delegatedAlso ?? [])]
      : requirement.anyOf;
  const granted = names.some((p) => caller.permissions.has(p.toLowerCase()));
  if (!granted) return accessDenied();
  if (requirement.adminWrite && caller.kind === "delegated") {
    if (!WRITE_ROLE_IDS.some((id) => caller.roleIds.has(id))) return accessDenied();
  }
  if (requirement.delegatedRoleIds && caller.kind === "delegated") {
    if (!requirement.delegatedRoleIds.some((id) => caller.roleIds.has(id))) return accessDenied();
  }
  return undefined;
}
