import { beforeAll, describe, expect, it } from "vitest";
import { processUser } from "../licensing/engine";
import { emulatorPerFile } from "../testing/emulator";
import { graphToken } from "../testing/graph-tokens";
import { callEmulator } from "../testing/http";
import { groupId, licenseErrorsTenant, PLAN, SKU, userIn } from "../testing/tenants";

const emu = emulatorPerFile({ tenant: licenseErrorsTenant, freshTenantEachTest: true });
let token: string;

beforeAll(async () => {
  token = await graphToken(emu.state, { permissions: ["User.Read.All"] });
});

const ERRORS = "/beta/admin/cloudLicensing/assignmentErrors";
const USER_SELECT =
  "id,displayName,userPrincipalName,accountEnabled,usageLocation,assignedLicenses,licenseAssignmentStates";
const get = (path: string) => callEmulator(emu, path, { token });
const pathOf = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};
const idOf = (alias: string) => userIn(emu.state.tenant, alias).id;

/** Every item of a paged list, following @odata.nextLink to the end. */
async function readAll(
  first: string,
): Promise<{ pages: number; items: Record<string, unknown>[] }> {
  const items: Record<string, unknown>[] = [];
  let next: string | undefined = first;
  let pages = 0;
  while (next) {
    const res = await get(next);
    expect(res.status).toBe(200);
    items.push(...res.body.value);
    pages += 1;
    next = res.body["@odata.nextLink"] && pathOf(res.body["@odata.nextLink"]);
  }
  return { pages, items };
}

