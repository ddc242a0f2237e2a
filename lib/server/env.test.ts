import { describe, expect, it } from "vitest";
import { ConfigurationError } from "./configuration-error";
import { parseServerEnv } from "./env";

const defaults = {
  graphMode: "delegated",
  licenseNamesCsv: undefined,
  licenseErrorsCacheMs: 30_000,
  licenseErrorsRead: "auto",
  reprocessTimeoutMs: 30_000,
  databaseUrl: undefined,
  sqliteFile: ".data/licensedesk.sqlite",
  historyRetentionDays: undefined,
  jobs: { leaseMs: 60_000, workers: 2 },
  graphLimits: {
    writes: { capacity: 3000, windowMs: 150_000 },
    resourceUnits: { capacity: 3500, windowMs: 10_000 },
  },
};

const entra = {
  AZURE_TENANT_ID: "9a1c7d3e-2f4b-4c6d-8e0f-1a2b3c4d5e6f",
  AZURE_SPA_CLIENT_ID: "1b2c3d4e-5f60-4718-89ab-cdef01234567",
  AZURE_API_CLIENT_ID: "2c3d4e5f-6071-4829-9abc-def012345678",
  AZURE_API_CLIENT_SECRET: "s3cr3t~value",
};

function configurationErrorOf(source: Record<string, string | undefined>): ConfigurationError {
  try {
    parseServerEnv(source);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}

describe("parseServerEnv", () => {
  it("uses the emulator on 127.0.0.1:4010 when no Azure settings are present", () => {
    expect(parseServerEnv({})).toEqual({
      ...defaults,
      mode: "emulator",
      nodeEnv: "development",
      emulatorUrl: "http://127.0.0.1:4010",
      // The demo's own address, for links in notifications.
      publicUrl: "http://127.0.0.1:3000",
    });
  });

  it("takes the history's retention in days (90 to 3650) and where people open Licensedesk", () => {
    expect(
      parseServerEnv({
        ...entra,
        HISTORY_RETENTION_DAYS: "365",
        LICENSEDESK_PUBLIC_URL: "https://licensedesk.contoso.com",
      }),
    ).toMatchObject({ historyRetentionDays: 365, publicUrl: "https://licensedesk.contoso.com" });
    expect(configurationErrorOf({ HISTORY_RETENTION_DAYS: "30" }).message).toContain(
      "HISTORY_RETENTION_DAYS must be at least 90 days",
    );
    expect(configurationErrorOf({ LICENSEDESK_PUBLIC_URL: "licensedesk" }).message).toContain(
      "LICENSEDESK_PUBLIC_URL must be the http(s) address people open Licensedesk at",
    );
  });

  it("treats empty Azure variables as unset", () => {
    const env = parseServerEnv({ AZURE_TENANT_ID: "", AZURE_API_CLIENT_SECRET: "" });
    expect(env.mode).toBe("emulator");
  });

  it("takes EMULATOR_URL without a trailing slash", () => {
    const env = parseServerEnv({ EMULATOR_URL: "http://127.0.0.1:4110/" });
    expect(env).toMatchObject({ mode: "emulator", emulatorUrl: "http://127.0.0.1:4110" });
  });

  it("rejects an EMULATOR_URL that is not http(s)", () => {
    expect(configurationErrorOf({ EMULATOR_URL: "ftp://127.0.0.1" }).message).toContain(
      "EMULATOR_URL must be an http(s) URL",
    );
  });

  it("switches to Entra when all Azure settings are present, with the default API scope", () => {
    expect(parseServerEnv(entra)).toEqual({
      ...defaults,
      mode: "entra",
      nodeEnv: "development",
      tenantId: entra.AZURE_TENANT_ID,
      tenantName: undefined,
      spaClientId: entra.AZURE_SPA_CLIENT_ID,
      apiClientId: entra.AZURE_API_CLIENT_ID,
      apiClientSecret: entra.AZURE_API_CLIENT_SECRET,
      apiScope: `api://${entra.AZURE_API_CLIENT_ID}/access_as_user`,
      // A real tenant's notifications carry links only once it says where Licensedesk is.
      publicUrl: null,
    });
  });

  it("takes a custom API scope when the tenant uses its own application ID URI", () => {
    const env = parseServerEnv({
      ...entra,
      AZURE_API_SCOPE: "api://licensedesk.contoso.com/access_as_user",
    });
    expect(env).toMatchObject({ apiScope: "api://licensedesk.contoso.com/access_as_user" });
  });

  it("refuses half an Entra configuration and names what is missing", () => {
    const error = configurationErrorOf({
      AZURE_TENANT_ID: entra.AZURE_TENANT_ID,
      AZURE_SPA_CLIENT_ID: entra.AZURE_SPA_CLIENT_ID,
    });
    expect(error.message).toBe(
      "Entra mode is half configured: AZURE_TENANT_ID, AZURE_SPA_CLIENT_ID are set but " +
        "AZURE_API_CLIENT_ID, AZURE_API_CLIENT_SECRET are missing.",
    );
  });

  it("refuses a secret alone rather than silently falling back to the emulator", () => {
    const error = configurationErrorOf({ AZURE_API_CLIENT_SECRET: "s3cr3t" });
    expect(error.message).toContain("AZURE_API_CLIENT_SECRET is set but");
  });

  it("rejects ids that are not GUIDs", () => {
    const error = configurationErrorOf({ ...entra, AZURE_TENANT_ID: "contoso.onmicrosoft.com" });
    expect(error.message).toContain("AZURE_TENANT_ID must be the tenant's GUID");
  });

  it("refuses the emulator in production", () => {
    const error = configurationErrorOf({ NODE_ENV: "production" });
    expect(error.message).toMatch(/^Emulator mode is refused in production/);
    expect(error.hint).toContain("LICENSEDESK_ALLOW_EMULATOR=1");
  });

  it("allows the emulator in production with the explicit demo opt-in", () => {
    const env = parseServerEnv({ NODE_ENV: "production", LICENSEDESK_ALLOW_EMULATOR: "1" });
    expect(env).toMatchObject({ mode: "emulator", nodeEnv: "production" });
  });

  it("does not count LICENSEDESK_ALLOW_EMULATOR=0 as the opt-in", () => {
    const error = configurationErrorOf({ NODE_ENV: "production", LICENSEDESK_ALLOW_EMULATOR: "0" });
    expect(error.message).toMatch(/^Emulator mode is refused in production/);
  });

  it("takes the Graph mode, names CSV, cache and reprocess timeout", () => {
    const env = parseServerEnv({
      GRAPH_MODE: "app-only",
      LICENSE_NAMES_CSV: "/etc/licensedesk/names.csv",
      LICENSE_ERRORS_CACHE_SECONDS: "0",
      REPROCESS_TIMEOUT_SECONDS: "45",
    });
    expect(env).toMatchObject({
      graphMode: "app-only",
      licenseNamesCsv: "/etc/licensedesk/names.csv",
      licenseErrorsCacheMs: 0,
      reprocessTimeoutMs: 45_000,
    });
  });

  it("names a Graph mode or timeout it cannot use", () => {
    const error = configurationErrorOf({
      GRAPH_MODE: "application",
      REPROCESS_TIMEOUT_SECONDS: "soon",
    });
    expect(error.message).toContain("GRAPH_MODE must be delegated or app-only");
    expect(error.message).toContain("REPROCESS_TIMEOUT_SECONDS must be a number of seconds");
  });

  it("runs Entra mode in production without any opt-in", () => {
    expect(parseServerEnv({ ...entra, NODE_ENV: "production" }).mode).toBe("entra");
  });
});

describe("parseServerEnv job and storage settings", () => {
  it("uses SQLite in .data with two workers, 60 s leases, Graph's 3,000 writes per 150 s and 3,500 ResourceUnits per 10 s by default", () => {
    expect(parseServerEnv({})).toMatchObject({
      databaseUrl: undefined,
      sqliteFile: ".data/licensedesk.sqlite",
      jobs: { leaseMs: 60_000, workers: 2 },
      graphLimits: {
        writes: { capacity: 3000, windowMs: 150_000 },
        resourceUnits: { capacity: 3500, windowMs: 10_000 },
      },
    });
  });

  it("takes PostgreSQL, a data folder, leases, workers and scaled Graph limits", () => {
    const env = parseServerEnv({
      DATABASE_URL: "postgresql://licensedesk@db.internal:5432/licensedesk",
      LICENSEDESK_DATA_DIR: "/var/lib/licensedesk",
      JOB_LEASE_SECONDS: "2",
      JOB_WORKERS: "0",
      GRAPH_WRITE_LIMIT: "300",
      GRAPH_WRITE_WINDOW_SECONDS: "1.5",
      GRAPH_READ_LIMIT: "200",
      GRAPH_READ_WINDOW_SECONDS: "2",
    });
    expect(env).toMatchObject({
      databaseUrl: "postgresql://licensedesk@db.internal:5432/licensedesk",
      sqliteFile: "/var/lib/licensedesk/licensedesk.sqlite",
      jobs: { leaseMs: 2_000, workers: 0 },
      graphLimits: {
        writes: { capacity: 300, windowMs: 1_500 },
        resourceUnits: { capacity: 200, windowMs: 2_000 },
      },
    });
  });

  it("treats empty job settings as unset", () => {
    const env = parseServerEnv({ DATABASE_URL: "", JOB_WORKERS: "", GRAPH_WRITE_LIMIT: "" });
    expect(env).toMatchObject({
      databaseUrl: undefined,
      jobs: { workers: 2 },
      graphLimits: { writes: { capacity: 3000 } },
    });
  });

  it.each([
    [
      { DATABASE_URL: "mysql://db/licensedesk" },
      "DATABASE_URL must be a postgres:// or postgresql:// URL",
    ],
    [{ JOB_LEASE_SECONDS: "1" }, "JOB_LEASE_SECONDS must be at least 2 seconds"],
    [{ JOB_LEASE_SECONDS: "a minute" }, "JOB_LEASE_SECONDS must be a number of seconds"],
    [{ JOB_WORKERS: "-1" }, "JOB_WORKERS must be 0 (no workers on this instance) or more"],
    [{ JOB_WORKERS: "1.5" }, "JOB_WORKERS must be a whole number of worker loops"],
    [
      { GRAPH_WRITE_LIMIT: "39" },
      "GRAPH_WRITE_LIMIT must be at least 40 (a $batch of 20 writes and the 20 kept for people)",
    ],
    [{ GRAPH_WRITE_WINDOW_SECONDS: "0" }, "GRAPH_WRITE_WINDOW_SECONDS must be more than 0 seconds"],
    [
      { GRAPH_READ_LIMIT: "119" },
      "GRAPH_READ_LIMIT must be at least 120 (a $batch of the costliest reads beside the tenth kept for people)",
    ],
    [{ GRAPH_READ_WINDOW_SECONDS: "x" }, "GRAPH_READ_WINDOW_SECONDS must be a number of seconds"],
  ])("refuses %j: %s", (source, message) => {
    expect(configurationErrorOf(source).message).toContain(message);
  });
});
