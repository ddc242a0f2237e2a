import { randomBytes } from "node:crypto";
import type { JWTPayload } from "jose";
import type { EmulatorConfig } from "../config";
import {
  DEFAULT_USER_ROLE_ID,
  GRAPH_RESOURCE,
  type AppRegistration,
  type Tenant,
  type User,
} from "../tenant/model";
import { v1Issuer, v2Issuer } from "./endpoints";
import { loginHintClaim, pairwiseSubject, servicePrincipalId } from "./principals";

/** What claim builders need from the emulator. */
export interface ClaimContext {
  tenant: Tenant;
  config: EmulatorConfig;
}

/** iat, nbf and exp in seconds. */
export interface TokenTimes {
  iat: number;
  nbf: number;
  exp: number;
}

export const tokenTimes = (lifetimeSeconds: number, now = Date.now()): TokenTimes => {
  const iat = Math.floor(now / 1000);
  return { iat, nbf: iat, exp: iat + lifetimeSeconds };
};

const ID_TOKEN_LIFETIME_SECONDS = 3600;

/** A unique token id, as Entra's `uti`. */
const uti = () => randomBytes(16).toString("base64url");

/** Directory role template ids plus the default user role, as Entra puts them in `wids`. */
export const userWids = (user: User): string[] => [
  ...new Set([...user.directoryRoleIds, DEFAULT_USER_ROLE_ID]),
];

/** `azpacr` / `appidacr`: 0 for a public client, 1 for one that authenticated with a secret. */
export const clientAuthLevel = (client: AppRegistration): "0" | "1" =>
  client.kind === "spa" ? "0" : "1";

const optionalRoles = (roles: string[]) => (roles.length > 0 ? { roles } : {});

export interface IdTokenInput {
  user: User;
  client: AppRegistration;
  nonce?: string;
  sessionState?: string;
}

export function idTokenClaims(ctx: ClaimContext, input: IdTokenInput): JWTPayload {
  const { tenant } = ctx;
  const { user, client } = input;
  return {
    aud: client.appId,
    iss: v2Issuer(ctx.config, tenant.id),
    ...tokenTimes(ID_TOKEN_LIFETIME_SECONDS),
    name: user.displayName,
    ...(input.nonce ? { nonce: input.nonce } : {}),
    oid: user.id,
    preferred_username: user.userPrincipalName,
    ...(input.sessionState ? { sid: input.sessionState } : {}),
    sub: pairwiseSubject(tenant.id, client.appId, user.id),
    tid: tenant.id,
    uti: uti(),
    ver: "2.0",
    login_hint: loginHintClaim(tenant, user),
  };
}

export interface DelegatedTokenInput {
  user: User;
  client: AppRegistration;
  scp: string[];
  times: TokenTimes;
}

/** A delegated token for one of the tenant's APIs; v2 unless the API accepts v1. */
export function apiTokenClaims(
  ctx: ClaimContext,
  api: AppRegistration,
  input: DelegatedTokenInput,
): JWTPayload {
  const { tenant } = ctx;
  const { user, client } = input;
  const common = {
    ...input.times,
    name: user.displayName,
    oid: user.id,
    ...optionalRoles(user.appRoleAssignments[api.appId] ?? []),
    scp: input.scp.join(" "),
    sub: pairwiseSubject(tenant.id, client.appId, user.id),
    tid: tenant.id,
    uti: uti(),
    wids: userWids(user),
  };
  if (api.accessTokenVersion === 1) {
    return {
      aud: api.identifierUris[0] ?? api.appId,
      iss: v1Issuer(tenant.id),
      acr: "1",
      amr: ["pwd"],
      appid: client.appId,
      appidacr: clientAuthLevel(client),
      ...(user.surname ? { family_name: user.surname } : {}),
      ...(user.givenName ? { given_name: user.givenName } : {}),
      unique_name: user.userPrincipalName,
      upn: user.userPrincipalName,
      ver: "1.0",
      ...common,
    };
  }
  return {
    aud: api.appId,
    iss: v2Issuer(ctx.config, tenant.id),
    azp: client.appId,
    azpacr: clientAuthLevel(client),
    preferred_username: user.userPrincipalName,
    ver: "2.0",
    ...common,
  };
}

/** A delegated Microsoft Graph token, in the v1 shape real Graph tokens have. */
export function graphDelegatedClaims(ctx: ClaimContext, input: DelegatedTokenInput): JWTPayload {
  const { tenant } = ctx;
  const { user, client } = input;
  return {
    aud: GRAPH_RESOURCE,
    iss: v1Issuer(tenant.id),
    ...input.times,
    acct: 0,
    acr: "1",
    amr: ["pwd"],
    app_displayname: client.displayName,
    appid: client.appId,
    appidacr: clientAuthLevel(client),
    ...(user.surname ? { family_name: user.surname } : {}),
    ...(user.givenName ? { given_name: user.givenName } : {}),
    idtyp: "user",
    name: user.displayName,
    oid: user.id,
    scp: input.scp.join(" "),
    sub: pairwiseSubject(tenant.id, client.appId, user.id),
    tenant_region_scope: "NA",
    tid: tenant.id,
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
    uti: uti(),
    ver: "1.0",
    wids: userWids(user),
  };
}

/** An app-only Graph token: the app's application permissions as `roles`, its service principal as `oid`. */
export function graphAppClaims(
  ctx: ClaimContext,
  client: AppRegistration,
  times: TokenTimes,
): JWTPayload {
  const { tenant } = ctx;
  const sp = servicePrincipalId(tenant, client);
  return {
    aud: GRAPH_RESOURCE,
    iss: v1Issuer(tenant.id),
    ...times,
    app_displayname: client.displayName,
    appid: client.appId,
    appidacr: "1",
    idp: v1Issuer(tenant.id),
    idtyp: "app",
    oid: sp,
    ...optionalRoles(client.graphApplicationPermissions),
    sub: sp,
    tenant_region_scope: "NA",
    tid: tenant.id,
    uti: uti(),
    ver: "1.0",
  };
}

/** An app-only token for one of the tenant's APIs (no app-role assignments to apps are modelled). */
export function apiAppClaims(
  ctx: ClaimContext,
  api: AppRegistration,
  client: AppRegistration,
  times: TokenTimes,
): JWTPayload {
  const { tenant } = ctx;
  const sp = servicePrincipalId(tenant, client);
  return {
    aud: api.appId,
    iss: v2Issuer(ctx.config, tenant.id),
    ...times,
    azp: client.appId,
    azpacr: "1",
    idtyp: "app",
    oid: sp,
    sub: sp,
    tid: tenant.id,
    uti: uti(),
    ver: "2.0",
  };
}
