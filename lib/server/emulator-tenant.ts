import "server-only";
import { z } from "zod";
import { ConfigurationError } from "./configuration-error";

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
  graphBaseUrl: z.url(),
  apps: z.object({
    spa: z.object({ clientId: z.guid() }),
    api: z.object({ clientId: z.guid(), scope: z.string(), clientSecret: z.string().nullable() }),
    daemon: z.object({ clientId: z.guid(), clientSecret: z.string().nullable() }).nullable(),
  }),
});

/** What the emulator says about itself at `/_emulator/tenant`, including the test secrets. */
export type EmulatorTenant = z.infer<typeof emulatorTenantSchema>;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function fetchEmulatorTenant(emulatorUrl: string): Promise<EmulatorTenant> {
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
  return parsed.data;
}

let cached: { url: string; tenant: Promise<EmulatorTenant> } | undefined;

/** The emulator's tenant description, fetched once per URL; a failure is retried on the next call. */
export function getEmulatorTenant(emulatorUrl: string): Promise<EmulatorTenant> {
  if (cached?.url !== emulatorUrl) {
    const tenant = fetchEmulatorTenant(emulatorUrl).catch((error: unknown) => {
      // Forget the failure so the next request finds an emulator that has started since.
      cached = undefined;
      throw error;
    });
    cached = { url: emulatorUrl, tenant };
  }
  return cached.tenant;
}
