import { beforeEach, describe, expect, it } from "vitest";
import { controlErrorOf, type StateAnswer, type UserAnswer } from "../testing/control-answers";
import { emulatorPerFile } from "../testing/emulator";
import { controlApi } from "../testing/http";
import { SKU } from "../testing/tenants";

const emu = emulatorPerFile();
const control = controlApi(emu);
beforeEach(async () => {
  await control("POST", "/_emulator/reset", { to: "demo" });
});

const E3_GROUP = "All staff – Office 365 E3";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("POST /_emulator/users: a new joiner, processed at once", () => {
  it("without a usage location fails E3 with ProhibitedInUsageLocationViolation, shown in the state", async () => {
    const res = await control<UserAnswer>("POST", "/_emulator/users", {
      displayName: "Zoë van Dijk",
      groups: [E3_GROUP],
    });
    expect(res.status).toBe(201);
    const upn = "zoe.van.dijk@contoso.onmicrosoft.com";
    expect(res.body).toMatchObject({
      userPrincipalName: upn,
      displayName: "Zoë van Dijk",
      accountEnabled: true,
      usageLocation: null,
      proxyAddresses: [`SMTP:${upn}`],
      groups: [E3_GROUP],
      assignedLicenses: [],
      licenseAssignmentStates: [
        { skuId: SKU.E3, error: "ProhibitedInUsageLocationViolation", state: "Error" },
      ],
    });
    expect(res.body.id).toMatch(GUID);
    expect((await control("GET", `/_emulator/users/${res.body.id}`)).body).toEqual(res.body);

    const { body: state } = await control<StateAnswer>("GET", "/_emulator/state");
    expect(state.counts).toMatchObject({ users: 301, usersInError: 41 });
    expect(state.usersInError.find((u) => u.id === res.body.id)).toMatchObject({
      userPrincipalName: upn,
      failing: [
        {
          groupName: E3_GROUP,
          cause: { code: "ProhibitedInUsageLocationViolation", usageLocation: null },
        },
      ],
    });
  });

  it('in "Power BI users" (by id) while every seat is taken fails with CountViolation', async () => {
    const powerBi = emu.state.tenant.groups.find((g) => g.displayName === "Power BI users")!;
    const res = await control<UserAnswer>("POST", "/_emulator/users", {
      displayName: "Kai Moreau",
      userPrincipalName: "Kai.Moreau@contoso.onmicrosoft.com",
      usageLocation: "fr",
      groups: [powerBi.id, E3_GROUP],
      accountEnabled: false,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      userPrincipalName: "kai.moreau@contoso.onmicrosoft.com",
      usageLocation: "FR",
      accountEnabled: false,
      assignedLicenses: [{ skuId: SKU.E3 }],
    });
    expect(res.body.licenseAssignmentStates.find((s) => s.skuId === SKU.POWER_BI)).toMatchObject({
      assignedByGroup: powerBi.id,
      error: "CountViolation",
    });
    const { body: state } = await control<StateAnswer>("GET", "/_emulator/state");
    expect(state.usersInError.find((u) => u.id === res.body.id)?.failing).toEqual([
      expect.objectContaining({
        skuId: SKU.POWER_BI,
        cause: expect.objectContaining({ code: "CountViolation", prepaid: 40, consumed: 40 }),
      }),
    ]);
  });

  it("numbers a derived name while a user or another recipient holds it, and stamps processing at `at`", async () => {
    const create = (displayName: string, at?: string) =>
      control<UserAnswer>("POST", "/_emulator/users", { displayName, groups: [E3_GROUP], at });
    const second = await create("Adele Vance", "2026-04-01T12:00:00Z");
    const third = await create("Adele Vance");
    // The mail-enabled group "Department – IT" has DepartmentIT@contoso.onmicrosoft.com.
    const besideGroup = await create("DepartmentIT");
    expect(
      [second, third, besideGroup].map((res) => [res.status, res.body.userPrincipalName]),
    ).toEqual([
      [201, "adele.vance2@contoso.onmicrosoft.com"],
      [201, "adele.vance3@contoso.onmicrosoft.com"],
      [201, "departmentit2@contoso.onmicrosoft.com"],
    ]);
    expect(second.body.id).not.toBe(third.body.id);
    expect(second.body.licenseAssignmentStates).toEqual([
      expect.objectContaining({ skuId: SKU.E3, lastUpdatedDateTime: "2026-04-01T12:00:00Z" }),
    ]);
  });

  it.each([
    [{ groups: [E3_GROUP] }, /^displayName: /],
    [{ displayName: "   " }, /^displayName: /],
    [
      { displayName: "Eve", usageLocation: "XX" },
      "usageLocation: must be an ISO 3166 country code, e.g. US",
    ],
    [
      { displayName: "Eve", usageLocation: "USA" },
      "usageLocation: must be an ISO 3166 country code, e.g. US",
    ],
    [
      { displayName: "Eve", userPrincipalName: "eve" },
      "userPrincipalName: must look like name@domain",
    ],
    [
      { displayName: "Eve", userPrincipalName: "ADELE.VANCE@contoso.onmicrosoft.com" },
      "userPrincipalName: 'adele.vance@contoso.onmicrosoft.com' belongs to another user.",
    ],
    [
      { displayName: "Eve", groups: [E3_GROUP, "No such group"] },
      "groups: no group 'No such group' in this tenant.",
    ],
    [{ displayName: "Eve", groups: E3_GROUP }, /^groups: /],
    [{ displayName: "Eve", mail: "eve@contoso.onmicrosoft.com" }, /^body: .*"mail"/],
    [{ displayName: "Eve", at: "tomorrow" }, /^at: /],
    ["{not json", /^body: /],
  ])("answers 400 to %j, with the message, and adds nobody", async (body, message) => {
    const res = await control("POST", "/_emulator/users", body);
    expect(res.status).toBe(400);
    expect(controlErrorOf(res)).toEqual({
      code: "invalid_request",
      message: typeof message === "string" ? message : expect.stringMatching(message),
    });
    expect(emu.state.tenant.users).toHaveLength(300);
  });
});
