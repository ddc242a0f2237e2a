import { setTimeout as sleep } from "node:timers/promises";
import type { EmulatorRequest, Handler, Reply } from "../http/types";
import type { EmulatorState } from "../state";
import { identityEndpoints, v2Issuer } from "./endpoints";
import { aad, tokenErrorReply } from "./errors";
import type { JwksFault } from "./faults";
import { resolveTenantPath, type TenantPath } from "./tenant-path";

const issuerTemplate = (path: TenantPath) =>
  path.published === path.tenant.id ? path.tenant.id : "{tenantid}";

function openidConfiguration(state: EmulatorState, path: TenantPath) {
  const endpoints = identityEndpoints(state.config, path.published);
  return {
    token_endpoint: endpoints.token,
    token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
    jwks_uri: endpoints.jwks,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: v2Issuer(state.config, issuerTemplate(path)),
    request_uri_parameter_supported: false,
    authorization_endpoint: endpoints.authorization,
    code_challenge_methods_supported: ["S256"],
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: endpoints.logout,
    claims_supported: [
      "sub",
      "iss",
      "aud",
      "exp",
      "iat",
      "nonce",
      "preferred_username",
      "name",
      "tid",
      "ver",
      "oid",
      "sid",
      "login_hint",
    ],
    tenant_region_scope: "NA",
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
  };
}

const cacheable = { "cache-control": "max-age=86400, private" };

function withTenant(
  answer: (state: EmulatorState, path: TenantPath, req: EmulatorRequest) => Reply,
): Handler {
  return (req, state) => {
    const path = resolveTenantPath(state, req.params.tenant ?? "");
    if (!path) return tokenErrorReply(req, aad.tenantNotFound(req.params.tenant ?? ""));
    return answer(state, path, req);
  };
}

/** `/{t}/v2.0/.well-known/openid-configuration`: Entra's v2 discovery document. */
export const getOpenidConfiguration = withTenant((state, path) => ({
  status: 200,
  headers: cacheable,
  body: openidConfiguration(state, path),
}));

/** What an armed JWKS fault answers instead of the keys; undefined when it only delays them. */
function jwksFaultReply(fault: JwksFault): Reply | undefined {
  if (fault.drop) return { status: 0, drop: true };
  if (fault.status !== undefined) {
    return {
      status: fault.status,
      headers: { "content-type": "text/html; charset=utf-8" },
      body: "<html><body>Service unavailable</body></html>",
    };
  }
  if (fault.malformed) {
    return { status: 200, headers: { "content-type": "application/json" }, body: '{"keys":[{' };
  }
  return undefined;
}

const jwks = withTenant((state, path) => ({
  status: 200,
  headers: cacheable,
  body: state.keys.jwks(v2Issuer(state.config, issuerTemplate(path))),
}));

/** `/{t}/discovery/v2.0/keys`: the tenant's signing key, with the issuer Entra attaches to each key. */
export const getJwks: Handler = async (req, state) => {
  const fault = state.identity.takeFault("jwks");
  if (fault?.latencyMs) await sleep(fault.latencyMs);
  return (fault && jwksFaultReply(fault)) ?? jwks(req, state);
};

/** The host MSAL asks about (its authority's), so the answer's aliases cover it. */
function authorityHost(req: EmulatorRequest): string | undefined {
  const endpoint = req.query.get("authorization_endpoint");
  if (!endpoint) return undefined;
  try {
    return new URL(endpoint).host;
  } catch {
    return undefined;
  }
}

/** `/common/discovery/instance`: instance discovery for configurations without knownAuthorities. */
export const getInstanceDiscovery = withTenant((state, path, req) => {
  const endpoints = identityEndpoints(state.config, path.published);
  const host = authorityHost(req) ?? new URL(state.config.publicUrl).host;
  return {
    status: 200,
    headers: cacheable,
    body: {
      tenant_discovery_endpoint: endpoints.openidConfiguration,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    },
  };
});
