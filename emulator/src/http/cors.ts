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

/** Reflects the caller's origin so MSAL's token calls and a browser's Graph calls can read replies. */
export function corsHeaders(req: EmulatorRequest): Record<string, string> {
  const origin = req.headers["origin"];
  if (!origin) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    "access-control-expose-headers": EXPOSED,
    vary: "Origin",
  };
}

export function preflightReply(req: EmulatorRequest): Reply {
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