describe("GET /beta/admin/cloudLicensing/assignmentErrors", () => {
  it("lists one error per failing assignment, group-based and direct, with cloud licensing's codes", async () => {
    const res = await get(`${ERRORS}?$expand=assignedTo($select=userPrincipalName)`);
    expect(res.status).toBe(200);
    const rows = res.body.value.map((e: { code: string; skuId: string; assignedTo: object }) => [
      (e.assignedTo as { userPrincipalName: string }).userPrincipalName.split("@")[0],
      e.code,
      e.skuId,
    ]);
    expect(rows.sort()).toEqual([
      ["bob", "MissingDependency", SKU.ARCHIVE],
      ["cat", "MutuallyExclusiveViolation", SKU.E3],
      ["dan", "ProhibitedInUsageLocationViolation", SKU.POWER_BI],
      ["gus", "CountViolation", SKU.POWER_BI],
    ]);
  });

  it("shapes each error as Graph's assignmentError, dated by the failing state's last update", async () => {
    const res = await get(ERRORS);
    expect(res.body["@odata.context"]).toBe(
      `${emu.url}/beta/$metadata#admin/cloudLicensing/assignmentErrors`,
    );
    const bob = res.body.value.find((e: { code: string }) => e.code === "MissingDependency");
    expect(bob).toEqual({
      "@odata.type": "#microsoft.graph.cloudLicensing.assignmentError",
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      code: "MissingDependency",
      message: `Service plan ${PLAN.ARCHIVE} cannot be assigned without service plan ${PLAN.EXCHANGE_P1}, which this user does not currently have.`,
      occurrenceDateTime: userIn(emu.state.tenant, "bob").licenseAssignmentStates[0]!
        .lastUpdatedDateTime,
      skuId: SKU.ARCHIVE,
    });
    const cat = res.body.value.find((e: { code: string }) => e.code.startsWith("Mutually"));
    expect(cat.message).toBe(
      `Service plan ${PLAN.EXCHANGE_P2} cannot be assigned with service plan ${PLAN.EXCHANGE_P1}, which this user currently has.`,
    );
  });

  it("keeps each error's id across rebuilds of the tenant and changes of its code", async () => {
    const idOfCode = async (code: string) =>
      (await get(ERRORS)).body.value.find((e: { code: string }) => e.code === code)?.id;
    const prohibited = await idOfCode("ProhibitedInUsageLocationViolation");
    emu.state.replaceTenant(licenseErrorsTenant());
    expect(await idOfCode("ProhibitedInUsageLocationViolation")).toBe(prohibited);
    const dan = userIn(emu.state.tenant, "dan");
    dan.usageLocation = "US";
    processUser(emu.state.tenant, dan, new Date());
    const danErrors = await get(`/beta/users/${dan.id}/cloudLicensing/assignmentErrors`);
    expect(danErrors.body.value).toMatchObject([{ id: prohibited, code: "CountViolation" }]);
  });

  it("selects the error's properties with $select", async () => {
    const res = await get(`${ERRORS}?$select=id,skuId`);
    expect(res.body["@odata.context"]).toContain("assignmentErrors(id,skuId)");
    expect(Object.keys(res.body.value[0])).toEqual(["@odata.type", "id", "skuId"]);
  });

  it("expands assignedTo as a user directoryObject with a nested $select, license states included", async () => {
    const res = await get(`${ERRORS}?$expand=assignedTo($select=${USER_SELECT})`);
    expect(res.body["@odata.context"]).toContain(`assignmentErrors(assignedTo(${USER_SELECT}))`);
    const bob = res.body.value.find((e: { code: string }) => e.code === "MissingDependency");
    expect(Object.keys(bob.assignedTo)).toEqual(["@odata.type", ...USER_SELECT.split(",")]);
    expect(bob.assignedTo).toMatchObject({
      "@odata.type": "#microsoft.graph.user",
      id: idOf("bob"),
      accountEnabled: true,
      usageLocation: "US",
      assignedLicenses: [],
      licenseAssignmentStates: [
        {
          assignedByGroup: groupId(emu.state.tenant, "Archive"),
          error: "DependencyViolation",
          skuId: SKU.ARCHIVE,
          state: "Error",
        },
      ],
    });
  });

  it("expands assignedTo with the user's default properties when nothing is selected inside", async () => {
    const res = await get(`${ERRORS}?$expand=assignedTo&$top=1`);
    expect(Object.keys(res.body.value[0].assignedTo)).toContain("businessPhones");
    expect(res.body.value[0].assignedTo.licenseAssignmentStates).toBeUndefined();
  });

  it("refuses an unknown navigation property in $expand with Graph's 400", async () => {
    const res = await get(`${ERRORS}?$expand=owner`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      "Could not find a property named 'owner' on type 'microsoft.graph.cloudLicensing.assignmentError'.",
    );
  });

  it("writes a page's next link before its items, as OData's writer does", async () => {
    const res = await fetch(`${emu.url}${ERRORS}?$top=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    expect(text.indexOf('"@odata.nextLink"')).toBeGreaterThan(0);
    expect(text.indexOf('"@odata.nextLink"')).toBeLessThan(text.indexOf('"value"'));
    expect(JSON.parse(text).value).toHaveLength(1);
  });

  it("pages with $top and @odata.nextLink to the end, each error once", async () => {
    const all = (await get(ERRORS)).body.value.map((e: { id: string }) => e.id);
    const paged = await readAll(`${ERRORS}?$top=1&$expand=assignedTo($select=id)`);
    expect(paged.pages).toBe(4);
    expect(paged.items.map((e) => e["id"])).toEqual(all);
    expect(paged.items.every((e) => (e["assignedTo"] as { id: string }).id)).toBe(true);
  });

  it("keeps a page token right when an earlier error goes away: nothing after it is skipped", async () => {
    const first = await get(`${ERRORS}?$top=2`);
    const rest = (await get(ERRORS)).body.value.slice(2).map((e: { id: string }) => e.id);
    const gone = first.body.value[0];
    const owner = emu.state.tenant.users.find((u) =>
      u.licenseAssignmentStates.some((s) => s.skuId === gone.skuId && s.error !== "None"),
    )!;
    owner.directLicenses = [];
    emu.state.tenant.groups.forEach(
      (g) => (g.memberIds = g.memberIds.filter((id) => id !== owner.id)),
    );
    processUser(emu.state.tenant, owner, new Date());
    const second = await get(pathOf(first.body["@odata.nextLink"]));
    expect(second.body.value.map((e: { id: string }) => e.id)).toEqual(rest);
  });

  it("takes $top up to 999 and refuses more with Graph's 400", async () => {
    expect((await get(`${ERRORS}?$top=999`)).status).toBe(200);
    const res = await get(`${ERRORS}?$top=1000`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "Request_BadRequest",
      message: "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.",
    });
  });

  it("filters on skuId and refuses other filters", async () => {
    const res = await get(`${ERRORS}?$filter=skuId eq ${SKU.POWER_BI}`);
    expect(res.body.value.map((e: { code: string }) => e.code).sort()).toEqual([
      "CountViolation",
      "ProhibitedInUsageLocationViolation",
    ]);
    const refused = await get(`${ERRORS}?$filter=code eq 'CountViolation'`);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: "Request_UnsupportedQuery",
      message:
        "Unsupported or invalid query filter clause specified for property 'code' of resource 'AssignmentError'.",
    });
  });
});

describe("one error, its assignee, and one user's errors", () => {
  it("gets one error by id with $select and $expand, and its assignedTo with $select", async () => {
    const listed = (await get(ERRORS)).body.value.find(
      (e: { code: string }) => e.code === "CountViolation",
    );
    const one = await get(`${ERRORS}/${listed.id}?$select=id,code&$expand=assignedTo($select=id)`);
    expect(one.body).toEqual({
      "@odata.context": `${emu.url}/beta/$metadata#admin/cloudLicensing/assignmentErrors(id,code,assignedTo(id))/$entity`,
      "@odata.type": "#microsoft.graph.cloudLicensing.assignmentError",
      id: listed.id,
      code: "CountViolation",
      assignedTo: { "@odata.type": "#microsoft.graph.user", id: idOf("gus") },
    });
    const assignee = await get(`${ERRORS}/${listed.id}/assignedTo?$select=id,userPrincipalName`);
    expect(assignee.body).toEqual({
      "@odata.context": `${emu.url}/beta/$metadata#directoryObjects/$entity`,
      "@odata.type": "#microsoft.graph.user",
      id: idOf("gus"),
      userPrincipalName: "gus@tailspin.test",
    });
  });

  it("answers an unknown error id with 404", async () => {
    const res = await get(`${ERRORS}/00000000-0000-4000-8000-000000000000`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("Request_ResourceNotFound");
  });

  it("lists one user's errors under /users/{id | UPN}/cloudLicensing/assignmentErrors", async () => {
    const res = await get("/beta/users/gus@tailspin.test/cloudLicensing/assignmentErrors");
    expect(res.body["@odata.context"]).toBe(
      `${emu.url}/beta/$metadata#users('${idOf("gus")}')/cloudLicensing/assignmentErrors`,
    );
    expect(res.body.value.map((e: { code: string }) => e.code)).toEqual(["CountViolation"]);
    expect(
      (await get(`/beta/users/${idOf("ann")}/cloudLicensing/assignmentErrors`)).body.value,
    ).toEqual([]);
  });
});
