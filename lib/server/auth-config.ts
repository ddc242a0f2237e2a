import "server-only";
import type { AuthMode } from "@/lib/api/me";
import type { PublicAuthConfig } from "@/lib/api/public-auth-config";
import { type EmulatorTenant, getEmulatorTenant } from "./emulator-tenant";
import { getServerEnv } from "./env";

/** Everything the server knows about the identity platform it trusts. */
export interface AuthSettings {
  mode: AuthMode;
  tenantId: string;
  tenantDisplayName: string;
  spaClientId: string;
  apiClientId: string;
  apiScope: string;
  /** The `iss` every API token must carry; production-shaped in both modes. */
  issuer: string;
  /** The only thing that differs between modes on the validation side. */
  jwksUri: string;
  authority: string;
  knownAuthorities: string[];
  authorityMetadata?: string;
}

const ENTRA_HOST = "https://login.microsoftonline.com";
// `.invalid` never resolves (RFC 2606), so a build that loses the metadata override fails closed.
const EMULATOR_AUTHORITY_HOST = "login.emulator.invalid";

const productionIssuer = (tenantId: string) => `${ENTRA_HOST}/${tenantId}/v2.0`;

async function emulatorSettings(emulatorUrl: string): Promise<AuthSettings> {
  const tenant = await getEmulatorTenant(emulatorUrl);
  return {
    mode: "emulator",
    tenantId: tenant.tenantId,
    tenantDisplayName: tenant.displayName,
    spaClientId: tenant.apps.spa.clientId,
    apiClientId: tenant.apps.api.clientId,
    apiScope: tenant.apps.api.scope,
    issuer: productionIssuer(tenant.tenantId),
    jwksUri: tenant.endpoints.jwks,
    ...emulatorAuthority(tenant),
  };
}

/** MSAL (browser and node) reaches the emulator through an https authority and http endpoints. */
export function emulatorAuthority(
  tenant: EmulatorTenant,
): Pick<AuthSettings, "authority" | "knownAuthorities" | "authorityMetadata"> {
  return {
    authority: `https://${EMULATOR_AUTHORITY_HOST}/${tenant.tenantId}`,
    knownAuthorities: [EMULATOR_AUTHORITY_HOST],
    authorityMetadata: JSON.stringify({
      issuer: tenant.issuer,
      authorization_endpoint: tenant.endpoints.authorization,
      token_endpoint: tenant.endpoints.token,
      end_session_endpoint: tenant.endpoints.logout,
      jwks_uri: tenant.endpoints.jwks,
    }),
  };
}

/** The trusted identity platform: from the environment (Entra) or the running emulator (cached). */
export async function getAuthSettings(): Promise<AuthSettings> {
  const env = getServerEnv();
  if (env.mode === "entra") {
    return {
      mode: "entra",
      tenantId: env.tenantId,
      tenantDisplayName: env.tenantName ?? env.tenantId,
      spaClientId: env.spaClientId,
      apiClientId: env.apiClientId,
      apiScope: env.apiScope,
      issuer: productionIssuer(env.tenantId),
      jwksUri: `${ENTRA_HOST}/${env.tenantId}/discovery/v2.0/keys`,
      authority: `${ENTRA_HOST}/${env.tenantId}`,
      knownAuthorities: [],
    };
  }
  return emulatorSettings(env.emulatorUrl);
}

/** The part of the settings the browser may see: ids, authority and endpoints, never secrets. */
export async function getPublicAuthConfig(): Promise<PublicAuthConfig> {
  const settings = await getAuthSettings();
  return {
    mode: settings.mode,
    tenantId: settings.tenantId,
    tenantDisplayName: settings.tenantDisplayName,
    spaClientId: settings.spaClientId,
    apiScope: settings.apiScope,
    authority: settings.authority,
    knownAuthorities: settings.knownAuthorities,
    ...(settings.authorityMetadata ? { authorityMetadata: settings.authorityMetadata } : {}),
    redirectPath: "/redirect",
    postLogoutRedirectPath: "/",
  };
}
