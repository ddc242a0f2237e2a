import "server-only";
import type { LicenseErrorRow } from "@/lib/api/license-errors";
import { ScanRun } from "./scan-run";

/**
 * The latest scan per tenant and access (CallerGraph.accessKey, which begins with the tenant id): repeated
 * loads within the TTL are served from memory, and only to callers Graph would give the same answer.
 */
const runs = new Map<string, ScanRun>();

export interface AcquireOptions {
  ttlMs: number;
  /** Start a new scan even if a finished one is fresh (a running one is joined: it is fresh already). */
  refresh: boolean;
  start: (run: ScanRun) => void;
}

/** The scan a request should read: a running one, a fresh finished one, or a new one. */
export function acquireScan(accessKey: string, { ttlMs, refresh, start }: AcquireOptions): ScanRun {
  const existing = runs.get(accessKey);
  if (existing?.state === "running") return existing;
  const age = existing?.age();
  if (existing?.state === "done" && !refresh && age !== undefined && age < ttlMs) return existing;
  const run = new ScanRun();
  runs.set(accessKey, run);
  start(run);
  return run;
}

/**
 * Keeps every cached list of the tenant true after a write: the user's row as just read, or none when
 * nothing fails any more. Only the users concerned are read again, never the whole tenant.
 */
export function updateCachedRow(
  tenantId: string,
  userId: string,
  row: LicenseErrorRow | null,
): void {
  for (const [key, run] of runs) if (key.startsWith(`${tenantId}|`)) run.updateRow(userId, row);
}

/** The user's row in the list this caller would read, if one is in memory; never starts a scan. */
export const peekCachedRow = (accessKey: string, userId: string): LicenseErrorRow | undefined =>
  runs.get(accessKey)?.rows.get(userId);

/** Forgets every cached list, as a restart would: tests that start each case from a fresh server. */
export function forgetCachedScans(): void {
  runs.clear();
}
