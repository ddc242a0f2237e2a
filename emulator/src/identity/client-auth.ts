import type { AppRegistration } from "../tenant/model";
import { aad, aadError, isAadError, type AadError } from "./errors";
import type { TokenRequest } from "./token-request";

const safeDecode = (value: string) => {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
};

interface Credentials {
  clientId?: string;
  secret?: string;
}

/** client_secret_post, or client_secret_basic (form-encoded id and secret in the Authorization header). */
function credentials(t: TokenRequest): Credentials {
  const header = t.req.headers["authorization"] ?? "";
  if (/^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) {
      return {
        clientId: safeDecode(decoded.slice(0, colon)),
        secret: safeDecode(decoded.slice(colon + 1)),
      };
    }
  }
  return { clientId: t.form.client_id, secret: t.form.client_secret };
}

const secretRequired = () =>
  aadError(
    "invalid_client",
    7000218,
    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    { status: 401 },
  );

/** Identifies the client; a SPA is public and sends no secret, every other app must prove its secret. */
function identifyClient(t: TokenRequest): AppRegistration | AadError {
  const { clientId, secret } = credentials(t);
  if (!clientId) return aad.missingParameter("client_id");
  const app = t.state.tenant.apps.find((a) => a.appId.toLowerCase() === clientId.toLowerCase());
  if (!app) return aad.appNotFound(clientId, t.state.tenant.displayName);
  if (t.form.client_assertion) {
    return aadError(
      "invalid_client",
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${app.appId}'.]`,
      { status: 401 },
    );
  }
  if (app.kind === "spa") {
    if (secret === undefined) return app;
    return aadError(
      "invalid_client",
      700025,
      "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
      { status: 401 },
    );
  }
  if (secret === undefined || secret.length === 0) return secretRequired();
  if (!app.secrets.includes(secret)) {
    return aadError(
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.appId}'.`,
      { status: 401 },
    );
  }
  return app;
}

/** Client credentials and on-behalf-of need a confidential client. */
const requireConfidential = (app: AppRegistration): AadError | undefined =>
  app.kind === "spa" ? secretRequired() : undefined;

/** Entra redeems SPA codes and refresh tokens only in cross-origin (CORS) requests. */
const requireCrossOrigin = (t: TokenRequest, app: AppRegistration): AadError | undefined =>
  app.kind === "spa" && !t.req.headers["origin"]
    ? aadError(
        "invalid_request",
        9002327,
        "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
      )
    : undefined;

/** Which clients a grant serves: confidential ones only, or SPAs too as long as they call cross-origin. */
export type ClientRule = "confidential" | "cross-origin";

/** The authenticated client, if the grant serves it. */
export function authenticateClient(t: TokenRequest, rule: ClientRule): AppRegistration | AadError {
  const app = identifyClient(t);
  if (isAadError(app)) return app;
  const refused = rule === "confidential" ? requireConfidential(app) : requireCrossOrigin(t, app);
  return refused ?? app;
}
