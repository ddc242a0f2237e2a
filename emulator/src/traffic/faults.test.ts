import { beforeAll, describe, expect, it } from "vitest";
import { graphTestTenant, graphUserId } from "../testing/tenants";
import { graphToken } from "../testing/graph-tokens";
import { emulatorPerFile } from "../testing/emulator";
import { callEmulator, controlApi, reprocessUser } from "../testing/http";

const emu = emulatorPerFile({ tenant: graphTestTenant, freshTenantEachTest: true });
let token: string;
const USER_4 = graphUserId(4);
// Fixed by setting a usage location, so a reprocess that ran shows.
const USER_5 = graphUserId(5);

beforeAll(async () => {
  token = await graphToken(emu.state);
});

const control = controlApi(emu);
const addFault = (fault: object) => control("POST", "/_emulator/faults", fault);
const get = (path: string) => callEmulator(emu, path, { token });
const reprocess = () => reprocessUser(emu, USER_4, token);

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

describe("injected faults", () => {
  it("fails exactly the next N matching requests with the given status, then lets them through", async () => {
    const added = await addFault({ path: "/users", status: 503, times: 2 });
    expect(added.status).toBe(201);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get("/v1.0/users")).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await control("GET", "/_emulator/faults")).body.faults).toEqual([
      expect.objectContaining({ id: added.body.id, remaining: 0, applied: 2 }),
    ]);
  });

  it("answers an injected 503 with Graph's error body and headers", async () => {
    await addFault({ path: "/users", status: 503, times: 1 });
    const res = await get("/v1.0/users");
    expect(res.body.error).toMatchObject({
      code: "serviceNotAvailable",
      innerError: { "request-id": res.headers.get("request-id") },
    });
    expect(res.headers.get("retry-after")).toBeNull();
  });

  it("sends a fractional Retry-After on an injected 429", async () => {
    await addFault({ path: "/users", status: 429, times: 1, retryAfter: 0.2 });
    const res = await get("/v1.0/users");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("0.2");
    expect(res.body.error.code).toBe("TooManyRequests");
  });

  it("defaults a 429's Retry-After to one second and can leave it out", async () => {
    await addFault({ path: "/users", status: 429, times: 1 });
    await addFault({ path: "/users", status: 429, times: 1, omitRetryAfter: true });
    expect((await get("/v1.0/users")).headers.get("retry-after")).toBe("1");
    const bare = await get("/v1.0/users");
    expect(bare.status).toBe(429);
    expect(bare.headers.get("retry-after")).toBeNull();
  });

  it("drops the connection and logs the request with status 0", async () => {
    await addFault({ path: "/groups", drop: true, times: 1 });
    const since = emu.state.log.lastSeq;
    await expect(get("/v1.0/groups")).rejects.toThrow();
    expect(emu.state.log.list({ since })).toEqual([
      expect.objectContaining({ path: "/v1.0/groups", status: 0 }),
    ]);
    expect((await get("/v1.0/groups")).status).toBe(200);
  });

  it("drops the connection after the request ran: a reprocess whose answer is lost was still applied", async () => {
    emu.state.config.reprocessDelayMs = 0;
    await callEmulator(emu, `/v1.0/users/${USER_5}`, {
      token,
      method: "PATCH",
      body: { usageLocation: "SE" },
    });
    await addFault({ path: "/$batch", dropAfterHandling: true, times: 1 });
    const since = emu.state.log.lastSeq;
    const batch = {
      requests: [
        {
          id: "1",
          method: "POST",
          url: `/users/${USER_5}/reprocessLicenseAssignment`,
          body: {},
          headers: { "Content-Type": "application/json" },
        },
      ],
    };
    await expect(
      callEmulator(emu, "/v1.0/$batch", { token, method: "POST", body: batch }),
    ).rejects.toThrow();
    const logged = emu.state.log.list({ since });
    expect(logged.map((entry) => [entry.path, entry.status])).toEqual([
      [`/v1.0/users/${USER_5}/reprocessLicenseAssignment`, 200],
      ["/v1.0/$batch", 0],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await get(`/v1.0/users/${USER_5}?$select=licenseAssignmentStates`);
    expect(after.body.licenseAssignmentStates[0]).toMatchObject({ error: "None", state: "Active" });
  });

  it("slows down only the matching requests by latencyMs", async () => {
    // Wide apart so a busy machine cannot blur the slow call into the fast one.
    await addFault({ path: "/groups", latencyMs: 1000, times: 1 });
    const [slow, slowMs] = await timed(() => get("/v1.0/groups"));
    expect(slow.status).toBe(200);
    expect(slowMs).toBeGreaterThanOrEqual(990);
    const [, fastMs] = await timed(() => get("/v1.0/groups"));
    expect(fastMs).toBeLessThan(700);
  });

  it("matches a glob on the Graph path and a method", async () => {
    await addFault({
      path: "/users/*/reprocessLicenseAssignment",
      method: "POST",
      status: 500,
      times: 5,
    });
    expect((await get(`/v1.0/users/${USER_4}`)).status).toBe(200);
    const res = await reprocess();
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe("generalException");
  });

  it("fires rules in the order they were added", async () => {
    await addFault({ path: "/users", status: 502, times: 1 });
    await addFault({ path: "/users", status: 504, times: 1 });
    expect([(await get("/v1.0/users")).status, (await get("/v1.0/users")).status]).toEqual([
      502, 504,
    ]);
  });

  it("clears every rule with DELETE", async () => {
    await addFault({ path: "/users", status: 503, times: 10 });
    expect((await control("DELETE", "/_emulator/faults")).status).toBe(204);
    expect((await get("/v1.0/users")).status).toBe(200);
    expect((await control("GET", "/_emulator/faults")).body.faults).toEqual([]);
  });

  it("refuses a rule that would do nothing or has no path", async () => {
    expect((await addFault({ path: "/users", times: 1 })).status).toBe(400);
    expect((await addFault({ status: 503, times: 1 })).status).toBe(400);
    expect((await addFault({ path: "/users", status: 503, times: 0 })).status).toBe(400);
  });
});

describe("global latency", () => {
  it("adds the configured latency to every Graph request until set back to 0", async () => {
    expect((await control("PUT", "/_emulator/latency", { ms: 1000 })).body).toEqual({
      latencyMs: 1000,
    });
    const [, slowMs] = await timed(() => get("/v1.0/subscribedSkus"));
    expect(slowMs).toBeGreaterThanOrEqual(990);
    await control("PUT", "/_emulator/latency", { ms: 0 });
    const [, fastMs] = await timed(() => get("/v1.0/subscribedSkus"));
    expect(fastMs).toBeLessThan(700);
  });

  it("refuses a negative latency", async () => {
    expect((await control("PUT", "/_emulator/latency", { ms: -1 })).status).toBe(400);
  });
});
