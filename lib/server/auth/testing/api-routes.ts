import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { apiRequest, segments } from "@/lib/server/testing/emulator";

// Test tooling: every route handler under app/api, found on disk, and a plausible request for each.

const API_DIR = fileURLToPath(new URL("../../../../app/api", import.meta.url));

/** The methods the auth tests know how to call. */
export const CALLABLE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type CallableMethod = (typeof CALLABLE_METHODS)[number];
const STATE_CHANGING = new Set<string>(["POST", "PUT", "PATCH", "DELETE"]);
/** Next's route segment config: exports a route file may have besides its handlers. */
const SEGMENT_CONFIG = new Set([
  "dynamic",
  "dynamicParams",
  "revalidate",
  "fetchCache",
  "runtime",
  "preferredRegion",
  "maxDuration",
]);

type Handler = (request: Request, context: ReturnType<typeof segments>) => Promise<Response>;

export interface ApiEndpoint {
  /** `POST /api/jobs/[id]/cancel`. */
  name: string;
  method: CallableMethod;
  /** The route's path as the file system spells it, e.g. `/api/jobs/[id]/cancel`. */
  route: string;
  handler: Handler;
  changesState: boolean;
}

export interface ApiRouteFile {
  route: string;
  endpoints: ApiEndpoint[];
  /** Exports that are neither a callable method nor segment config (e.g. HEAD, OPTIONS, a typo). */
  unknownExports: string[];
}

/** Every `route.ts` under app/api, imported, with its exports sorted into endpoints and the rest. */
export async function discoverApiRoutes(): Promise<ApiRouteFile[]> {
  const files = readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "route.ts")
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const route = `/api/${path.dirname(file).split(path.sep).join("/")}`.replace(/\/\.$/, "");
      const exported = (await import(pathToFileURL(path.join(API_DIR, file)).href)) as Record<
        string,
        unknown
      >;
      const endpoints: ApiEndpoint[] = [];
      const unknownExports: string[] = [];
      for (const [name, value] of Object.entries(exported)) {
        const method = CALLABLE_METHODS.find((m) => m === name);
        if (method && typeof value === "function") {
          endpoints.push({
            name: `${method} ${route}`,
            method,
            route,
            handler: value as Handler,
            changesState: STATE_CHANGING.has(method),
          });
        } else if (!SEGMENT_CONFIG.has(name)) {
          unknownExports.push(name);
        }
      }
      return { route, endpoints, unknownExports };
    }),
  );
}

/** The things a plausible request names: a stored job, a user and a product of the tenant. */
export interface RouteFixture {
  jobId: string;
  userId: string;
  skuId: string;
}

/** A plausible value for each dynamic segment, by the route prefix that ends in it. */
const SEGMENT_VALUES: Record<string, (fixture: RouteFixture) => string> = {
  "/api/jobs/[id]": (f) => f.jobId,
  "/api/users/[id]": (f) => f.userId,
  "/api/seats/[skuId]": (f) => f.skuId,
  "/api/history/records/[seq]": () => "1",
  "/api/settings/webhooks/[id]": () => "3f1c2a0e-0000-4000-8000-000000000001",
  "/api/settings/rules/[skuId]": (f) => f.skuId,
};

const NO_BODY = Symbol("no body");
const jobSelection = (f: RouteFixture) => ({
  selection: { kind: "users", userIds: [f.userId], description: "One user" },
});

/** A plausible JSON body for every state-changing endpoint; a new one must be added here. */
const BODIES: Record<string, (fixture: RouteFixture) => unknown> = {
  "POST /api/jobs": jobSelection,
  "POST /api/jobs/estimate": jobSelection,
  "POST /api/jobs/[id]/cancel": () => NO_BODY,
  "POST /api/jobs/[id]/pause": () => NO_BODY,
  "POST /api/jobs/[id]/resume": () => NO_BODY,
  "POST /api/users/[id]/reprocess": () => NO_BODY,
  "POST /api/users/[id]/usage-location": () => ({ usageLocation: "US" }),
  "PUT /api/settings/watch": () => ({ enabled: true }),
  "POST /api/settings/watch/run": () => NO_BODY,
  "PUT /api/settings/rules/[skuId]": () => ({ enabled: true }),
  "POST /api/settings/webhooks": () => ({
    name: "Helpdesk channel",
    kind: "json",
    url: "https://hooks.example.com/licensedesk",
  }),
  "DELETE /api/settings/webhooks/[id]": () => NO_BODY,
  "POST /api/settings/webhooks/[id]/test": () => NO_BODY,
};

/** Why the auth tests cannot call this endpoint yet, or null when they can. */
export function unknownInputs(endpoint: ApiEndpoint): string | null {
  const segmentsWithoutValue = dynamicPrefixes(endpoint.route).filter((p) => !SEGMENT_VALUES[p]);
  if (segmentsWithoutValue.length > 0) {
    return `no plausible value for ${segmentsWithoutValue.join(", ")}: add one to SEGMENT_VALUES`;
  }
  if (endpoint.changesState && !BODIES[endpoint.name]) {
    return `no plausible body for ${endpoint.name}: add one to BODIES`;
  }
  return null;
}

/** `/api/jobs/[id]/cancel` → [`/api/jobs/[id]`]. */
function dynamicPrefixes(route: string): string[] {
  const parts = route.split("/");
  return parts.flatMap((part, i) =>
    /^\[.+\]$/.test(part) ? [parts.slice(0, i + 1).join("/")] : [],
  );
}

/** Calls the endpoint as the browser would: the fixture's ids in the path and a plausible body. */
export function callEndpoint(
  endpoint: ApiEndpoint,
  token: string | undefined,
  fixture: RouteFixture,
): Promise<Response> {
  const params: Record<string, string> = {};
  let urlPath = endpoint.route;
  for (const prefix of dynamicPrefixes(endpoint.route)) {
    const name = prefix.slice(prefix.lastIndexOf("[") + 1, -1);
    const value = SEGMENT_VALUES[prefix]!(fixture);
    params[name] = value;
    urlPath = urlPath.replace(`[${name}]`, encodeURIComponent(value));
  }
  const body = endpoint.changesState ? BODIES[endpoint.name]!(fixture) : NO_BODY;
  const request = apiRequest(urlPath, token, {
    method: endpoint.method,
    ...(body === NO_BODY ? {} : { body: JSON.stringify(body) }),
  });
  return endpoint.handler(request, segments(params));
}
