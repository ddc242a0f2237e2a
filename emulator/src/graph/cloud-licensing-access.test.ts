import { describe, expect, it } from "vitest";
import { emulatorPerFile } from "../testing/emulator";
import { graphToken, type GraphTokenOptions } from "../testing/graph-tokens";
import { callEmulator, controlApi } from "../testing/http";
import { licenseErrorsTenant, userIn } from "../testing/tenants";

const emu = emulatorPerFile({ tenant: licenseErrorsTenant, freshTenantEachTest: true });
const control = controlApi(emu);

const ERRORS = "/beta/admin/cloudLicensing/assignmentErrors";
const tokenWith = (kind: GraphTokenOptions["kind"], permissions: string[]) =>
  graphToken(emu.state, { kind, permissions });
const reader = () => tokenWith("app", ["CloudLicensing.Read.All"]);
const get = async (path: string, token?: string) =>
  callEmulator(emu, path, { token: token ?? (await reader()) });

const DENIED = {
  code: "Authorization_RequestDenied",
  message: "Insufficient privileges to complete the operation.",
};

describe("who may list assignment errors", () => {
  const statusWith = async (kind: GraphTokenOptions["kind"], permission: string) =>
    (await get(ERRORS, await tokenWith(kind, [permission]))).status;

  it.each([
    "CloudLicensing.Read",
    "CloudLicensing.Read.All",
    "User-CloudLicensing.Read.All",
    "User.Read.All",
    "User.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ])("a delegated token with %s", async (permission) => {
    expect(await statusWith("delegated", permission)).toBe(200);
  });

  it.each([
    "CloudLicensing.Read.All",
    "User-CloudLicensing.Read.All",
    "User.Read.All",
    "User.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ])("an app-only token with %s", async (permission) => {
    expect(await statusWith("app", permission)).toBe(200);
  });

  it.each([
    ["delegated", "GroupMember.Read.All"],
    ["delegated", "Organization.Read.All"],
    ["app", "CloudLicensing.Read"],
    ["app", "Group.Read.All"],
  ] as const)("not a %s token with only %s: 403", async (kind, permission) => {
    const res = await get(ERRORS, await tokenWith(kind, [permission]));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject(DENIED);
  });
});

describe("beta only", () => {
  it("answers the v1.0 paths as Graph answers a segment v1.0 lacks", async () => {
    const admin = await get("/v1.0/admin/cloudLicensing/assignmentErrors");
    expect(admin.status).toBe(400);
    expect(admin.body.error).toMatchObject({
      code: "Request_BadRequest",
      message: "Resource not found for the segment 'admin'.",
    });
    const ann = userIn(emu.state.tenant, "ann").id;
    const user = await get(`/v1.0/users/${ann}/cloudLicensing/assignmentErrors`);
    expect(user.status).toBe(400);
    expect(user.body.error.message).toBe("Resource not found for the segment 'cloudLicensing'.");
  });
});

describe("the control API's switch for the beta API", () => {
  it("answers 403 when forbidden, 404 in Graph's shape when not found, and serves it again after a full reset", async () => {
    expect(
      (await control("PATCH", "/_emulator/config", { cloudLicensingApi: "forbidden" })).body,
    ).toMatchObject({ cloudLicensingApi: "forbidden" });
    const forbidden = await get(ERRORS);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toMatchObject(DENIED);

    await control("PATCH", "/_emulator/config", { cloudLicensingApi: "notFound" });
    const missing = await get(`${ERRORS}?$top=5`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({
      code: "NotFound",
      message: expect.any(String),
      innerError: expect.objectContaining({ "request-id": missing.headers.get("request-id") }),
    });
    expect((await get("/v1.0/users")).status).toBe(403);

    await control("POST", "/_emulator/reset", { everything: true });
    expect((await control("GET", "/_emulator/config")).body.cloudLicensingApi).toBe("available");
    expect((await get(ERRORS)).status).toBe(200);
  });

  it("refuses a setting it does not know", async () => {
    const res = await control("PATCH", "/_emulator/config", { cloudLicensingApi: "off" });
    expect(res.status).toBe(400);
  });
});

describe("the pipeline every Graph route goes through", () => {
  it("charges Graph's resource units: 1 for a list, $select −1, $expand +1, $top < 20 −1, at least 1", async () => {
    const units = async (query: string) =>
      (await get(`${ERRORS}${query}`)).headers.get("x-ms-resource-unit");
    expect(await units("")).toBe("1");
    expect(await units("?$expand=assignedTo")).toBe("2");
    expect(await units("?$expand=assignedTo($select=id)&$select=id&$top=999")).toBe("1");
  });

  it("throttles the beta API with 429 once the bucket is spent", async () => {
    await control("PUT", "/_emulator/limits", { resourceUnits: { small: 3 } });
    const token = await reader();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(ERRORS, token)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("applies scripted faults to beta paths: a status, and a malformed body", async () => {
    await control("POST", "/_emulator/faults", { path: "/admin/cloudLicensing/*", status: 503 });
    expect((await get(ERRORS)).status).toBe(503);
    await control("POST", "/_emulator/faults", {
      path: "/beta/admin/cloudLicensing/assignmentErrors",
      malformedBody: true,
    });
    const spoiled = await get(ERRORS);
    expect(spoiled.status).toBe(200);
    expect(typeof spoiled.body).toBe("string");
    expect(() => JSON.parse(spoiled.body as string)).toThrow();
  });
});
