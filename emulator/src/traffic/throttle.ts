import { TokenBucket } from "./bucket";
import type { RequestCost } from "./costs";
import { tenantSize, type TrafficLimits } from "./limits";

export interface ThrottleSubject {
  appId: string;
  tenantId: string;
  userCount: number;
  cost: RequestCost;
}

export type ThrottleOutcome =
  | {
      allowed: true;
      /** Share of the fullest bucket in use, sent by Graph above 0.8. */ usage: number;
    }
  | {
      allowed: false;
      /** Seconds until the request would fit, fractional as Graph sends it. */
      retryAfterSeconds: number;
      scope: string;
      information: "ResourceUnitLimitExceeded" | "WriteLimitExceeded";
    };

export type BucketKind = "resourceUnits" | "appTenantWrites" | "tenantWrites";

export interface BucketLevel {
  kind: BucketKind;
  /** Absent for the tenant-wide write bucket, which all apps share. */
  appId?: string;
  tenantId: string;
  capacity: number;
  windowSeconds: number;
  level: number;
}

interface Need {
  key: string;
  owner: Omit<BucketLevel, "capacity" | "windowSeconds" | "level">;
  scope: string;
  information: "ResourceUnitLimitExceeded" | "WriteLimitExceeded";
  capacity: number;
  windowMs: number;
  amount: number;
}

/** Token buckets per app+tenant and per tenant; a throttled request takes nothing from any bucket. */
export class Throttler {
  private buckets = new Map<string, { owner: Need["owner"]; bucket: TokenBucket }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  check(subject: ThrottleSubject, limits: TrafficLimits): ThrottleOutcome {
    const now = this.now();
    const needs = this.needs(subject, limits);
    const buckets = needs.map((need) => this.bucket(need, now));
    let worst: { need: Need; waitMs: number } | undefined;
    needs.forEach((need, i) => {
      const waitMs = buckets[i]!.waitFor(need.amount, now);
      if (waitMs > 0 && (!worst || waitMs > worst.waitMs)) worst = { need, waitMs };
    });
    if (limits.enabled && worst) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(0.001, Math.ceil(worst.waitMs) / 1000),
        scope: worst.need.scope,
        information: worst.need.information,
      };
    }
    needs.forEach((need, i) => buckets[i]!.take(need.amount, now));
    const usage = Math.max(...buckets.map((b) => 1 - b.levelAt(now) / b.capacity));
    return { allowed: true, usage };
  }

  levels(): BucketLevel[] {
    const now = this.now();
    return [...this.buckets.values()].map(({ owner, bucket }) => ({
      ...owner,
      capacity: bucket.capacity,
      windowSeconds: bucket.windowMs / 1000,
      level: Math.round(bucket.levelAt(now) * 1000) / 1000,
    }));
  }

  reset(): void {
    this.buckets.clear();
  }

  private needs(
    { appId, tenantId, userCount, cost }: ThrottleSubject,
    limits: TrafficLimits,
  ): Need[] {
    const scale = (seconds: number) => (seconds * 1000) / limits.timeScale;
    const needs: Need[] = [
      {
        key: `ru|${appId}|${tenantId}`,
        owner: { kind: "resourceUnits", appId, tenantId },
        scope: `Tenant_Application/ReadWrite/${appId}/${tenantId}`,
        information: "ResourceUnitLimitExceeded",
        capacity: limits.resourceUnits[tenantSize(userCount)],
        windowMs: scale(limits.resourceUnits.windowSeconds),
        amount: cost.resourceUnits,
      },
    ];
    if (cost.writes > 0) {
      needs.push(
        {
          key: `write|${appId}|${tenantId}`,
          owner: { kind: "appTenantWrites", appId, tenantId },
          scope: `Tenant_Application/Write/${appId}/${tenantId}`,
          information: "WriteLimitExceeded",
          capacity: limits.appTenantWrites.limit,
          windowMs: scale(limits.appTenantWrites.windowSeconds),
          amount: cost.writes,
        },
        {
          key: `tenant-write|${tenantId}`,
          owner: { kind: "tenantWrites", tenantId },
          scope: `Tenant/Write/${appId}/${tenantId}`,
          information: "WriteLimitExceeded",
          capacity: limits.tenantWrites.limit,
          windowMs: scale(limits.tenantWrites.windowSeconds),
          amount: cost.writes,
        },
      );
    }
    return needs;
  }

  /** The bucket for a need, rebuilt (keeping its level) when the limits or tenant size changed. */
  private bucket(need: Need, now: number): TokenBucket {
    const existing = this.buckets.get(need.key);
    if (
      existing &&
      existing.bucket.capacity === need.capacity &&
      existing.bucket.windowMs === need.windowMs
    ) {
      return existing.bucket;
    }
    const level = existing ? existing.bucket.levelAt(now) : need.capacity;
    const bucket = new TokenBucket(need.capacity, need.windowMs, now, level);
    this.buckets.set(need.key, { owner: need.owner, bucket });
    return bucket;
  }
}
