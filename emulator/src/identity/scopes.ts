import { GRAPH_APP_ID, GRAPH_RESOURCE, type AppRegistration, type Tenant } from "../tenant/model";
import { aad, aadError, type AadError } from "./errors";

/** Scopes MSAL adds to every user request; they never choose the resource. */
export const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"];

export type Resource = { kind: "graph" } | { kind: "api"; app: AppRegistration };

interface ResourceScope {
  /** As the client wrote it, e.g. `api://{id}/access_as_user`; echoed in the response. */
  raw: string;
  /** The permission name, or `.default`. */
  value: string;
}

export interface ScopeRequest {
  /** Lower-case OIDC scopes asked for. */
  oidc: Set<string>;
  /** Undefined when only OIDC scopes were asked for (Entra then issues a Graph token). */
  resource?: Resource;
  /** The resource identifier as the client wrote it, e.g. `https://graph.microsoft.com`. */
  resourceId?: string;
  scopes: ResourceScope[];
}

const splitScopes = (scope: string) => scope.split(/\s+/).filter((s) => s.length > 0);

const resourceKey = (resource: Resource) =>
  resource.kind === "graph" ? "graph" : resource.app.appId;

function findResource(tenant: Tenant, id: string): Resource | undefined {
  const lower = id.toLowerCase().replace(/\/+$/, "");
  if (lower === GRAPH_RESOURCE || lower === GRAPH_APP_ID) return { kind: "graph" };
  const app = tenant.apps.find(
    (a) =>
      a.appId.toLowerCase() === lower || a.identifierUris.some((u) => u.toLowerCase() === lower),
  );
  return app ? { kind: "api", app } : undefined;
}

const invalidScope = (scope: string) =>
  aadError(
    "invalid_scope",
    70011,
    `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
  );

const resourceNotFound = (id: string, tenant: Tenant) =>
  aadError(
    "invalid_resource",
    500011,
    `The resource principal named ${id} was not found in the tenant named ${tenant.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  );

/** Splits a scope string into OIDC scopes and the scopes of exactly one resource. */
export function parseScopes(tenant: Tenant, scope: string): ScopeRequest | AadError {
  const request: ScopeRequest = { oidc: new Set(), scopes: [] };
  for (const raw of splitScopes(scope)) {
    if (OIDC_SCOPES.includes(raw.toLowerCase())) {
      request.oidc.add(raw.toLowerCase());
      continue;
    }
    const slash = raw.lastIndexOf("/");
    // A bare permission name means Microsoft Graph, as in Entra.
    const resourceId = slash < 0 ? GRAPH_RESOURCE : raw.slice(0, slash);
    const value = slash < 0 ? raw : raw.slice(slash + 1);
    if (value.length === 0) return invalidScope(scope);
    const resource = findResource(tenant, resourceId);
    if (!resource) return resourceNotFound(resourceId, tenant);
    if (request.resource && resourceKey(request.resource) !== resourceKey(resource)) {
      return aadError(
        "invalid_scope",
        28000,
        `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
      );
    }
    request.resource = resource;
    request.resourceId ??= resourceId.replace(/\/+$/, "");
    request.scopes.push({ raw, value });
  }
  if (request.oidc.size === 0 && !request.resource) return aad.missingParameter("scope");
  return request;
}

/** What a delegated token may carry for one client, user request and resource. */
export interface DelegatedGrant {
  resource: Resource;
  /** The `scp` claim's values. */
  scp: string[];
  /** The token response's `scope` field. */
  responseScope: string;
}

const equalsIgnoreCase = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Graph scopes are limited to what was consented for the client; an empty result needs consent.
 * OIDC scopes reach `scp` only when nothing else was asked for (a sign-in-only request).
 */
function grantGraph(client: AppRegistration, request: ScopeRequest): DelegatedGrant | AadError {
  const consented = client.graphDelegatedPermissions;
  const oidcClaims = ["openid", "profile", "email"].filter((s) => request.oidc.has(s));
  const full = (p: string) => `${GRAPH_RESOURCE}/${p}`;
  if (request.scopes.length === 0) {
    return {
      resource: { kind: "graph" },
      scp: [...oidcClaims, ...consented],
      responseScope: [...oidcClaims, ...consented.map(full)].join(" "),
    };
  }
  const asksDefault = request.scopes.some((s) => s.value === ".default");
  const granted = asksDefault
    ? consented.map((p) => ({ value: p, raw: full(p) }))
    : request.scopes.flatMap((s) => {
        const match = consented.find((p) => equalsIgnoreCase(p, s.value));
        return match ? [{ value: match, raw: s.raw }] : [];
      });
  if (granted.length === 0) return aad.consentRequired(client.appId, client.displayName);
  const defaults = request.scopes.filter((s) => s.value === ".default").map((s) => s.raw);
  return {
    resource: { kind: "graph" },
    scp: granted.map((g) => g.value),
    responseScope: [...granted.map((g) => g.raw), ...defaults].join(" "),
  };
}

/** An API's scopes must exist on it; `.default` means all of them. */
function grantApi(
  client: AppRegistration,
  api: AppRegistration,
  request: ScopeRequest,
): DelegatedGrant | AadError {
  const granted: string[] = [];
  const response: string[] = [];
  for (const s of request.scopes) {
    if (s.value === ".default") {
      granted.push(...api.scopes.map((x) => x.value));
      response.push(...api.scopes.map((x) => `${request.resourceId}/${x.value}`), s.raw);
      continue;
    }
    const match = api.scopes.find((x) => equalsIgnoreCase(x.value, s.value));
    if (!match) {
      return aadError(
        "invalid_client",
        650053,
        `The application '${client.displayName}' asked for scope '${s.value}' that doesn't exist on the resource '${api.appId}'. Contact the app vendor.`,
      );
    }
    granted.push(match.value);
    response.push(s.raw);
  }
  if (granted.length === 0) return aad.consentRequired(client.appId, client.displayName);
  return {
    resource: { kind: "api", app: api },
    scp: [...new Set(granted)],
    responseScope: [...new Set(response)].join(" "),
  };
}

export function grantDelegated(
  client: AppRegistration,
  request: ScopeRequest,
): DelegatedGrant | AadError {
  const resource = request.resource;
  if (resource?.kind === "api") return grantApi(client, resource.app, request);
  return grantGraph(client, request);
}

/** Client credentials take exactly one `{resource}/.default` scope. */
export function parseAppScope(tenant: Tenant, scope: string): Resource | AadError {
  const scopes = splitScopes(scope);
  const only = scopes.length === 1 ? scopes[0] : undefined;
  if (!only || !only.endsWith("/.default")) {
    return aadError(
      "invalid_scope",
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  const resourceId = only.slice(0, -"/.default".length);
  return findResource(tenant, resourceId) ?? resourceNotFound(resourceId, tenant);
}
