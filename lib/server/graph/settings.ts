import "server-only";
import type { GraphMode } from "@/lib/api/me";
import { emulatorAuthority, getAuthSettings } from "../auth-config";
import { ConfigurationError } from "../configuration-error";
import { getEmulatorTenant } from "../emulator-tenant";
import { getServerEnv } from "../env";

export const GRAPH_V1 = "https://graph.microsoft.com/v1.0";
/** Every Graph permission the app registration has been granted, in one token. */
export const GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default";

/** The confidential client that gets Graph tokens, and where Graph lives. */
export interface GraphSettings {
  mode: GraphMode;
  tenantId: string;
  /** `https://graph.microsoft.com/v1.0`, or the emulator's `/v1.0`. */
  baseUrl: string;
  client: {
    clientId: string;
    clientSecret: string;
    authority: string;
    knownAuthorities: string[];
    authorityMetadata?: string;
  };
}

async function emulatorGraphSettings(emulatorUrl: string, mode: GraphMode): Promise<GraphSettings> {
  const tenant = await getEmulatorTenant(emulatorUrl);
  // The emulator grants application permissions to its "automation" app, as a tenant might.
  const app = mode === "app-only" ? tenant.apps.daemon : tenant.apps.api;
  if (!app?.clientSecret) {
    throw new ConfigurationError(
      `The emulator's tenant has no ${mode === "app-only" ? "daemon" : "API"} app with a secret.`,
      "Reset the emulator to the demo tenant (POST /_emulator/reset) or seed one with both apps.",
    );
  }
  return {
    mode,
    tenantId: tenant.tenantId,
    baseUrl: tenant.graphBaseUrl.replace(/\/+$/, ""),
    client: {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      ...emulatorAuthority(tenant),
    },
  };
}

/** Where Graph calls go and which app makes them, for the configured mode (or `mode`, e.g. the watch's app-only). */
export async function getGraphSettings(mode?: GraphMode): Promise<GraphSettings> {
  const env = getServerEnv();
  const graphMode = mode ?? env.graphMode;
  if (env.mode === "emulator") return emulatorGraphSettings(env.emulatorUrl, graphMode);
  const auth = await getAuthSettings();
  return {
    mode: graphMode,
    tenantId: env.tenantId,
    baseUrl: GRAPH_V1,
    client: {
      clientId: env.apiClientId,
      clientSecret: env.apiClientSecret,
      authority: auth.authority,
      knownAuthorities: auth.knownAuthorities,
    },
  };
}
