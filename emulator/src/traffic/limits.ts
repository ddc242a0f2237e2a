/** Graph's identity-and-access limits (learn.microsoft.com/graph/throttling-limits), adjustable for tests. */
export interface TrafficLimits {
  /** False lets every request through (buckets are still reported). */
  enabled: boolean;
  /** Every window is divided by this, so a test can watch a bucket refill in milliseconds. */
  timeScale: number;
  /** ResourceUnits per app+tenant, by tenant size (S < 50 users, M ≤ 500, L above). */
  resourceUnits: { small: number; medium: number; large: number; windowSeconds: number };
  /** Writes per app+tenant. */
  appTenantWrites: { limit: number; windowSeconds: number };
  /** Writes per tenant, all apps together. */
  tenantWrites: { limit: number; windowSeconds: number };
}

export const defaultLimits = (): TrafficLimits => ({
  enabled: true,
  timeScale: 1,
  resourceUnits: { small: 3500, medium: 5000, large: 8000, windowSeconds: 10 },
  appTenantWrites: { limit: 3000, windowSeconds: 150 },
  tenantWrites: { limit: 18_000, windowSeconds: 300 },
});

export type TenantSize = "small" | "medium" | "large";

export const tenantSize = (userCount: number): TenantSize =>
  userCount < 50 ? "small" : userCount <= 500 ? "medium" : "large";
