import { beforeAll, describe, expect, it } from "vitest";
import { emulatorPerFile } from "../testing/emulator";
import { callEmulator } from "../testing/http";
import { graphTestTenant, graphUserId, SKU } from "../testing/tenants";
import { graphToken } from "../testing/graph-tokens";

const emu = emulatorPerFile({ tenant: () => graphTestTenant(30), freshTenantEachTest: true });
let token: string;

const USER_1 = graphUserId(1);
const USER_4 = graphUserId(4);
const USER_5 = graphUserId(5);
const LICENSE_PROPERTIES = [
  "assignedLicenses",
  "assignedPlans",
  "licenseAssignmentStates",
  "usageLocation",
  "proxyAddresses",
];
const DEFAULT_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
];

beforeAll(async () => {
  token = await graphToken(emu.state);
});

const get = (path: string, headers?: Record<string, string>) =>
  callEmulator(emu, path, { token, headers });
const eventual = { ConsistencyLevel: "eventual" };

describe("GET /users", () => {
  it("returns Graph's default properties only, without license or internal fields", async () => {
    const res = await get("/v1.0/users");
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toBe(`${emu.url}/v1.0/$metadata#users`);
    expect(Object.keys(res.body.value[0])).toEqual(DEFAULT_PROPERTIES);
    expect(res.body.value).toHaveLength(30);
  });

  it("returns license properties only when $select names them", async () => {
    const res = await get(`/v1.0/users?$select=id,displayName,${LICENSE_PROPERTIES.join(",")}`);
    const user4 = res.body.value.find((u: { id: string }) => u.id === USER_4);
    expect(Object.keys(user4)).toEqual(["id", "displayName", ...LICENSE_PROPERTIES]);
    expect(user4.licenseAssignmentStates).toEqual([
      expect.objectContaining({ skuId: SKU.E3, error: "CountViolation", state: "Error" }),
    ]);
    expect(res.body["@odata.context"]).toBe(
      `${emu.url}/v1.0/$metadata#users(id,displayName,${LICENSE_PROPERTIES.join(",")})`,
    );
  });

  it("accepts $select names in any casing and answers with Graph's casing", async () => {
    const res = await get("/v1.0/users?$select=DisplayName,USAGELOCATION&$top=1");
    expect(res.body.value[0]).toEqual({ displayName: "Test User 001", usageLocation: "NO" });
  });

  it("rejects an unknown $select property with 400 BadRequest", async () => {
    const res = await get("/v1.0/users?$select=id,password");
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "BadRequest",
      message: "Could not find a property named 'password' on type 'microsoft.graph.user'.",
    });
  });

  it("pages with $top and an opaque $skiptoken until no nextLink is left", async () => {
    const seen: string[] = [];
    let next: string | undefined = `${emu.url}/v1.0/users?$top=7&$select=id`;
    let pages = 0;
    while (next) {
      const res = await callEmulator(emu, next.slice(emu.url.length), { token });
      expect(res.body.value.length).toBeLessThanOrEqual(7);
      seen.push(...res.body.value.map((u: { id: string }) => u.id));
      next = res.body["@odata.nextLink"];
      if (next) expect(next).toMatch(/[?&]\$skiptoken=[\w-]+$/);
      pages += 1;
    }
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(30);
  });

  it("keeps $filter and $select in the nextLink", async () => {
    const res = await get("/v1.0/users?$filter=department eq 'Sales'&$select=id,department&$top=2");
    const next = new URL(res.body["@odata.nextLink"]);
    expect(next.searchParams.get("$filter")).toBe("department eq 'Sales'");
    const page2 = await callEmulator(emu, `${next.pathname}${next.search}`, { token });
    expect(page2.body.value.every((u: { department: string }) => u.department === "Sales")).toBe(
      true,
    );
  });

  it.each([["0"], ["1000"], ["ten"]])("rejects $top=%s", async (top) => {
    const res = await get(`/v1.0/users?$top=${top}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("Request_BadRequest");
  });

  it("accepts $top=999", async () => {
    expect((await get("/v1.0/users?$top=999")).body.value).toHaveLength(30);
  });

  it("refuses a forged $skiptoken with Directory_ExpiredPageToken", async () => {
    const res = await get("/v1.0/users?$skiptoken=bm90LWEtdG9rZW4");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("Directory_ExpiredPageToken");
  });

  it("refuses $skip as Graph's directory does", async () => {
    expect((await get("/v1.0/users?$skip=5")).status).toBe(400);
  });
});

describe("GET /users with $filter", () => {
  const ids = async (filter: string, headers?: Record<string, string>) => {
    const res = await get(`/v1.0/users?$select=id&$filter=${encodeURIComponent(filter)}`, headers);
    expect(res.status).toBe(200);
    return res.body.value.map((u: { id: string }) => u.id);
  };

  it("filters with eq, case-insensitively, on a UPN", async () => {
    expect(await ids("userPrincipalName eq 'USER004@fabrikam.test'")).toEqual([USER_4]);
  });

  it("filters with startswith(), and/or and in", async () => {
    expect(await ids("startswith(displayName,'Test User 00')")).toHaveLength(9);
    expect(await ids("jobTitle eq 'Analyst' and department eq 'Sales'")).toHaveLength(5);
    expect(await ids("id eq '" + USER_1 + "' or id eq '" + USER_4 + "'")).toEqual([USER_1, USER_4]);
    expect(
      await ids("userPrincipalName in ('user001@fabrikam.test','user004@fabrikam.test')"),
    ).toEqual([USER_1, USER_4]);
  });

  it("filters on booleans", async () => {
    expect(await ids("accountEnabled eq false")).toHaveLength(3);
  });

  it("finds holders of a product with assignedLicenses/any()", async () => {
    expect(await ids(`assignedLicenses/any(x:x/skuId eq ${SKU.E3})`)).toHaveLength(3);
  });

  it("finds who carries an address with proxyAddresses/any() on the element itself, either prefix case", async () => {
    expect(await ids("proxyAddresses/any(x:x eq 'smtp:USER004@fabrikam.test')")).toEqual([USER_4]);
    expect(await ids("proxyAddresses/any(x:startswith(x,'SMTP:user00'))")).toHaveLength(9);
    expect(await ids("proxyAddresses/any(x:x eq 'smtp:nobody@fabrikam.test')")).toEqual([]);
  });

  it("refuses a bare lambda variable on a collection of objects, and endswith on an address without advanced query", async () => {
    const bare = await get(
      `/v1.0/users?$filter=${encodeURIComponent(`assignedLicenses/any(x:x eq '${SKU.E3}')`)}`,
    );
    expect(bare.status).toBe(400);
    expect(bare.body.error.message).toMatch(/lambda variable alone .* only collections of strings/);
    const ends = await get(
      `/v1.0/users?$filter=${encodeURIComponent("proxyAddresses/any(x:endswith(x,'@fabrikam.test'))")}`,
    );
    expect(ends.status).toBe(400);
    expect(ends.body.error.code).toBe("Request_UnsupportedQuery");
  });

  it("needs ConsistencyLevel and $count=true for ne and eq null, as Graph's advanced queries do", async () => {
    const refused = await get(`/v1.0/users?$filter=${encodeURIComponent("usageLocation eq null")}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("Request_UnsupportedQuery");
    const res = await get(
      `/v1.0/users?$count=true&$select=id&$filter=${encodeURIComponent("usageLocation eq null")}`,
      eventual,
    );
    expect(res.body.value.map((u: { id: string }) => u.id)).toEqual([USER_5]);
    const ne = await get(
      `/v1.0/users?$count=true&$filter=${encodeURIComponent("accountEnabled ne true")}`,
      eventual,
    );
    expect(ne.body["@odata.count"]).toBe(3);
  });

  it("refuses a filter on licenseAssignmentStates with Request_UnsupportedQuery", async () => {
    const res = await get(
      `/v1.0/users?$filter=${encodeURIComponent("licenseAssignmentStates/any(s:s/error eq 'CountViolation')")}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "Request_UnsupportedQuery",
      message:
        "Unsupported or invalid query filter clause specified for property 'licenseAssignmentStates' of resource 'User'.",
    });
  });

  it.each([
    ["displayName eq", "BadRequest"],
    ["displayName eq 'unterminated", "BadRequest"],
    ["nosuchproperty eq 'x'", "BadRequest"],
    ["accountEnabled eq 'yes'", "BadRequest"],
    ["displayName gt 'A'", "Request_UnsupportedQuery"],
  ])("refuses $filter=%s with %s", async (filter, code) => {
    const res = await get(`/v1.0/users?$filter=${encodeURIComponent(filter)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
  });
});

describe("$count", () => {
  it("needs ConsistencyLevel: eventual", async () => {
    const res = await get("/v1.0/users?$count=true");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("Request_BadRequest");
  });

  it("puts @odata.count on the first page only", async () => {
    const first = await get("/v1.0/users?$count=true&$top=10", eventual);
    expect(first.body["@odata.count"]).toBe(30);
    const next = new URL(first.body["@odata.nextLink"]);
    const second = await callEmulator(emu, `${next.pathname}${next.search}`, { token });
    expect(second.status).toBe(200);
    expect(second.body["@odata.count"]).toBeUndefined();
  });

  it("answers GET /users/$count as text/plain", async () => {
    const res = await get("/v1.0/users/$count", eventual);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(res.body).toBe(30);
    const filtered = await get(
      `/v1.0/users/$count?$filter=${encodeURIComponent("department eq 'Sales'")}`,
      eventual,
    );
    expect(filtered.body).toBe(10);
    expect((await get("/v1.0/users/$count")).status).toBe(400);
  });
});

describe("GET /users/{id | userPrincipalName}", () => {
  it("finds a user by object id or by UPN", async () => {
    const byId = await get(`/v1.0/users/${USER_4}`);
    const byUpn = await get("/v1.0/users/User004@Fabrikam.test");
    expect(byId.body).toEqual(byUpn.body);
    expect(byId.body["@odata.context"]).toBe(`${emu.url}/v1.0/$metadata#users/$entity`);
    expect(byId.body.licenseAssignmentStates).toBeUndefined();
  });

  it("shows selected license properties with a $select context", async () => {
    const res = await get(`/v1.0/users/${USER_4}?$select=id,licenseAssignmentStates`);
    expect(res.body["@odata.context"]).toBe(
      `${emu.url}/v1.0/$metadata#users(id,licenseAssignmentStates)/$entity`,
    );
    expect(res.body.licenseAssignmentStates[0].error).toBe("CountViolation");
  });

  it("answers an unknown user with 404 Request_ResourceNotFound", async () => {
    const missing = "00000000-0000-0000-0000-000000000000";
    const res = await get(`/v1.0/users/${missing}`);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      code: "Request_ResourceNotFound",
      message: `Resource '${missing}' does not exist or one of its queried reference-property objects are not present.`,
    });
  });
});

