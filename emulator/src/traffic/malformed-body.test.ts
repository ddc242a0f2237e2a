import { beforeAll, describe, expect, it } from "vitest";
import { emulatorPerFile } from "../testing/emulator";
import { graphToken } from "../testing/graph-tokens";
import { callEmulator, controlApi, reprocessUser } from "../testing/http";
import { graphTestTenant, graphUserId } from "../testing/tenants";

const emu = emulatorPerFile({ tenant: graphTestTenant, freshTenantEachTest: true });
const control = controlApi(emu);
const USER_5 = graphUserId(5);
let token: string;

beforeAll(async () => {
  token = await graphToken(emu.state);
});

const get = (path: string) => callEmulator(emu, path, { token });
const malformed = (fault: object) =>
  control("POST", "/_emulator/faults", { malformedBody: true, times: 1, ...fault });

describe("malformed-body faults", () => {
  it("answers the matching request with its JSON cut in half, labelled JSON, once", async () => {
    expect((await malformed({ path: "/users" })).status).toBe(201);
    const res = await get("/v1.0/users");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(typeof res.body).toBe("string");
    expect(() => JSON.parse(res.body as string)).toThrow();
    expect((await get("/v1.0/users")).body.value.length).toBeGreaterThan(0);
  });

  it("lets the request run: a reprocess whose answer is spoiled is still applied", async () => {
    emu.state.config.reprocessDelayMs = 0;
    await callEmulator(emu, `/v1.0/users/${USER_5}`, {
      token,
      method: "PATCH",
      body: { usageLocation: "SE" },
    });
    await malformed({ path: "/users/*/reprocessLicenseAssignment" });
    const res = await reprocessUser(emu, USER_5, token);
    expect(res.status).toBe(200);
    expect(typeof res.body).toBe("string");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await get(`/v1.0/users/${USER_5}?$select=licenseAssignmentStates`);
    expect(after.body.licenseAssignmentStates[0]).toMatchObject({ error: "None", state: "Active" });
  });

  it("leaves an answer without a body as it is", async () => {
    await malformed({ path: "/users/*", method: "PATCH" });
    const res = await callEmulator(emu, `/v1.0/users/${USER_5}`, {
      token,
      method: "PATCH",
      body: { usageLocation: "SE" },
    });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
  });
});
