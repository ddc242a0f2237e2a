import "server-only";
import {
  AuthError,
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  LogLevel,
  ServerError,
} from "@azure/msal-node";
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { ApiError } from "../http/api-error";
import { GRAPH_DEFAULT_SCOPE, type GraphSettings } from "./settings";

/** One MSAL app per client configuration, so its token cache (per assertion, per app) lives on. */
let current: { key: string; app: ConfidentialClientApplication } | undefined;

function confidentialClient(settings: GraphSettings): ConfidentialClientApplication {
  const key = JSON.stringify(settings.client);
  if (current?.key !== key) {
    const { clientId, clientSecret, authority, knownAuthorities, authorityMetadata } =
      settings.client;
    const app = new ConfidentialClientApplication({
      auth: { clientId, clientSecret, authority, knownAuthorities, authorityMetadata },
      system: {
        loggerOptions: {
          logLevel: LogLevel.Error,
          piiLoggingEnabled: false,
          loggerCallback: (_level, message) => console.warn(`[msal] ${message}`),
        },
      },
    });
    current = { key, app };
  }
  return current.app;
}

// AADSTS65001: the user or administrator has not consented to use the application.
const CONSENT_ERROR_NUMBERS = new Set(["65001"]);

/** Turns an MSAL failure into an answer the browser can act on, without leaking token details. */
export function explainTokenError(error: unknown): ApiError {
  if (
    error instanceof AuthError &&
    (error.errorCode === "consent_required" ||
      ("errorNo" in error && CONSENT_ERROR_NUMBERS.has(String(error.errorNo))))
  ) {
    return new ApiError(
      "consent_required",
      "Licensedesk may not call Microsoft Graph in this tenant yet: an administrator must grant " +
        "consent to its Graph permissions (see docs/entra-setup.md).",
    );
  }
  if (error instanceof InteractionRequiredAuthError) {
    return new ApiError(
      "interaction_required",
      "Microsoft Entra needs you to sign in again before Licensedesk can act for you.",
      error.claims ? { claims: error.claims } : {},
    );
  }
  // Entra no longer accepts the caller's sign-in (revoked, expired, password changed): only a new
  // interactive sign-in helps, so the answer is the code the browser sends the person back to Entra on.
  if (error instanceof ServerError && error.errorCode === "invalid_grant") {
    return new ApiError(
      "interaction_required",
      "Microsoft Entra no longer accepts your sign-in for Licensedesk (it expired or was revoked); sign in again.",
    );
  }
  if (error instanceof ServerError && error.errorCode === "invalid_client") {
    return new ApiError(
      "service_unavailable",
      "Licensedesk's own credentials were refused by Microsoft Entra (check the API app's client secret).",
    );
  }
  const detail = error instanceof AuthError ? ` (${error.errorCode})` : "";
  console.error(
    `[graph-token] token request failed${detail}: ${error instanceof Error ? error.message : String(error)}`,
  );
  return new ApiError(
    "upstream_error",
    `Microsoft Entra did not issue a Graph token${detail}; try again in a moment.`,
  );
}

/** Requests in flight, so parallel Graph calls for one caller share one token request. */
const inFlight = new Map<string, Promise<string>>();

// Graph tokens by caller, a bounded number: MSAL's own cache keeps every assertion it ever saw.
const GRAPH_TOKENS_KEPT = 500;
// A token is used up to this long before it expires, so a slow call does not outlive it.
const EXPIRY_MARGIN_MS = 5 * 60_000;
const graphTokens = new LRUCache<string, string>({ max: GRAPH_TOKENS_KEPT });

/** How many Graph tokens are kept in memory now: at most GRAPH_TOKENS_KEPT. */
export const keptGraphTokenCount = () => graphTokens.size;

/**
 * A Graph access token: on behalf of the caller (delegated) or for the app itself (app-only), reused
 * from a bounded cache keyed by a hash of the caller's token, so repeated calls do not reach Entra.
 */
export function acquireGraphToken(
  settings: GraphSettings,
  callerAccessToken: string,
): Promise<string> {
  const key = createHash("sha256")
    .update(
      `${settings.mode}|${settings.client.clientId}|${settings.mode === "app-only" ? "" : callerAccessToken}`,
    )
    .digest("base64url");
  const kept = graphTokens.get(key);
  if (kept) return Promise.resolve(kept);
  const pending = inFlight.get(key);
  if (pending) return pending;
  const request = requestGraphToken(settings, callerAccessToken)
    .then(({ accessToken, expiresOn }) => {
      const ttl = (expiresOn?.getTime() ?? 0) - Date.now() - EXPIRY_MARGIN_MS;
      if (ttl > 0) graphTokens.set(key, accessToken, { ttl });
      return accessToken;
    })
    .finally(() => inFlight.delete(key));
  inFlight.set(key, request);
  return request;
}

async function requestGraphToken(
  settings: GraphSettings,
  callerAccessToken: string,
): Promise<{ accessToken: string; expiresOn: Date | null }> {
  const app = confidentialClient(settings);
  try {
    const result =
      settings.mode === "app-only"
        ? await app.acquireTokenByClientCredential({
            scopes: [GRAPH_DEFAULT_SCOPE],
            skipCache: true,
          })
        : await app.acquireTokenOnBehalfOf({
            oboAssertion: callerAccessToken,
            scopes: [GRAPH_DEFAULT_SCOPE],
            skipCache: true,
          });
    if (!result?.accessToken) throw new Error("MSAL returned no access token.");
    return result;
  } catch (error) {
    throw explainTokenError(error);
  } finally {
    // The cache above is the one that counts; MSAL's would grow by every assertion it has seen.
    app.clearCache();
  }
}
