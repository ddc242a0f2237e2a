import { beforeAll, describe, expect, it } from "vitest";
import { emulatorPerFile } from "../testing/emulator";
import { callEmulator, reprocessUser } from "../testing/http";
import { graphTestTenant, graphUserId, SKU } from "../testing/tenants";
import { graphToken } from "../testing/graph-tokens";

const emu = emulatorPerFile({ tenant: () => graphTestTenant(30), freshTenantEachTest: true });
let token: string;

const USER_1 = graphUserId(1);
const USER_5 = graphUserId(5);

beforeAll(async () => {
  token = await graphToken(emu.state);
});

const get = (path: string) => callEmulator(emu, path, { token });

describe("PATCH /users/{id}", () => {
  const patch = (id: string, body: unknown) =>
    callEmulator(emu, `/v1.0/users/${id}`, { token, method: "PATCH", body });

  it("sets usageLocation with 204 and leaves the license error in place until reprocessed", async () => {
    const res = await patch(USER_5, { usageLocation: "se" });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    const after = await get(`/v1.0/users/${USER_5}?$select=usageLocation,licenseAssignmentStates`);
    expect(after.body.usageLocation).toBe("SE");
    expect(after.body.licenseAssignmentStates[0].error).toBe("ProhibitedInUsageLocationViolation");
  });

  it.each([["XX"], ["USA"], [42]])("refuses usageLocation %s", async (value) => {
    const res = await patch(USER_5, { usageLocation: value });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "Request_BadRequest",
      message: "Invalid value specified for property 'usageLocation' of resource 'User'.",
    });
  });

  it("refuses read-only and unknown properties and writes nothing", async () => {
    const res = await patch(USER_5, { usageLocation: "SE", assignedLicenses: [] });
    expect(res.status).toBe(400);
    expect((await patch(USER_5, { favouriteColour: "blue" })).status).toBe(400);
    expect(
      (await get(`/v1.0/users/${USER_5}?$select=usageLocation`)).body.usageLocation,
    ).toBeNull();
  });

  it("answers 404 for an unknown user", async () => {
    expect((await patch("nobody@fabrikam.test", { usageLocation: "SE" })).status).toBe(404);
  });
});

describe("POST /users/{id}/reprocessLicenseAssignment", () => {
  it("answers 200 with the user at once and applies the re-evaluation later", async () => {
    emu.state.config.reprocessDelayMs = 150;
    await callEmulator(emu, `/v1.0/users/${USER_5}`, {
      token,
      method: "PATCH",
      body: { usageLocation: "SE" },
    });
    const res = await reprocessUser(emu, USER_5, token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: USER_5, assignedLicenses: [], assignedPlans: [] });
    expect(res.body.licenseAssignmentStates).toBeUndefined();
    const select = `/v1.0/users/${USER_5}?$select=licenseAssignmentStates,assignedLicenses`;
    expect((await get(select)).body.licenseAssignmentStates[0].error).toBe(
      "ProhibitedInUsageLocationViolation",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await get(select);
    expect(after.body.licenseAssignmentStates[0]).toMatchObject({ error: "None", state: "Active" });
    expect(after.body.assignedLicenses).toHaveLength(1);
  });

  it("answers 404 for an unknown user", async () => {
    const res = await callEmulator(
      emu,
      "/v1.0/users/nobody@fabrikam.test/reprocessLicenseAssignment",
      {
        token,
        method: "POST",
      },
    );
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("Request_ResourceNotFound");
  });
});

describe("GET /users/{id}/licenseDetails", () => {
  it("lists the user's products with their service plans", async () => {
    const res = await get(`/v1.0/users/${USER_1}/licenseDetails`);
    expect(res.status).toBe(200);
    expect(res.body.value).toEqual([
      expect.objectContaining({ skuId: SKU.E3, skuPartNumber: "ENTERPRISEPACK" }),
    ]);
    expect(res.body.value[0].servicePlans[0]).toEqual({
      servicePlanId: expect.any(String),
      servicePlanName: expect.any(String),
      provisioningStatus: "Success",
      appliesTo: "User",
    });
    expect(res.headers.get("x-ms-resource-unit")).toBe("2");
  });
});
