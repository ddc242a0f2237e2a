import "server-only";
import { join } from "node:path";
import { z } from "zod";
import type { GraphMode } from "@/lib/api/me";
import { ConfigurationError } from "./configuration-error";

/** Setting any of these switches the app to a real Entra tenant; then all are required. */
export const ENTRA_REQUIRED_KEYS = [
  "AZURE_TENANT_ID",
  "AZURE_SPA_CLIENT_ID",
  "AZURE_API_CLIENT_ID",
  "AZURE_API_CLIENT_SECRET",
] as const;

// `.env` files often leave a variable present but empty; treat that as unset.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const rawEnvSchema = z.object({
  NODE_ENV: optional(z.enum(["development", "production", "test"])),
  EMULATOR_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  LICENSEDESK_ALLOW_EMULATOR: optional(z.enum(["0", "1"], { error: "must be 1 or 0" })),
  AZURE_TENANT_ID: optional(z.guid({ error: "must be the tenant's GUID" })),
  AZURE_TENANT_NAME: optional(z.string()),
  AZURE_SPA_CLIENT_ID: optional(z.guid({ error: "must be the SPA app registration's client id" })),
  AZURE_API_CLIENT_ID: optional(z.guid({ error: "must be the API app registration's client id" })),
  AZURE_API_CLIENT_SECRET: optional(z.string()),
  AZURE_API_SCOPE: optional(z.string().regex(/\/access_as_user$/, "must end in /access_as_user")),
  GRAPH_MODE: optional(
    z.enum(["delegated", "app-only"], { error: "must be delegated or app-only" }),
  ),
  LICENSE_NAMES_CSV: optional(z.string()),
  LICENSE_ERRORS_CACHE_SECONDS: optional(
    z.coerce.number({ error: "must be a number of seconds" }).int().min(0).max(3600),
  ),
  LICENSE_ERRORS_READ: optional(
    z.enum(["auto", "beta", "directory", "groups"], {
      error: "must be auto, beta, directory or groups",
    }),
  ),
  REPROCESS_TIMEOUT_SECONDS: optional(
    z.coerce.number({ error: "must be a number of seconds" }).int().min(1).max(300),
  ),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// URL"),
  ),
  LICENSEDESK_DATA_DIR: optional(z.string()),
  JOB_LEASE_SECONDS: optional(
    z.coerce
      .number({ error: "must be a number of seconds" })
      .int("must be a whole number of seconds")
      .min(2, "must be at least 2 seconds")
      .max(3600, "must be at most 3600 seconds"),
  ),
  LICENSEDESK_PUBLIC_URL: optional(
    z.url({
      protocol: /^https?$/,
      error: "must be the http(s) address people open Licensedesk at",
    }),
  ),
  HISTORY_RETENTION_DAYS: optional(
    z.coerce
      .number({ error: "must be a number of days" })
      .int("must be a whole number of days")
      .min(90, "must be at least 90 days")
      .max(3650, "must be at most 3650 days"),
  ),
  JOB_WORKERS: optional(
    z.coerce
      .number({ error: "must be a number of worker loops" })
      .int("must be a whole number of worker loops")
      .min(0, "must be 0 (no workers on this instance) or more")
      .max(32, "must be at most 32"),
  ),
  GRAPH_WRITE_LIMIT: optional(
    z.coerce
      .number({ error: "must be a number of writes" })
      .int("must be a whole number of writes")
      // A $batch of 20 writes beside the 20 kept for people's clicks.
      .min(40, "must be at least 40 (a $batch of 20 writes and the 20 kept for people)"),
  ),
  GRAPH_WRITE_WINDOW_SECONDS: optional(
    z.coerce
      .number({ error: "must be a number of seconds" })
      .positive("must be more than 0 seconds")
      .max(86_400, "must be at most 86400 seconds"),
  ),
  GRAPH_READ_LIMIT: optional(
    z.coerce
      .number({ error: "must be a number of ResourceUnits" })
      .int("must be a whole number of ResourceUnits")
      // Bulk work keeps 90%: a $batch of 20 of the costliest reads (5 each) must fit in it.
      .min(
        120,
        "must be at least 120 (a $batch of the costliest reads beside the tenth kept for people)",
      ),
  ),
  GRAPH_READ_WINDOW_SECONDS: optional(
    z.coerce
      .number({ error: "must be a number of seconds" })
      .positive("must be more than 0 seconds")
      .max(86_400, "must be at most 86400 seconds"),
  ),
});

type NodeEnv = "development" | "production" | "test";

/** Settings that do not depend on which identity platform the app trusts. */
export interface CommonSettings {
  /** Whose rights Graph calls use: the signed-in admin's (on-behalf-of) or the API app's own. */
  graphMode: GraphMode;
  /** Path of Microsoft's product-names CSV, loaded at startup to name products the table lacks. */
  licenseNamesCsv: string | undefined;
  /** How long a license-errors scan is served from memory before Graph is asked again. */
  licenseErrorsCacheMs: number;
  /** How the list is read: `auto` chooses per tenant; the others force one way (for comparison). */
  licenseErrorsRead: "auto" | "beta" | "directory" | "groups";
  /** How long a reprocess waits for the licensing service to settle before answering "timed out". */
  reprocessTimeoutMs: number;
  /** PostgreSQL when set (several instances share it); otherwise the SQLite file below. */
  databaseUrl: string | undefined;
  /** The SQLite database file, under LICENSEDESK_DATA_DIR. */
  sqliteFile: string;
  /** Where people open Licensedesk, for links in notifications; null: notifications carry no links. */
  publicUrl: string | null;
  /** History older than this many days is removed, whole records from the oldest, once a day; unset keeps all. */
  historyRetentionDays: number | undefined;
  jobs: {
    /** How long a worker holds claimed items before another may take them over. */
    leaseMs: number;
    /** Worker loops this instance runs. */
    workers: number;
  };
  /** Graph's limits per app and tenant that every instance paces its calls under together. */
  graphLimits: {
    writes: { capacity: number; windowMs: number };
    /** Sized for a small tenant (3,500 per 10 s), the strictest, unless set. */
    resourceUnits: { capacity: number; windowMs: number };
  };
}

