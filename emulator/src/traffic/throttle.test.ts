import { describe, expect, it } from "vitest";
import { requestCost } from "./costs";
import { defaultLimits, type TrafficLimits } from "./limits";
import { Throttler } from "./throttle";

const APP = "5a1e7c3b-9d2f-4b6a-8e1c-7f3d2b9a6c40";
const OTHER_APP = "6b2f8d4c-0e3a-4c7b-9f2d-8a4e3c0b7d51";
const TENANT = "9b1f4c2e-3d5a-4e6b-8c7d-0e1f2a3b4c5d";

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const limits = (patch: Partial<TrafficLimits> = {}): TrafficLimits => ({
  ...defaultLimits(),
  ...patch,
});
const read = (resourceUnits: number, appId = APP) => ({
  appId,
  tenantId: TENANT,
  userCount: 12,
  cost: { resourceUnits, writes: 0 },
});
const write = (appId = APP) => ({
  appId,
  tenantId: TENANT,
  userCount: 12,
  cost: { resourceUnits: 1, writes: 1 },
});

describe("requestCost", () => {
  const q = (query: string) => new URLSearchParams(query);
  it.each([
    ["GET", "/users", "", 2],
    ["GET", "/users", "$select=id", 1],
    ["GET", "/users", "$top=5", 1],
    ["GET", "/users", "$top=20", 2],
    ["GET", "/users", "$select=id&$top=5", 1],
    ["GET", "/users/abc", "", 1],
    ["GET", "/users/abc/licenseDetails", "", 2],
    ["GET", "/groups", "", 1],
    ["GET", "/groups/abc/members", "", 3],
    ["GET", "/groups/abc/members", "$select=id", 2],
    ["GET", "/groups/abc/membersWithLicenseErrors", "", 1],
    ["GET", "/subscribedSkus", "", 3],
    ["GET", "/subscribedSkus", "$expand=x", 4],
  ])("%s %s?%s costs %i ResourceUnits and no write", (method, path, query, units) => {
    expect(requestCost(method, path, q(query))).toEqual({ resourceUnits: units, writes: 0 });
  });

  it.each(["POST", "PATCH", "PUT", "DELETE"])("%s costs 1 ResourceUnit and 1 write", (method) => {
    expect(requestCost(method, "/users/abc/reprocessLicenseAssignment", q("$select=id"))).toEqual({
      resourceUnits: 1,
      writes: 1,
    });
  });
});

describe("Throttler", () => {
  it("uses Graph's ResourceUnit quota by tenant size", () => {
    const t = new Throttler(clock().now);
    for (const userCount of [49, 50, 500, 501]) {
      t.check({ ...read(1), userCount, tenantId: `tenant-${userCount}` }, limits());
    }
    expect(t.levels().map((b) => b.capacity)).toEqual([3500, 5000, 5000, 8000]);
  });

  it("refuses a request the bucket cannot pay for and says exactly how long until it can", () => {
    const c = clock();
    const t = new Throttler(c.now);
    const l = limits({ resourceUnits: { small: 10, medium: 10, large: 10, windowSeconds: 10 } });
    for (let i = 0; i < 5; i++) expect(t.check(read(2), l).allowed).toBe(true);
    expect(t.check(read(2), l)).toEqual({
      allowed: false,
      retryAfterSeconds: 2,
      scope: `Tenant_Application/ReadWrite/${APP}/${TENANT}`,
      information: "ResourceUnitLimitExceeded",
    });
    c.advance(500);
    expect(t.check(read(2), l)).toMatchObject({ allowed: false, retryAfterSeconds: 1.5 });
  });

  it("takes nothing from any bucket for a throttled request", () => {
    const c = clock();
    const t = new Throttler(c.now);
    const l = limits({ resourceUnits: { small: 4, medium: 4, large: 4, windowSeconds: 4 } });
    t.check(read(3), l);
    expect(t.check(read(3), l).allowed).toBe(false);
    expect(t.check(read(3), l).allowed).toBe(false);
    expect(t.levels()[0]!.level).toBe(1);
    c.advance(2000);
    expect(t.check(read(3), l).allowed).toBe(true);
  });

  it("divides every window by the time scale", () => {
    const c = clock();
    const t = new Throttler(c.now);
    const l = limits({
      timeScale: 100,
      resourceUnits: { small: 10, medium: 10, large: 10, windowSeconds: 10 },
    });
    t.check(read(10), l);
    expect(t.check(read(2), l)).toMatchObject({ allowed: false, retryAfterSeconds: 0.02 });
    c.advance(20);
    expect(t.check(read(2), l).allowed).toBe(true);
  });

  it("limits writes per app and tenant while reads still pass", () => {
    const t = new Throttler(clock().now);
    const l = limits({ appTenantWrites: { limit: 3, windowSeconds: 150 } });
    for (let i = 0; i < 3; i++) expect(t.check(write(), l).allowed).toBe(true);
    expect(t.check(write(), l)).toEqual({
      allowed: false,
      retryAfterSeconds: 50,
      scope: `Tenant_Application/Write/${APP}/${TENANT}`,
      information: "WriteLimitExceeded",
    });
    expect(t.check(read(1), l).allowed).toBe(true);
    expect(t.check(write(OTHER_APP), l).allowed).toBe(true);
  });

  it("limits writes per tenant across all apps", () => {
    const t = new Throttler(clock().now);
    const l = limits({ tenantWrites: { limit: 4, windowSeconds: 300 } });
    expect(
      [write(), write(), write(OTHER_APP), write(OTHER_APP)].every((s) => t.check(s, l).allowed),
    ).toBe(true);
    expect(t.check(write(OTHER_APP), l)).toEqual({
      allowed: false,
      retryAfterSeconds: 75,
      scope: `Tenant/Write/${OTHER_APP}/${TENANT}`,
      information: "WriteLimitExceeded",
    });
    expect(t.check(write(), l).allowed).toBe(false);
  });

  it("reports how full the fullest bucket is", () => {
    const t = new Throttler(clock().now);
    const l = limits({ resourceUnits: { small: 10, medium: 10, large: 10, windowSeconds: 10 } });
    expect(t.check(read(5), l)).toEqual({ allowed: true, usage: 0.5 });
    expect(t.check(read(4), l)).toEqual({ allowed: true, usage: 0.9 });
  });

  it("lets everything through when disabled, still counting", () => {
    const t = new Throttler(clock().now);
    const l = limits({
      enabled: false,
      resourceUnits: { small: 1, medium: 1, large: 1, windowSeconds: 10 },
    });
    for (let i = 0; i < 5; i++) expect(t.check(read(2), l).allowed).toBe(true);
    expect(t.levels()[0]!.level).toBe(0);
  });
});
