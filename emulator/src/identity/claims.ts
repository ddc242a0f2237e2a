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
import type { Resource } from "./scopes";

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

/** What every access token says about its subject: times, object id, subject, tenant, token id. */
const subjectClaims = (ctx: ClaimContext, times: TokenTimes, oid: string, sub: string) => ({
  ...times,
  oid,
  sub,
  tid: ctx.tenant.id,
  uti: uti(),
});

/** The calling app and the issuer: v1 tokens name the app `appid`, v2 tokens `azp`. */
const callerClaims = (
  ctx: ClaimContext,
  version: 1 | 2,
  client: AppRegistration,
  authLevel: "0" | "1",
) =>
  version === 1
    ? { iss: v1Issuer(ctx.tenant.id), appid: client.appId, appidacr: authLevel, ver: "1.0" }
    : {
        iss: v2Issuer(ctx.config, ctx.tenant.id),
        azp: client.appId,
        azpacr: authLevel,
        ver: "2.0",
      };

/** The signed-in user as v1 tokens describe them. */
const v1UserClaims = (user: User) => ({
  acr: "1",
  amr: ["pwd"],
  ...(user.surname ? { family_name: user.surname } : {}),
  ...(user.givenName ? { given_name: user.givenName } : {}),
  unique_name: user.userPrincipalName,
  upn: user.userPrincipalName,
});

/** What a delegated token carries for any resource: the user, a pairwise sub, scopes and wids. */
const delegatedClaims = (ctx: ClaimContext, input: DelegatedTokenInput) => {
  const { user, client } = input;
  return {
    ...subjectClaims(
      ctx,
      input.times,
      user.id,
      pairwiseSubject(ctx.tenant.id, client.appId, user.id),
    ),
    name: user.displayName,
    scp: input.scp.join(" "),
    wids: userWids(user),
  };
};

/** What an app-only token carries: the app's service principal as oid and sub. */
const appClaims = (ctx: ClaimContext, client: AppRegistration, times: TokenTimes) => {
  const sp = servicePrincipalId(ctx.tenant, client);
  return subjectClaims(ctx, times, sp, sp);
};

/** Microsoft Graph tokens name Graph as audience, and the app and region too. */
const graphClaims = (client: AppRegistration) => ({
  aud: GRAPH_RESOURCE,
  app_displayname: client.displayName,
  tenant_region_scope: "NA",
});

/**
 * A user's access token for a resource: Graph tokens in the v1 shape real Graph tokens have; the
 * tenant's APIs get v2 unless they accept v1, with the user's app roles for that API.
 */
export function delegatedTokenClaims(
  ctx: ClaimContext,
  resource: Resource,
  input: DelegatedTokenInput,
): JWTPayload {
  const { user, client } = input;
  const authLevel = clientAuthLevel(client);
  if (resource.kind === "graph") {
    return {
      ...graphClaims(client),
      ...callerClaims(ctx, 1, client, authLevel),
      ...v1UserClaims(user),
      ...delegatedClaims(ctx, input),
      acct: 0,
      idtyp: "user",
    };
  }
  const api = resource.app;
  const common = {
    ...delegatedClaims(ctx, input),
    ...optionalRoles(user.appRoleAssignments[api.appId] ?? []),
  };
  if (api.accessTokenVersion === 1) {
    return {
      aud: api.identifierUris[0] ?? api.appId,
      ...callerClaims(ctx, 1, client, authLevel),
      ...v1UserClaims(user),
      ...common,
    };
  }
  return {
    aud: api.appId,
    ...callerClaims(ctx, 2, client, authLevel),
    preferred_username: user.userPrincipalName,
    ...common,
  };
}

/**
 * An app-only token: for Graph the app's application permissions as `roles`; for the tenant's APIs
 * no roles, since no app-role assignments to apps are modelled.
 */
export function appTokenClaims(
  ctx: ClaimContext,
  resource: Resource,
  client: AppRegistration,
  times: TokenTimes,
): JWTPayload {
  if (resource.kind === "graph") {
    return {
      ...graphClaims(client),
      ...callerClaims(ctx, 1, client, "1"),
      ...appClaims(ctx, client, times),
      idp: v1Issuer(ctx.tenant.id),
      idtyp: "app",
      ...optionalRoles(client.graphApplicationPermissions),
    };
  }
  return {
    aud: resource.app.appId,
    ...callerClaims(ctx, 2, client, "1"),
    ...appClaims(ctx, client, times),
    idtyp: "app",
  };
}
