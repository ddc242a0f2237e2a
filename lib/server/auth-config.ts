import "server-only";
import { z } from "zod";
import type { AuthMode } from "@/lib/api/me";
import type { PublicAuthConfig } from "@/lib/api/public-auth-config";
import { ConfigurationError } from "./configuration-error";
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

const emulatorTenantSchema = z.object({
  tenantId: z.guid(),
  displayName: z.string(),
  issuer: z.string(),
  endpoints: z.object({
    authorization: z.url(),
    token: z.url(),
    logout: z.url(),
    jwks: z.url(),
  }),
  apps: z.object({
    spa: z.object({ clientId: z.guid() }),
    api: z.object({ clientId: z.guid(), scope: z.string() }),
  }),
});

const productionIssuer = (tenantId: string) => `${ENTRA_HOST}/${tenantId}/v2.0`;

async function fetchEmulatorSettings(emulatorUrl: string): Promise<AuthSettings> {
  const tenantUrl = `${emulatorUrl}/_emulator/tenant`;
  let body: unknown;
  try {
    const res = await fetch(tenantUrl, { cache: "no-store", signal: AbortSignal.timeout(5_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = await res.json();
  } catch (error) {
    throw new ConfigurationError(
      `The emulator at ${emulatorUrl} is not answering (${tenantUrl}: ${errorText(error)}).`,
      "Start it with `npm run emulator` (or app and emulator together with `npm run dev`), " +
        "or point EMULATOR_URL at it.",
    );
  }
  const parsed = emulatorTenantSchema.safeParse(body);
  if (!parsed.success) {
    throw new ConfigurationError(
      `${tenantUrl} answered something that is not the emulator's tenant description.`,
      "Check that EMULATOR_URL points at the Licensedesk emulator.",
    );
  }
  const tenant = parsed.data;
  return {
    mode: "emulator",
    tenantId: tenant.tenantId,
    tenantDisplayName: tenant.displayName,
    spaClientId: tenant.apps.spa.clientId,
    apiClientId: tenant.apps.api.clientId,
    apiScope: tenant.apps.api.scope,
    issuer: productionIssuer(tenant.tenantId),
    jwksUri: tenant.endpoints.jwks,
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

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

let emulatorSettings: Promise<AuthSettings> | undefined;

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
  emulatorSettings ??= fetchEmulatorSettings(env.emulatorUrl).catch((error: unknown) => {
    // Forget the failure so the next request finds an emulator that has started since.
    emulatorSettings = undefined;
    throw error;
  });
  return emulatorSettings;
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