export type ServerEnv = CommonSettings &
  (
    | { mode: "emulator"; nodeEnv: NodeEnv; emulatorUrl: string }
    | {
        mode: "entra";
        nodeEnv: NodeEnv;
        tenantId: string;
        tenantName: string | undefined;
        spaClientId: string;
        apiClientId: string;
        apiClientSecret: string;
        apiScope: string;
      }
  );

export const DEFAULT_EMULATOR_URL = "http://127.0.0.1:4010";
/** Git-ignored; relative paths are taken from the server's working directory. */
export const DEFAULT_DATA_DIR = ".data";
export const SQLITE_FILE_NAME = "licensedesk.sqlite";

/** Validates a set of variables; throws a ConfigurationError naming every problem. */
export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const parsed = rawEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new ConfigurationError(
      `Invalid environment: ${problems.join("; ")}.`,
      "Fix these variables (see .env.example) and restart the server.",
    );
  }
  const env = parsed.data;
  const nodeEnv = env.NODE_ENV ?? "development";
  const common: CommonSettings = {
    graphMode: env.GRAPH_MODE ?? "delegated",
    licenseNamesCsv: env.LICENSE_NAMES_CSV,
    licenseErrorsCacheMs: (env.LICENSE_ERRORS_CACHE_SECONDS ?? 30) * 1000,
    licenseErrorsRead: env.LICENSE_ERRORS_READ ?? "auto",
    reprocessTimeoutMs: (env.REPROCESS_TIMEOUT_SECONDS ?? 30) * 1000,
    databaseUrl: env.DATABASE_URL,
    sqliteFile: join(env.LICENSEDESK_DATA_DIR ?? DEFAULT_DATA_DIR, SQLITE_FILE_NAME),
    historyRetentionDays: env.HISTORY_RETENTION_DAYS,
    // The demo answers on the default port; a real deployment says where it is.
    publicUrl:
      env.LICENSEDESK_PUBLIC_URL ??
      (ENTRA_REQUIRED_KEYS.some((key) => env[key] !== undefined) ? null : "http://127.0.0.1:3000"),
    jobs: {
      leaseMs: (env.JOB_LEASE_SECONDS ?? 60) * 1000,
      workers: env.JOB_WORKERS ?? 2,
    },
    graphLimits: {
      writes: {
        capacity: env.GRAPH_WRITE_LIMIT ?? 3000,
        windowMs: (env.GRAPH_WRITE_WINDOW_SECONDS ?? 150) * 1000,
      },
      resourceUnits: {
        capacity: env.GRAPH_READ_LIMIT ?? 3500,
        windowMs: (env.GRAPH_READ_WINDOW_SECONDS ?? 10) * 1000,
      },
    },
  };
  const present = ENTRA_REQUIRED_KEYS.filter((key) => env[key] !== undefined);

  if (present.length === 0) {
    if (nodeEnv === "production" && env.LICENSEDESK_ALLOW_EMULATOR !== "1") {
      throw new ConfigurationError(
        "Emulator mode is refused in production: no Azure settings are present " +
          `(${ENTRA_REQUIRED_KEYS.join(", ")}).`,
        "Set the Azure settings to use a real Entra tenant, or set LICENSEDESK_ALLOW_EMULATOR=1 " +
          "for a demo or test run against the emulator.",
      );
    }
    return {
      ...common,
      mode: "emulator",
      nodeEnv,
      emulatorUrl: (env.EMULATOR_URL ?? DEFAULT_EMULATOR_URL).replace(/\/+$/, ""),
    };
  }

  const { AZURE_TENANT_ID, AZURE_SPA_CLIENT_ID, AZURE_API_CLIENT_ID, AZURE_API_CLIENT_SECRET } =
    env;
  if (
    !AZURE_TENANT_ID ||
    !AZURE_SPA_CLIENT_ID ||
    !AZURE_API_CLIENT_ID ||
    !AZURE_API_CLIENT_SECRET
  ) {
    const missing = ENTRA_REQUIRED_KEYS.filter((key) => env[key] === undefined);
    throw new ConfigurationError(
      `Entra mode is half configured: ${present.join(", ")} ${present.length === 1 ? "is" : "are"} ` +
        `set but ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing.`,
      "Set all of the Azure settings to use a real tenant, or none of them to use the emulator.",
    );
  }
  return {
    ...common,
    mode: "entra",
    nodeEnv,
    tenantId: AZURE_TENANT_ID,
    tenantName: env.AZURE_TENANT_NAME,
    spaClientId: AZURE_SPA_CLIENT_ID,
    apiClientId: AZURE_API_CLIENT_ID,
    apiClientSecret: AZURE_API_CLIENT_SECRET,
    apiScope: env.AZURE_API_SCOPE ?? `api://${AZURE_API_CLIENT_ID}/access_as_user`,
  };
}

let cached: ServerEnv | undefined;

/** The server's environment, parsed once; the only reader of `process.env` on the server. */
export function getServerEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
