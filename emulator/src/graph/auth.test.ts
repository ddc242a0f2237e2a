import { describe, expect, it } from "vitest";
import { GRAPH_APP_ID } from "../tenant/model";
import { emulatorPerFile } from "../testing/emulator";
import { callEmulator, reprocessUser, type EmulatorResponse } from "../testing/http";
import { graphTestTenant, graphUserId } from "../testing/tenants";
import { graphToken, TEST_APP_ID, TEST_USER_OID } from "../testing/graph-tokens";

const emu = emulatorPerFile({ tenant: graphTestTenant });

const USER_4 = graphUserId(4);

function expectGraphError(res: EmulatorResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.innerError).toEqual({
    date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
    "request-id": res.headers.get("request-id"),
    "client-request-id": res.headers.get("client-request-id"),
  });
}

describe("Graph token validation", () => {
  it("answers a request without a token with 401 InvalidAuthenticationToken and a Bearer challenge", async () => {
    const res = await callEmulator(emu, "/v1.0/users");
    expectGraphError(res, 401, "InvalidAuthenticationToken");
    expect(res.body.error.message).toBe("Access token is empty.");
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
  });

  it("rejects an expired token", async () => {
    const token = await graphToken(emu.state, { expiresIn: -60 });
    const res = await callEmulator(emu, "/v1.0/users", { token });
    expectGraphError(res, 401, "InvalidAuthenticationToken");
    expect(res.body.error.message).toBe("Access token has expired or is not yet valid.");
  });

  it("rejects a token that is not valid yet", async () => {
    const token = await graphToken(emu.state, { notBefore: 600 });
    const res = await callEmulator(emu, "/v1.0/users", { token });
    expectGraphError(res, 401, "InvalidAuthenticationToken");
    expect(res.body.error.message).toBe("Access token has expired or is not yet valid.");
  });

  it("rejects a token signed by a key the tenant never published", async () => {
    const token = await graphToken(emu.state, { key: "foreign", kid: emu.state.keys.kid });
    const res = await callEmulator(emu, "/v1.0/users", { token });
    expectGraphError(res, 401, "InvalidAuthenticationToken");
    expect(res.body.error.message).toMatch(/Invalid signature/);
  });

  it("rejects an unsigned token (alg none)", async () => {
    const token = await graphToken(emu.state, { alg: "none" });
    const res = await callEmulator(emu, "/v1.0/users", { token });
    expectGraphError(res, 401, "InvalidAuthenticationToken");
  });

  it("rejects a token whose kid is not in the tenant's key set", async () => {
    const token = await graphToken(emu.state, { kid: "not-a-published-kid" });
    expectGraphError(
      await callEmulator(emu, "/v1.0/users", { token }),
      401,
      "InvalidAuthenticationToken",
    );
  });

  it("rejects a token for another audience, such as the BFF's own API", async () => {
    const token = await graphToken(emu.state, {
      aud: "api://7e4c2a91-5b3d-4f06-8a2c-9d1e6b4f3a85",
    });
    const res = await callEmulator(emu, "/v1.0/users", { token });
    expectGraphError(res, 401, "InvalidAuthenticationToken");
    expect(res.body.error.message).toBe("Access token validation failure. Invalid audience.");
  });

  it("accepts Graph's app id as the audience", async () => {
    const token = await graphToken(emu.state, { aud: GRAPH_APP_ID });
    expect((await callEmulator(emu, "/v1.0/users", { token })).status).toBe(200);
  });

  it("rejects a token issued for another tenant", async () => {
    const tid = "11111111-2222-3333-4444-555555555555";
    const token = await graphToken(emu.state, { tid });
    const res = await callEmulator(emu, "/v1.0/users", { token });
    expectGraphError(res, 401, "InvalidAuthenticationToken");
    expect(res.body.error.message).toMatch(/Invalid issuer/);
  });

  it("rejects garbage in the Authorization header", async () => {
    const res = await callEmulator(emu, "/v1.0/users", {
      headers: { authorization: "Bearer not.a.jwt" },
    });
    expectGraphError(res, 401, "InvalidAuthenticationToken");
  });
});

