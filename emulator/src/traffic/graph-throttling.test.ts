import { beforeAll, describe, expect, it } from "vitest";
import { GRAPH_TEST_TENANT_ID, graphTestTenant, graphUserId } from "../testing/tenants";
import { graphToken, TEST_APP_ID } from "../testing/graph-tokens";
import { emulatorPerFile } from "../testing/emulator";
import { callEmulator, controlApi, reprocessUser } from "../testing/http";

const emu = emulatorPerFile({ tenant: graphTestTenant, freshTenantEachTest: true });
let token: string;
const USER_4 = graphUserId(4);

beforeAll(async () => {
  token = await graphToken(emu.state);
});

const control = controlApi(emu);
const listUsers = () => callEmulator(emu, "/v1.0/users", { token });
const reprocess = (t = token) => reprocessUser(emu, USER_4, t);

describe("Graph throttling over HTTP", () => {
  it("answers 429 with Graph's body, a fractional Retry-After and the throttle headers", async () => {
    await control("PUT", "/_emulator/limits", { resourceUnits: { small: 10 } });
    const first = await listUsers();
    expect(first.headers.get("x-ms-throttle-limit-percentage")).toBeNull();
    for (let i = 0; i < 4; i++) await listUsers();
    const res = await listUsers();
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(1.5);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(res.headers.get("retry-after")).toMatch(/^\d+(\.\d{1,3})?$/);
    expect(res.headers.get("x-ms-throttle-scope")).toBe(
      `Tenant_Application/ReadWrite/${TEST_APP_ID}/${GRAPH_TEST_TENANT_ID}`,
    );
    expect(res.headers.get("x-ms-throttle-information")).toBe("ResourceUnitLimitExceeded");
    expect(res.body).toEqual({
      error: {
        code: "TooManyRequests",
        message: "Please retry again later.",
        innerError: {
          code: "429",
          date: expect.any(String),
          message: "Please retry after",
          "request-id": res.headers.get("request-id"),
          status: "429",
        },
      },
    });
  });

  it("warns with x-ms-throttle-limit-percentage once a bucket is more than 80% used", async () => {
    await control("PUT", "/_emulator/limits", { resourceUnits: { small: 10 } });
    const percentages: (string | null)[] = [];
    for (let i = 0; i < 5; i++)
      percentages.push((await listUsers()).headers.get("x-ms-throttle-limit-percentage"));
    expect(percentages.slice(0, 3)).toEqual([null, null, null]);
    expect(Number(percentages[4])).toBeGreaterThan(0.8);
  });

  it("lets the client back in once Retry-After has passed (windows scaled down)", async () => {
    await control("PUT", "/_emulator/limits", { timeScale: 10, resourceUnits: { small: 4 } });
    await listUsers();
    await listUsers();
    const throttled = await listUsers();
    expect(throttled.status).toBe(429);
    const wait = Number(throttled.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0.25);
    expect(wait).toBeLessThanOrEqual(0.5);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 5));
    expect((await listUsers()).status).toBe(200);
  });

  it("exhausts the app's write bucket with reprocess calls while reads still pass", async () => {
    await control("PUT", "/_emulator/limits", { appTenantWrites: { limit: 3 } });
    for (let i = 0; i < 3; i++) expect((await reprocess()).status).toBe(200);
    const res = await reprocess();
    expect(res.status).toBe(429);
    expect(res.headers.get("x-ms-throttle-scope")).toBe(
      `Tenant_Application/Write/${TEST_APP_ID}/${GRAPH_TEST_TENANT_ID}`,
    );
    expect(res.headers.get("x-ms-throttle-information")).toBe("WriteLimitExceeded");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(49);
    expect((await listUsers()).status).toBe(200);
  });

  it("applies the tenant-wide write limit to all apps together", async () => {
    const otherApp = "6b2f8d4c-0e3a-4c7b-9f2d-8a4e3c0b7d51";
    const other = await graphToken(emu.state, { appId: otherApp });
    await control("PUT", "/_emulator/limits", { tenantWrites: { limit: 3 } });
    expect((await reprocess()).status).toBe(200);
    expect((await reprocess()).status).toBe(200);
    expect((await reprocess(other)).status).toBe(200);
    const res = await reprocess(other);
    expect(res.status).toBe(429);
    expect(res.headers.get("x-ms-throttle-scope")).toBe(
      `Tenant/Write/${otherApp}/${GRAPH_TEST_TENANT_ID}`,
    );
  });

  it("charges nothing for a throttled request", async () => {
    await control("PUT", "/_emulator/limits", { resourceUnits: { small: 5, windowSeconds: 3600 } });
    await listUsers();
    await listUsers();
    const before = (await control("GET", "/_emulator/limits")).body.buckets[0].level;
    expect((await listUsers()).status).toBe(429);
    const after = (await control("GET", "/_emulator/limits")).body.buckets[0].level;
    expect(after).toBeGreaterThanOrEqual(before);
    expect(after).toBeLessThan(1.1);
  });

  it("reports limits, tenant size and bucket levels, and can switch throttling off", async () => {
    const res = await control("PUT", "/_emulator/limits", {
      enabled: false,
      resourceUnits: { small: 2 },
    });
    expect(res.body).toMatchObject({
      enabled: false,
      tenantSize: "small",
      resourceUnits: { small: 2, medium: 5000 },
    });
    for (let i = 0; i < 3; i++) expect((await listUsers()).status).toBe(200);
    const { body } = await control("GET", "/_emulator/limits");
    expect(body.buckets).toEqual([
      {
        kind: "resourceUnits",
        appId: TEST_APP_ID,
        tenantId: GRAPH_TEST_TENANT_ID,
        capacity: 2,
        windowSeconds: 10,
        level: expect.any(Number),
      },
    ]);
  });

  it("refuses invalid limits", async () => {
    expect((await control("PUT", "/_emulator/limits", { timeScale: 0 })).status).toBe(400);
    expect((await control("PUT", "/_emulator/limits", { resourceUnits: { tiny: 3 } })).status).toBe(
      400,
    );
  });

  it("resets limits with the tenant", async () => {
    await control("PUT", "/_emulator/limits", { resourceUnits: { small: 2 } });
    emu.state.replaceTenant(graphTestTenant());
    expect((await control("GET", "/_emulator/limits")).body.resourceUnits.small).toBe(3500);
  });
});
