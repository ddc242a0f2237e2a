// Security headers on every page: a per-request nonce CSP, framing, HSTS over https (the API's are in next.config.js).
import { type NextRequest, NextResponse } from "next/server";
import { getAuthSettings } from "@/lib/server/auth-config";
import { getServerEnv } from "@/lib/server/env";

// MSAL's hidden renewal iframe loads the bridge page inside the app itself; nothing else may frame it.
const FRAMED_BY_THE_APP = "/redirect";
const TWO_YEARS_SECONDS = 63_072_000;

/** The origins of the endpoints MSAL is given: the emulator's, or Entra's authority. */
async function identityOrigins(): Promise<string[]> {
  let urls: string[];
  try {
    const settings = await getAuthSettings();
    if (settings.authorityMetadata) {
      const metadata = JSON.parse(settings.authorityMetadata) as Record<string, unknown>;
      const endpoints = ["authorization_endpoint", "token_endpoint", "end_session_endpoint"];
      urls = endpoints.map((key) => String(metadata[key]));
    } else {
      urls = [settings.authority];
    }
  } catch {
    // Unconfigured or unreachable: the page explains the setup problem and signs no one in.
    return [];
  }
  return [...new Set(urls.flatMap((url) => (URL.canParse(url) ? new URL(url).origin : [])))];
}

function isDevelopment(): boolean {
  try {
    return getServerEnv().nodeEnv === "development";
  } catch {
    return false;
  }
}

function servedOverHttps(request: NextRequest): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (forwarded ?? request.nextUrl.protocol.replace(/:$/, "")) === "https";
}

async function pagePolicy(nonce: string, framedByTheApp: boolean, https: boolean) {
  const identity = (await identityOrigins()).join(" ");
  // React rebuilds server error stacks with eval in development only.
  const evalInDev = isDevelopment() ? " 'unsafe-eval'" : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${evalInDev}`,
    // Inline style attributes (React, the virtualized table) are not scripts; style elements stay 'self'.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${identity}`.trim(),
    `frame-src 'self' ${identity}`.trim(),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${framedByTheApp ? "'self'" : "'none'"}`,
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  const https = servedOverHttps(request);
  const framedByTheApp = pathname === FRAMED_BY_THE_APP;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const policy = await pagePolicy(nonce, framedByTheApp, https);
  // Next reads the nonce from the request's CSP and puts it on its own scripts; x-nonce is for ours.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("X-Frame-Options", framedByTheApp ? "SAMEORIGIN" : "DENY");
  if (https) {
    response.headers.set(
      "Strict-Transport-Security",
      `max-age=${TWO_YEARS_SECONDS}; includeSubDomains`,
    );
  }
  return response;
}

export const config = {
  // Built assets carry no markup to protect. The API is left out because a proxy makes Next copy every
  // request body into memory (up to 10 MB) before the route's own size limit could refuse it.
  matcher: ["/((?!api/|_next/static|_next/image).*)"],
};