describe("signInActivity", () => {
  const signedIn = (n: number, at: string) => {
    emu.state.tenant.users.find((u) => u.id === graphUserId(n))!.lastSignInDateTime = at;
  };
  const withAuditLog = () =>
    graphToken(emu.state, { permissions: ["User.Read.All", "AuditLog.Read.All"] });
  const query = (q: string) =>
    `/v1.0/users?$select=id,signInActivity&$filter=${encodeURIComponent(q)}`;

  it("is served only on $select and only with AuditLog.Read.All; never signed in is null", async () => {
    signedIn(4, "2026-03-01T10:00:00Z");
    expect((await get("/v1.0/users")).body.value[0].signInActivity).toBeUndefined();
    const refused = await get("/v1.0/users?$select=id,signInActivity");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("Authorization_RequestDenied");
    const res = await callEmulator(emu, `/v1.0/users/${USER_4}?$select=id,signInActivity`, {
      token: await withAuditLog(),
    });
    expect(res.body.signInActivity).toMatchObject({
      lastSignInDateTime: "2026-03-01T10:00:00Z",
      lastSuccessfulSignInDateTime: "2026-03-01T10:00:00Z",
    });
    const never = await callEmulator(emu, `/v1.0/users/${USER_1}?$select=id,signInActivity`, {
      token: await withAuditLog(),
    });
    expect(never.body.signInActivity).toBeNull();
  });

  it("filters on the last sign-in with le and ge, alone, and never matches one who never signed in", async () => {
    signedIn(4, "2026-03-01T10:00:00Z");
    signedIn(5, "2026-11-20T10:00:00Z");
    const token = await withAuditLog();
    const ids = async (q: string) =>
      (await callEmulator(emu, query(q), { token })).body.value.map((u: { id: string }) => u.id);
    expect(await ids("signInActivity/lastSignInDateTime le 2026-06-01T00:00:00Z")).toEqual([
      USER_4,
    ]);
    expect(await ids("signInActivity/lastSignInDateTime ge 2026-06-01T00:00:00Z")).toEqual([
      USER_5,
    ]);
    const combined = await callEmulator(
      emu,
      query("signInActivity/lastSignInDateTime le 2026-06-01T00:00:00Z and accountEnabled eq true"),
      { token },
    );
    expect(combined.status).toBe(400);
    expect(combined.body.error.code).toBe("Request_UnsupportedQuery");
    // Filtering on it needs the permission too, even when it is not selected.
    const unpermitted = await get(
      `/v1.0/users?$select=id&$filter=${encodeURIComponent("signInActivity/lastSignInDateTime le 2026-06-01T00:00:00Z")}`,
    );
    expect(unpermitted.status).toBe(403);
  });
});
