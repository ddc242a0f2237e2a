import type { AppRegistration } from "../tenant/model";
import { aad, aadError, isAadError, type AadError } from "./errors";
import { grantDelegated, parseScopes } from "./scopes";
import type { TenantPath } from "./tenant-path";

export type Prompt = "none" | "login" | "select_account" | "consent";
export type ResponseMode = "fragment" | "query" | "form_post";

const PROMPTS: readonly string[] = ["none", "login", "select_account", "consent"];
const RESPONSE_MODES: readonly string[] = ["fragment", "query", "form_post"];
/** base64url of a SHA-256 digest. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** Where and how the authorize response goes back to the client. */
export interface RedirectTarget {
  redirectUri: string;
  responseMode: ResponseMode;
  state?: string;
}

/** A validated authorize request; kept server-side while the user signs in. */
export interface AuthorizeRequest extends RedirectTarget {
  /** The tenant segment the request came in on, for the sign-in form's action. */
  tenantSegment: string;
  clientId: string;
  scope: string;
  codeChallenge: string;
  nonce?: string;
  prompt?: Prompt;
  loginHint?: string;
}

export type AuthorizeParse =
  | { ok: true; request: AuthorizeRequest; client: AppRegistration }
  /** Before the redirect URI is trusted, errors render a page; after, they go back to it. */
  | { ok: false; error: AadError; target?: RedirectTarget };

const pkceRequired = () =>
  aadError(
    "invalid_request",
    9002325,
    "Proof Key for Code Exchange is required for cross-origin authorization code redemption. Send code_challenge with code_challenge_method 'S256'.",
  );

/** Validates an authorize request in Entra's order: client, redirect URI, then everything else. */
export function parseAuthorizeRequest(path: TenantPath, params: URLSearchParams): AuthorizeParse {
  const get = (name: string) => params.get(name) ?? undefined;
  const clientId = get("client_id");
  if (!clientId) return { ok: false, error: aad.missingParameter("client_id") };
  const client = path.tenant.apps.find((a) => a.appId.toLowerCase() === clientId.toLowerCase());
  if (!client) return { ok: false, error: aad.appNotFound(clientId, path.tenant.displayName) };
  const redirectUri = get("redirect_uri");
  if (!redirectUri) return { ok: false, error: aad.missingParameter("redirect_uri") };
  if (!client.redirectUris.includes(redirectUri)) {
    return { ok: false, error: aad.redirectMismatch(redirectUri, client.appId) };
  }
  const mode = get("response_mode") ?? "query";
  if (!RESPONSE_MODES.includes(mode)) return { ok: false, error: aad.malformed() };
  const target: RedirectTarget = {
    redirectUri,
    responseMode: mode as ResponseMode,
    state: get("state"),
  };
  const fail = (error: AadError): AuthorizeParse => ({ ok: false, error, target });

  const responseType = get("response_type");
  if (!responseType) return fail(aad.missingParameter("response_type"));
  if (responseType !== "code") {
    return fail(
      aadError(
        "unsupported_response_type",
        700054,
        `response_type '${responseType}' is not enabled for the application.`,
      ),
    );
  }
  const codeChallenge = get("code_challenge");
  if (!codeChallenge || get("code_challenge_method") !== "S256") return fail(pkceRequired());
  if (!S256_CHALLENGE.test(codeChallenge)) {
    return fail(aadError("invalid_request", 501491, "Invalid size of Code_Challenge parameter."));
  }
  const prompt = get("prompt");
  if (prompt !== undefined && !PROMPTS.includes(prompt)) return fail(aad.malformed());
  const scope = get("scope");
  if (!scope) return fail(aad.missingParameter("scope"));
  const scopes = parseScopes(path.tenant, scope);
  if (isAadError(scopes)) return fail(scopes);
  const grant = grantDelegated(client, scopes);
  if (isAadError(grant)) {
    // At authorize time a missing consent is its own error, not invalid_grant.
    return fail(
      grant.suberror === "consent_required" ? { ...grant, error: "consent_required" } : grant,
    );
  }
  return {
    ok: true,
    client,
    request: {
      ...target,
      tenantSegment: path.segment,
      clientId: client.appId,
      scope,
      codeChallenge,
      nonce: get("nonce"),
      prompt: prompt as Prompt | undefined,
      loginHint: get("login_hint"),
    },
  };
}
