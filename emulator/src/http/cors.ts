import type { Tenant } from "../tenant/model";
import { isLoopbackName } from "./loopback";
import type { EmulatorRequest, Reply } from "./types";

const EXPOSED = [
  "Retry-After",
  "request-id",
  "client-request-id",
  "x-ms-request-id",
  "x-ms-resource-unit",
  "x-ms-throttle-scope",
  "x-ms-throttle-information",
  "x-ms-throttle-limit-percentage",
].join(", ");

export const isControlPath = (path: string) => path.startsWith("/_emulator/");

const originOf = (uri: string): string | undefined => {
  try {
    const url = new URL(uri);
    return isLoopbackName(url.hostname) ? url.origin : undefined;
  } catch {
    return undefined;
  }
};

/** The app origins the tenant registered (its SPA redirect URIs), on this machine only. */
export function appOrigins(tenant: Tenant): Set<string> {
  const uris = tenant.apps.flatMap((app) => [...app.redirectUris, ...app.postLogoutRedirectUris]);
  return new Set(uris.flatMap((uri) => originOf(uri) ?? []));
}

/** The caller's origin when it may read the answer: a registered app origin, never on the control API. */
function readableBy(req: EmulatorRequest, tenant: Tenant): string | undefined {
  const origin = req.headers["origin"];
  if (!origin || isControlPath(req.path) || !appOrigins(tenant).has(origin)) return undefined;
  return origin;
}

/** Lets the registered app origins read answers: MSAL's token calls are cross-origin by design. */
export function corsHeaders(req: EmulatorRequest, tenant: Tenant): Record<string, string> {
  const origin = readableBy(req, tenant);
  if (!origin) return req.headers["origin"] ? { vary: "Origin" } : {};
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    "access-control-expose-headers": EXPOSED,
    vary: "Origin",
  };
}

export function preflightReply(req: EmulatorRequest, tenant: Tenant): Reply {
  if (!readableBy(req, tenant)) {
    return {
      status: 403,
      body: {
        error: {
          code: "forbidden",
          message: "Cross-origin calls are answered for the tenant's registered app origins only.",
        },
      },
    };
  }
  return {
    status: 204,
    headers: {
      "access-control-allow-methods": "GET, POST, PATCH, PUT, DELETE, OPTIONS",
      "access-control-allow-headers":
        req.headers["access-control-request-headers"] ?? "authorization, content-type",
      "access-control-max-age": "600",
    },
  };
}
