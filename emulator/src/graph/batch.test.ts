import { beforeAll, describe, expect, it } from "vitest";
import { emulatorPerFile } from "../testing/emulator";
import { callEmulator } from "../testing/http";
import { graphTestTenant, graphUserId } from "../testing/tenants";
import { graphToken } from "../testing/graph-tokens";

const emu = emulatorPerFile({ tenant: graphTestTenant, freshTenantEachTest: true });
let token: string;

const USER_4 = graphUserId(4);
const MISSING = "00000000-0000-0000-0000-000000000000";

beforeAll(async () => {
  token = await graphToken(emu.state);
});

const batch = (body: unknown) => callEmulator(emu, "/v1.0/$batch", { token, method: "POST", body });
const reprocess = (id: string, userId: string, extra: object = {}) => ({
  id,
  method: "POST",
  url: `/users/${userId}/reprocessLicenseAssignment`,
  body: {},
  headers: { "Content-Type": "application/json" },
  ...extra,
});

describe("POST /$batch", () => {
  it("runs each request and answers 200 with one response per id", async () => {
    const res = await batch({
      requests: [
        { id: "1", method: "GET", url: "/users?$select=id&$top=2" },
        { id: "2", method: "GET", url: `users/${USER_4}?$select=licenseAssignmentStates` },
        reprocess("3", MISSING),
        { id: "4", method: "GET", url: "/users/$count", headers: { ConsistencyLevel: "eventual" } },
      ],
    });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId["1"].status).toBe(200);
    expect(byId["1"].body.value).toHaveLength(2);
    expect(byId["1"].headers).toMatchObject({
      "Cache-Control": "no-cache",
      "x-ms-resource-unit": "1",
    });
    expect(byId["2"].body.licenseAssignmentStates[0].error).toBe("CountViolation");
    expect(byId["3"].status).toBe(404);
    expect(byId["3"].body.error.code).toBe("Request_ResourceNotFound");
    expect(byId["4"].body).toBe("12");
  });

  it("fails dependants of a failed request with 424 and still runs the rest", async () => {
    const res = await batch({
      requests: [
        reprocess("a", MISSING),
        { id: "b", method: "GET", url: `/users/${USER_4}`, dependsOn: ["a"] },
        { id: "c", method: "GET", url: `/users/${USER_4}`, dependsOn: ["b"] },
        { id: "d", method: "GET", url: `/users/${USER_4}` },
      ],
    });
    const status = Object.fromEntries(
      res.body.responses.map((r: { id: string; status: number }) => [r.id, r.status]),
    );
    expect(status).toEqual({ a: 404, b: 424, c: 424, d: 200 });
  });

  it("runs a dependency before its dependant whatever their order in the batch", async () => {
    const res = await batch({
      requests: [
        { id: "2", method: "GET", url: `/users/${USER_4}`, dependsOn: ["1"] },
        {
          id: "1",
          method: "PATCH",
          url: `/users/${USER_4}`,
          body: { jobTitle: "Lead" },
          headers: { "content-type": "application/json" },
        },
      ],
    });
    expect(res.body.responses.map((r: { id: string }) => r.id)).toEqual(["1", "2"]);
    expect(res.body.responses[1].body.jobTitle).toBe("Lead");
  });

  it("logs every item with the outer request's sequence number", async () => {
    const since = emu.state.log.lastSeq;
    await batch({ requests: [reprocess("1", USER_4), { id: "2", method: "GET", url: "/groups" }] });
    const entries = emu.state.log.list({ since });
    const outer = entries.find((e) => e.path === "/v1.0/$batch")!;
    const items = entries.filter((e) => e.batchSeq === outer.seq);
    expect(items.map((e) => [e.method, e.path, e.status])).toEqual([
      ["POST", `/v1.0/users/${USER_4}/reprocessLicenseAssignment`, 200],
      ["GET", "/v1.0/groups", 200],
    ]);
  });

  it("applies permissions per item with the outer token", async () => {
    const readOnly = await graphToken(emu.state, { permissions: ["User.Read.All"] });
    const res = await callEmulator(emu, "/v1.0/$batch", {
      token: readOnly,
      method: "POST",
      body: { requests: [reprocess("1", USER_4), { id: "2", method: "GET", url: "/users" }] },
    });
    expect(res.body.responses.map((r: { status: number }) => r.status)).toEqual([403, 200]);
  });

  it("needs a valid token on the outer request", async () => {
    const res = await callEmulator(emu, "/v1.0/$batch", { method: "POST", body: { requests: [] } });
    expect(res.status).toBe(401);
  });
});

