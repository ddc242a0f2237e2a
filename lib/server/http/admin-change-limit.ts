import "server-only";
import { getAuthSettings } from "@/lib/server/auth-config";
import { within } from "@/lib/server/async/within";
import { getAppDatabase } from "@/lib/server/db/app-database";
import type { Database } from "@/lib/server/db/database";
import { sharedBucket } from "@/lib/server/graph/pacing/shared-bucket";
import { ApiError } from "./api-error";
import type { Caller } from "./with-auth";

/**
 * Changes one admin may ask for: 30 at once, then one every 2 s. A person reads each result (a reprocess
 * takes seconds), so clicking never comes near; a runaway script is held to a trickle of the tenant's budget.
 */
export const ADMIN_CHANGES = { capacity: 30, windowMs: 60_000 } as const;

/** How long the limit's database may take before the change is refused as unavailable. */
export const CHANGE_LIMIT_PATIENCE_MS = 2_000;

export interface AdminKey {
  /** The API app (client id) whose routes the limit guards. */
  appId: string;
  tenantId: string;
  /** The admin: the token's `oid`. */
  oid: string;
}

/** One admin's bucket, in the `rate_budgets` table every instance shares (one row per admin). */
export const adminChangeBucket = (database: Database, { appId, tenantId, oid }: AdminKey) =>
  sharedBucket(database, {
    budget: `admin-changes:${oid}`,
    appId,
    tenantId,
    ...ADMIN_CHANGES,
    timeScale: 1,
  });

/** The limit could not be read, so nothing ran: a 503 the admin can act on, not an unknown error. */
function limitUnavailable(cause: unknown): ApiError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  console.error(`[changes] the admin's change limit could not be read: ${reason}`);
  return new ApiError(
    "service_unavailable",
    "Licensedesk's database did not answer, so nothing was changed and nothing was sent to " +
      "Microsoft Graph; try again in a moment.",
  );
}

/**
 * Spends one of the caller's changes, or refuses with 429 and when to try again; nothing else runs.
 * A database that fails or hangs refuses with 503 within {@link CHANGE_LIMIT_PATIENCE_MS}.
 */
export async function spendAdminChange(caller: Caller, now = Date.now()): Promise<void> {
  let waitMs: number;
  try {
    waitMs = await within(
      (async () => {
        const [database, auth] = await Promise.all([getAppDatabase(), getAuthSettings()]);
        const bucket = adminChangeBucket(database, {
          appId: auth.apiClientId,
          tenantId: caller.user.tid,
          oid: caller.user.oid,
        });
        return bucket.take(1, now);
      })(),
      CHANGE_LIMIT_PATIENCE_MS,
      () => new Error(`no answer within ${CHANGE_LIMIT_PATIENCE_MS} ms`),
    );
  } catch (error) {
    throw limitUnavailable(error);
  }
  if (waitMs === 0) return;
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  throw new ApiError(
    "rate_limited",
    `You are asking for changes faster than Licensedesk takes from one person (` +
      `${ADMIN_CHANGES.capacity} at once, then one every ${ADMIN_CHANGES.windowMs / ADMIN_CHANGES.capacity / 1000} s). ` +
      `Nothing was done; try again in ${seconds} s.`,
    { retryAfterSeconds: seconds },
  );
}
