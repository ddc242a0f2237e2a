import { beforeAll, describe, expect, it } from "vitest";
import { emulatorPerFile } from "../testing/emulator";
import { callEmulator } from "../testing/http";
import { graphGroupId, graphTestTenant, graphUserId, SKU } from "../testing/tenants";
import { graphToken } from "../testing/graph-tokens";

const emu = emulatorPerFile({ tenant: () => graphTestTenant(30) });
let token: string;

const E3_GROUP = graphGroupId("E3 users");
const EXCHANGE_GROUP = graphGroupId("Exchange users");
const USER_4 = graphUserId(4);

beforeAll(async () => {
  token = await graphToken(emu.state, { permissions: ["GroupMember.Read.All"] });
});

const get = (path: string, headers?: Record<string, string>) =>
  callEmulator(emu, path, { token, headers });

describe("GET /groups", () => {
  it("lists groups with Graph's default properties and never the member list", async () => {
    const res = await get("/v1.0/groups");
    expect(res.status).toBe(200);
    expect(res.body.value.map((g: { displayName: string }) => g.displayName)).toEqual([
      "E3 users",
      "Exchange users",
      "Sales",
    ]);
    const first = res.body.value[0];
    expect(first).toMatchObject({
      id: E3_GROUP,
      securityEnabled: true,
      mailEnabled: false,
      groupTypes: [],
    });
    expect(first.memberIds).toBeUndefined();
    expect(first.assignedLicenses).toBeUndefined();
    expect(first.hasMembersWithLicenseErrors).toBeUndefined();
  });

  it("finds groups with members in error, never returning the property even when selected", async () => {
    const res = await get(
      `/v1.0/groups?$count=true&$filter=hasMembersWithLicenseErrors+eq+true&$select=id,displayName,hasMembersWithLicenseErrors`,
      { ConsistencyLevel: "eventual" },
    );
    expect(res.body["@odata.count"]).toBe(2);
    expect(res.body.value).toEqual([
      { id: E3_GROUP, displayName: "E3 users" },
      { id: EXCHANGE_GROUP, displayName: "Exchange users" },
    ]);
  });

  it("filters on displayName and pages", async () => {
    const res = await get(
      `/v1.0/groups?$filter=${encodeURIComponent("startswith(displayName,'e')")}&$top=1`,
    );
    expect(res.body.value).toHaveLength(1);
    const next = new URL(res.body["@odata.nextLink"]);
    const page2 = await callEmulator(emu, `${next.pathname}${next.search}`, { token });
    expect(page2.body.value.map((g: { displayName: string }) => g.displayName)).toEqual([
      "Exchange users",
    ]);
    expect(page2.body["@odata.nextLink"]).toBeUndefined();
  });

  it("shows license properties only on $select, licenseProcessingState as a complex value", async () => {
    const res = await get(
      `/v1.0/groups/${EXCHANGE_GROUP}?$select=id,assignedLicenses,licenseProcessingState`,
    );
    expect(res.body).toEqual({
      "@odata.context": `${emu.url}/v1.0/$metadata#groups(id,assignedLicenses,licenseProcessingState)/$entity`,
      id: EXCHANGE_GROUP,
      assignedLicenses: [{ disabledPlans: [], skuId: SKU.EXCHANGE_P1 }],
      licenseProcessingState: { state: "ProcessingComplete" },
    });
  });

  it("finds the group that carries an address with proxyAddresses/any()", async () => {
    const sales = emu.state.tenant.groups.find((g) => g.displayName === "Sales")!;
    sales.mail = "sales@fabrikam.test";
    const res = await get(
      `/v1.0/groups?$select=id,displayName,proxyAddresses&$filter=${encodeURIComponent("proxyAddresses/any(x:x eq 'smtp:sales@fabrikam.test')")}`,
    );
    expect(res.body.value).toEqual([
      { id: sales.id, displayName: "Sales", proxyAddresses: ["SMTP:sales@fabrikam.test"] },
    ]);
  });

  it("counts groups as text with GET /groups/$count", async () => {
    const res = await get("/v1.0/groups/$count", { ConsistencyLevel: "eventual" });
    expect(res.body).toBe(3);
  });

  it("answers an unknown group with 404 Request_ResourceNotFound", async () => {
    const res = await get("/v1.0/groups/00000002-0000-4000-8000-0000000000ff/members");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("Request_ResourceNotFound");
  });
});

describe("group members", () => {
  it("lists members as directoryObjects with @odata.type", async () => {
    const res = await get(`/v1.0/groups/${E3_GROUP}/members?$top=3`);
    expect(res.body["@odata.context"]).toBe(`${emu.url}/v1.0/$metadata#directoryObjects`);
    expect(res.body.value).toHaveLength(3);
    expect(res.body.value[0]["@odata.type"]).toBe("#microsoft.graph.user");
    expect(res.body["@odata.nextLink"]).toContain(
      `/v1.0/groups/${E3_GROUP}/members?$top=3&$skiptoken=`,
    );
    expect(res.headers.get("x-ms-resource-unit")).toBe("2");
  });

  it("lists the members anew after a membership change", async () => {
    const ids = async () =>
      (await get(`/v1.0/groups/${EXCHANGE_GROUP}/members?$select=id`)).body.value.map(
        (m: { id: string }) => m.id,
      );
    const before = await ids();
    const res = await callEmulator(emu, `/_emulator/groups/${EXCHANGE_GROUP}/members`, {
      method: "POST",
      body: { add: [USER_4] },
    });
    expect(res.status).toBe(200);
    expect(await ids()).toEqual([...before, USER_4]);
    await callEmulator(emu, `/_emulator/groups/${EXCHANGE_GROUP}/members`, {
      method: "POST",
      body: { remove: [USER_4] },
    });
    expect(await ids()).toEqual(before);
  });

  it("lists only the members whose license from this group failed", async () => {
    const res = await get(
      `/v1.0/groups/${E3_GROUP}/membersWithLicenseErrors?$select=id,userPrincipalName`,
    );
    expect(res.body.value).toEqual([
      {
        "@odata.type": "#microsoft.graph.user",
        id: USER_4,
        userPrincipalName: "user004@fabrikam.test",
      },
    ]);
  });
});

describe("GET /subscribedSkus", () => {
  it("reports prepaid and consumed units and hides the model's internal fields", async () => {
    const org = await graphToken(emu.state, { permissions: ["Organization.Read.All"] });
    const res = await callEmulator(emu, "/v1.0/subscribedSkus", { token: org });
    const e3 = res.body.value[0];
    expect(e3).toMatchObject({
      skuPartNumber: "ENTERPRISEPACK",
      consumedUnits: 3,
      prepaidUnits: { enabled: 3, suspended: 0, warning: 0, lockedOut: 0 },
      id: `${emu.state.tenant.id}_${e3.skuId}`,
    });
    expect(e3.notSoldIn).toBeUndefined();
    expect(Object.keys(e3.servicePlans[0])).toEqual([
      "servicePlanId",
      "servicePlanName",
      "provisioningStatus",
      "appliesTo",
    ]);
    expect(res.headers.get("x-ms-resource-unit")).toBe("3");
  });

  it("needs an organization permission", async () => {
    expect((await get("/v1.0/subscribedSkus")).status).toBe(403);
  });
});
