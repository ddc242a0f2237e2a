import type { JWTPayload } from "jose";
import type { EmulatorState } from "../state";
import type { AppRegistration, User } from "../tenant/model";
import { appTokenClaims, delegatedTokenClaims, type TokenTimes } from "./claims";
import type { KeyChoice } from "./keys";
import { findUserByHint } from "./principals";

/** A user's token for the tenant's API or Graph, or an app's own (app-only) token for either. */
export type MintKind = "api" | "api-app" | "graph" | "graph-app";

/** A token for negative tests: real claims first, then the caller's overrides and removals. */
export interface MintRequest {
  kind: MintKind;
  /** UPN or object id; the first sign-in account when omitted. */
  user?: string;
  /** The client (azp / appid): the SPA for "api", the API for "graph", the daemon for the app-only kinds. */
  clientId?: string;
  claims?: Record<string, unknown>;
  removeClaims?: string[];
  alg?: "RS256" | "none";
  key?: KeyChoice;
  /** The header's kid; a foreign-key token claims the tenant key's kid unless told otherwise. */
  kid?: string;
  /** Negative means already expired. */
  expiresInSeconds?: number;
  notBeforeInSeconds?: number;
}

export type MintResult = { token: string; claims: JWTPayload } | { problem: string };

const DEFAULT_CLIENT_KIND: Record<MintKind, AppRegistration["kind"]> = {
  api: "spa",
  "api-app": "daemon",
  graph: "api",
  "graph-app": "daemon",
};

const NO_API = "No API app registration in the tenant.";

function mintTimes(state: EmulatorState, request: MintRequest): TokenTimes {
  const now = Math.floor(Date.now() / 1000);
  const lifetime = state.config.accessTokenLifetimeSeconds;
  const exp = now + (request.expiresInSeconds ?? lifetime);
  // An already-expired token was issued one lifetime before it expired.
  const iat = exp > now ? now : exp - lifetime;
  return {
    iat,
    nbf: request.notBeforeInSeconds !== undefined ? now + request.notBeforeInSeconds : iat,
    exp,
  };
}

function mintUser(state: EmulatorState, hint: string | undefined): User | undefined {
  if (hint) return findUserByHint(state.tenant, hint);
  return state.tenant.users.find((u) => u.listedForSignIn) ?? state.tenant.users[0];
}

function baseClaims(
  state: EmulatorState,
  request: MintRequest,
  times: TokenTimes,
): JWTPayload | string {
  const apps = state.tenant.apps;
  const client = request.clientId
    ? apps.find((a) => a.appId.toLowerCase() === request.clientId?.toLowerCase())
    : apps.find((a) => a.kind === DEFAULT_CLIENT_KIND[request.kind]);
  if (!client)
    return `No app registration ${request.clientId ?? `of kind ${DEFAULT_CLIENT_KIND[request.kind]}`} in the tenant.`;
  if (request.kind === "graph-app") return appTokenClaims(state, { kind: "graph" }, client, times);
  const api = apps.find((a) => a.kind === "api");
  if (request.kind === "api-app") {
    return api ? appTokenClaims(state, { kind: "api", app: api }, client, times) : NO_API;
  }
  const user = mintUser(state, request.user);
  if (!user) return `No user '${request.user ?? ""}' in the tenant.`;
  if (request.kind === "graph") {
    return delegatedTokenClaims(
      state,
      { kind: "graph" },
      {
        user,
        client,
        scp: client.graphDelegatedPermissions,
        times,
      },
    );
  }
  if (!api) return NO_API;
  return delegatedTokenClaims(
    state,
    { kind: "api", app: api },
    { user, client, scp: api.scopes.map((s) => s.value), times },
  );
}

export async function mintToken(state: EmulatorState, request: MintRequest): Promise<MintResult> {
  const base = baseClaims(state, request, mintTimes(state, request));
  if (typeof base === "string") return { problem: base };
  const claims: JWTPayload = { ...base, ...request.claims };
  for (const name of request.removeClaims ?? []) delete claims[name];
  // A forgery claims the tenant key's kid, so only the signature check can catch it.
  const kid = request.kid ?? (request.key === "foreign" ? state.keys.kid : undefined);
  const token = await state.keys.sign(claims, { alg: request.alg, key: request.key, kid });
  return { token, claims };
}