describe("malformed $batch", () => {
  const expectBadBatch = async (body: unknown, message: RegExp) => {
    const res = await batch(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("BadRequest");
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error.innerError["request-id"]).toBe(res.headers.get("request-id"));
  };

  it("refuses a body that is not JSON", () =>
    expectBadBatch("{ requests: [", /Unable to read JSON request payload/));

  it("refuses more than 20 requests", () =>
    expectBadBatch(
      {
        requests: Array.from({ length: 21 }, (_, i) => ({
          id: String(i),
          method: "GET",
          url: "/users",
        })),
      },
      /exceeds the maximum of 20/,
    ));

  it("refuses duplicate ids", () =>
    expectBadBatch(
      {
        requests: [
          { id: "1", method: "GET", url: "/users" },
          { id: "1", method: "GET", url: "/groups" },
        ],
      },
      /duplicate request id '1'/,
    ));

  it("refuses a request without a url", () =>
    expectBadBatch({ requests: [{ id: "1", method: "GET" }] }, /'url'/));

  it("refuses a body without a Content-Type header", () =>
    expectBadBatch(
      {
        requests: [{ id: "1", method: "PATCH", url: `/users/${USER_4}`, body: { jobTitle: "x" } }],
      },
      /Write request id : 1 does not contain Content-Type header or body/,
    ));

  it("refuses a dependency on an id that is not in the batch", () =>
    expectBadBatch(
      { requests: [{ id: "1", method: "GET", url: "/users", dependsOn: ["9"] }] },
      /not in the batch/,
    ));

  it("refuses an empty batch", () => expectBadBatch({ requests: [] }, /Invalid batch payload/));
});

describe("faults and throttling inside $batch", () => {
  it("fails a matching item with the injected status and Retry-After in its headers", async () => {
    emu.state.traffic.faults.add({
      path: "/users/*/reprocessLicenseAssignment",
      status: 429,
      times: 1,
      retryAfter: 2.5,
    });
    const res = await batch({ requests: [reprocess("1", USER_4), reprocess("2", USER_4)] });
    expect(res.status).toBe(200);
    const [first, second] = res.body.responses;
    expect(first.status).toBe(429);
    expect(first.headers["Retry-After"]).toBe("2.5");
    expect(first.body.error.code).toBe("TooManyRequests");
    expect(second.status).toBe(200);
  });

  it("throttles items one by one against the same buckets", async () => {
    emu.state.traffic.setLimits({
      ...emu.state.traffic.limits,
      appTenantWrites: { limit: 2, windowSeconds: 150 },
    });
    const res = await batch({
      requests: [reprocess("1", USER_4), reprocess("2", USER_4), reprocess("3", USER_4)],
    });
    const [, , third] = res.body.responses;
    expect(res.body.responses.map((r: { status: number }) => r.status)).toEqual([200, 200, 429]);
    expect(third.headers["x-ms-throttle-information"]).toBe("WriteLimitExceeded");
    expect(Number(third.headers["Retry-After"])).toBeGreaterThan(0);
  });

  it("drops the whole connection when an item's fault says drop", async () => {
    emu.state.traffic.faults.add({ path: "/groups", drop: true, times: 1 });
    await expect(
      batch({
        requests: [
          { id: "1", method: "GET", url: "/users" },
          { id: "2", method: "GET", url: "/groups" },
        ],
      }),
    ).rejects.toThrow();
  });
});
