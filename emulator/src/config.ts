/** How beta's cloud licensing API answers: served, refused as for an app without the permission, or absent. */
export type CloudLicensingApi = "available" | "forbidden" | "notFound";

/** Settings that tests and the control API may change at run time. */
export interface EmulatorConfig {
  /** Base of the `iss` claim and the discovery document's issuer; production-shaped by default. */
  issuerBase: string;
  /** The emulator's own origin, e.g. `http://127.0.0.1:4010`; endpoints in discovery point here. */
  publicUrl: string;
  accessTokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
  /** How long after a reprocess call the licensing service applies its re-evaluation. */
  reprocessDelayMs: number;
  cloudLicensingApi: CloudLicensingApi;
}

export const defaultConfig = (publicUrl: string): EmulatorConfig => ({
  issuerBase: "https://login.microsoftonline.com",
  publicUrl,
  accessTokenLifetimeSeconds: 3600,
  refreshTokenLifetimeSeconds: 86_400,
  reprocessDelayMs: 2000,
  cloudLicensingApi: "available",
});
