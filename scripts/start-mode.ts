// Which pair `npm start` runs: the demo on the embedded emulator, or the app alone against a real tenant.

/** The settings that point the app at a real Entra tenant (lib/server/env.ts requires all four or none). */
export const AZURE_KEYS = [
  "AZURE_TENANT_ID",
  "AZURE_SPA_CLIENT_ID",
  "AZURE_API_CLIENT_ID",
  "AZURE_API_CLIENT_SECRET",
] as const;

export type StartMode =
  | { kind: "demo"; banner: string }
  | { kind: "entra"; banner: string }
  | { kind: "refused"; reason: string };

const present = (env: Record<string, string | undefined>) =>
  AZURE_KEYS.filter((key) => (env[key] ?? "") !== "");

/**
 * The emulator is opted into only when no Azure setting is present at all; any one present means a
 * real tenant was meant, so a missing one is an error to fix, never a quiet fall-back to the demo.
 */
export function chooseStartMode(env: Record<string, string | undefined>): StartMode {
  const set = present(env);
  if (set.length === AZURE_KEYS.length) {
    return {
      kind: "entra",
      banner: `Starting Licensedesk against the Entra tenant ${env.AZURE_TENANT_ID} (no emulator).`,
    };
  }
  if (set.length > 0) {
    const missing = AZURE_KEYS.filter((key) => !set.includes(key));
    return {
      kind: "refused",
      reason:
        `Azure settings are half set: ${set.join(", ")} present, ${missing.join(", ")} missing. ` +
        "Set all four (see .env.example) to use your tenant, or remove them all to run the demo on the emulator.",
    };
  }
  if (env.LICENSEDESK_ALLOW_EMULATOR === "0") {
    return {
      kind: "refused",
      reason:
        "No Azure settings are present and LICENSEDESK_ALLOW_EMULATOR=0 forbids the demo: " +
        "set the four AZURE_* values (see .env.example).",
    };
  }
  return {
    kind: "demo",
    banner:
      "No Azure settings found: starting the DEMO on the embedded emulator (fictional tenant, nothing leaves " +
      "this machine). To manage a real tenant, set the AZURE_* values in .env.local (see .env.example).",
  };
}
