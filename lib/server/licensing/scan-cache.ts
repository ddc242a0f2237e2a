import "server-only";
import type { LicenseErrorRow } from "@/lib/api/license-errors";
import { ScanRun } from "./scan-run";

/** The latest scan per tenant: repeated loads within the TTL are served from memory. */
const runs = new Map<string, ScanRun>();

export interface AcquireOptions {
  ttlMs: number;
  /** Start a new scan even if a finished one is fresh (a running one is joined: it is fresh already). */
  refresh: boolean;
  start: (run: ScanRun) => void;
}

/** The scan a request should read: a running one, a fresh finished one, or a new one. */
export function acquireScan(tenantKey: string, { ttlMs, refresh, start }: AcquireOptions): ScanRun {
  const existing = runs.get(tenantKey);
  if (existing?.state === "running") return existing;
  const age = existing?.age();
  if (existing?.state === "done" && !refresh && age !== undefined && age < ttlMs) return existing;
  const run = new ScanRun();
  runs.set(tenantKey, run);
  start(run);
  return run;
}

/** Keeps the cached grid true after a reprocess: the user's new row, or none when resolved. */
export function updateCachedRow(
  tenantKey: string,
  userId: string,
  row: LicenseErrorRow | null,
): void {
  runs.get(tenantKey)?.updateRow(userId, row);
}
