import { ConfidentialClientApplication, LogLevel } from "@azure/msal-node";
import type { RunningEmulator } from "../server";

/** A never-resolving https authority: MSAL accepts it, and a mis-wired call cannot reach Entra. */
export const EMULATOR_AUTHORITY_HOST = "login.emulator.invalid";

/** msal-node wired to the emulator as the BFF wires it: https authority, http endpoints via metadata. */
export async function confidentialClient(
  emulator: RunningEmulator,
  tenantId: string,
  clientId: string,
  clientSecret: string,
): Promise<ConfidentialClientApplication> {
  const res = await fetch(`${emulator.url}/${tenantId}/v2.0/.well-known/openid-configuration`);
  return new ConfidentialClientApplication({
    auth: {
      clientId,
      clientSecret,
      authority: `https://${EMULATOR_AUTHORITY_HOST}/${tenantId}`,
      knownAuthorities: [EMULATOR_AUTHORITY_HOST],
      authorityMetadata: await res.text(),
    },
    system: { loggerOptions: { logLevel: LogLevel.Error, loggerCallback: () => undefined } },
  });
}