describe("Graph permissions", () => {
  it("answers 403 Authorization_RequestDenied when the app holds no permission for the route", async () => {
    const token = await graphToken(emu.state, { permissions: ["GroupMember.Read.All"] });
    const res = await callEmulator(emu, "/v1.0/users", { token });
    expectGraphError(res, 403, "Authorization_RequestDenied");
    expect(res.body.error.message).toBe("Insufficient privileges to complete the operation.");
  });

  it("lets a read-only app read users but not reprocess them", async () => {
    const token = await graphToken(emu.state, { permissions: ["User.Read.All"] });
    expect((await callEmulator(emu, "/v1.0/users", { token })).status).toBe(200);
    const res = await reprocessUser(emu, USER_4, token);
    expectGraphError(res, 403, "Authorization_RequestDenied");
  });

  it("refuses a delegated write when the signed-in user has no admin role", async () => {
    const token = await graphToken(emu.state, {
      kind: "delegated",
      permissions: ["User.ReadWrite.All"],
    });
    expect((await callEmulator(emu, `/v1.0/users/${USER_4}`, { token })).status).toBe(200);
    const res = await callEmulator(emu, `/v1.0/users/${USER_4}`, {
      token,
      method: "PATCH",
      body: { usageLocation: "NO" },
    });
    expectGraphError(res, 403, "Authorization_RequestDenied");
  });

  it.each(["License Administrator", "User Administrator", "Global Administrator"] as const)(
    "lets a delegated %s reprocess a user",
    async (role) => {
      const token = await graphToken(emu.state, {
        kind: "delegated",
        permissions: ["User.ReadWrite.All"],
        roles: [role],
      });
      const res = await reprocessUser(emu, USER_4, token);
      expect(res.status).toBe(200);
    },
  );

  it("refuses a Global Reader's delegated write", async () => {
    const token = await graphToken(emu.state, {
      kind: "delegated",
      permissions: ["User.ReadWrite.All"],
      roles: ["Global Reader"],
    });
    const res = await reprocessUser(emu, USER_4, token);
    expectGraphError(res, 403, "Authorization_RequestDenied");
  });

  it("records the caller's app and user in the request log, never the token", async () => {
    const token = await graphToken(emu.state, {
      kind: "delegated",
      permissions: ["User.Read.All"],
    });
    const since = emu.state.log.lastSeq;
    await callEmulator(emu, "/v1.0/users?$top=1", { token });
    const [entry] = emu.state.log.list({ since });
    expect(entry).toMatchObject({
      path: "/v1.0/users",
      status: 200,
      appId: TEST_APP_ID,
      userId: TEST_USER_OID,
    });
    expect(JSON.stringify(entry)).not.toContain(token);
  });
});

describe("Graph response headers", () => {
  it("sends request-id, Date and x-ms-resource-unit, and echoes client-request-id", async () => {
    const token = await graphToken(emu.state);
    const res = await callEmulator(emu, "/v1.0/users", {
      token,
      headers: { "client-request-id": "abc-123" },
    });
    expect(res.headers.get("client-request-id")).toBe("abc-123");
    expect(res.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(res.headers.get("date") ?? "")).not.toBeNaN();
    expect(res.headers.get("x-ms-resource-unit")).toBe("2");
  });

  it("makes up a client-request-id when the caller sent none", async () => {
    const res = await callEmulator(emu, "/v1.0/users", { token: await graphToken(emu.state) });
    expect(res.headers.get("client-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("Graph routing errors", () => {
  it("answers an unknown segment with 400 Request_BadRequest naming it", async () => {
    const token = await graphToken(emu.state);
    const res = await callEmulator(emu, "/v1.0/usres", { token });
    expectGraphError(res, 400, "Request_BadRequest");
    expect(res.body.error.message).toBe("Resource not found for the segment 'usres'.");
  });

  it("has no group reprocess action, as in Graph", async () => {
    const token = await graphToken(emu.state);
    const res = await callEmulator(
      emu,
      "/v1.0/groups/00000002-0000-4000-8000-000000000001/reprocessLicenseAssignment",
      {
        token,
        method: "POST",
      },
    );
    expectGraphError(res, 400, "Request_BadRequest");
    expect(res.body.error.message).toBe(
      "Resource not found for the segment 'reprocessLicenseAssignment'.",
    );
  });

  it("answers a wrong method with 405", async () => {
    const token = await graphToken(emu.state);
    const res = await callEmulator(emu, "/v1.0/subscribedSkus", { token, method: "DELETE" });
    expectGraphError(res, 405, "Request_BadRequest");
  });

  it("matches paths case-insensitively", async () => {
    const token = await graphToken(emu.state);
    expect((await callEmulator(emu, "/V1.0/SubscribedSKUs", { token })).status).toBe(200);
  });
});
