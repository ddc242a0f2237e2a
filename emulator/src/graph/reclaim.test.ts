import { beforeAll, describe, expect, it } from "vitest";
import { buildDemoTenant } from "../seed/demo";
import { emulatorPerFile } from "../testing/emulator";
import { graphToken } from "../testing/graph-tokens";
import { callEmulator, controlApi } from "../testing/http";

// The queries the app sends for Power BI seats that could be reclaimed, on the demo over HTTP.
const emu = emulatorPerFile({ tenant: () => buildDemoTenant(new Date("2026-12-01T15:30:00Z")) });
const POWER_BI_PRO = "f8a1db68-be16-40ed-86d5-cb42ce701560";
const upn = (alias: string) => `${alias}@contoso.onmicrosoft.com`;
let token: string;
let auditToken: string;

beforeAll(async () => {
  token = await graphToken(emu.state, { permissions: ["User.Read.All"] });
  auditToken = await graphToken(emu.state, { permissions: ["User.Read.All", "AuditLog.Read.All"] });
});

interface Holder {
  userPrincipalName: string;
  accountEnabled: boolean;
  assignedLicenses: { skuId: string }[];
  licenseAssignmentStates: { skuId: string; state: string; error: string }[];
  signInActivity?: { lastSignInDateTime: string } | null;
}

const users = (filter: string, select: string, bearer: string) =>
  callEmulator(emu, `/v1.0/users?$filter=${encodeURIComponent(filter)}&$select=${select}`, {
    token: bearer,
  });

const holdsSeat = (u: Holder) =>
  u.licenseAssignmentStates.some(
    (s) => s.skuId === POWER_BI_PRO && s.state === "Active" && s.error === "None",
  );

describe("Power BI seats that could be reclaimed in the demo tenant", () => {
  it("finds exactly the three leavers: disabled accounts that still hold the seat", async () => {
    const res = await users(
      `accountEnabled eq false and assignedLicenses/any(x:x/skuId eq ${POWER_BI_PRO})`,
      "id,displayName,userPrincipalName,accountEnabled,assignedLicenses,licenseAssignmentStates",
      token,
    );
    expect(res.status).toBe(200);
    const leavers = res.body.value as Holder[];
    expect(leavers.map((u) => u.userPrincipalName)).toEqual([
      upn("lucas.scott"),
      upn("liam.wilson"),
      upn("maximilian.weber"),
    ]);
    expect(Object.keys(leavers[0]!)).toEqual([
      "id",
      "displayName",
      "userPrincipalName",
      "accountEnabled",
      "assignedLicenses",
      "licenseAssignmentStates",
    ]);
    expect(leavers.every((u) => !u.accountEnabled && holdsSeat(u))).toBe(true);
    expect(leavers.every((u) => u.licenseAssignmentStates.every((s) => s.error === "None"))).toBe(
      true,
    );
  });

  it("lists every holder with the last sign-in, given AuditLog.Read.All, and refuses it without", async () => {
    const filter = `assignedLicenses/any(x:x/skuId eq ${POWER_BI_PRO})`;
    const select =
      "id,displayName,userPrincipalName,accountEnabled,signInActivity,licenseAssignmentStates";
    const res = await users(filter, select, auditToken);
    expect(res.status).toBe(200);
    const holders = res.body.value as Holder[];
    expect(holders).toHaveLength(40);
    expect(holders.every(holdsSeat)).toBe(true);
    const before = (date: string) =>
      holders.filter((u) => (u.signInActivity?.lastSignInDateTime ?? "") < date);
    expect(
      before("2026-11-10").map((u) => [
        u.userPrincipalName,
        u.accountEnabled,
        u.signInActivity?.lastSignInDateTime,
      ]),
    ).toEqual([
      [upn("lucas.scott"), false, "2026-09-30T09:00:00Z"],
      [upn("noah.thompson"), true, "2026-08-03T09:00:00Z"],
      [upn("liam.wilson"), false, "2026-09-17T09:00:00Z"],
      [upn("amelia.bennett"), true, "2026-07-04T09:00:00Z"],
      [upn("maximilian.weber"), false, "2026-09-04T09:00:00Z"],
      [upn("hugo.dubois"), true, "2026-05-15T09:00:00Z"],
    ]);

    const refused = await users(filter, select, token);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("Authorization_RequestDenied");
  });

  it("leaves the users in error as they were: five Power BI seats short, the same count per code", async () => {
    const state = await controlApi(emu)("GET", "/_emulator/state");
    expect(state.body.usersInErrorByCode).toEqual({
      CountViolation: 8,
      MutuallyExclusiveViolation: 7,
      DependencyViolation: 6,
      ProhibitedInUsageLocationViolation: 8,
      UniquenessViolation: 6,
      Other: 5,
    });
    expect(state.body.skus.find((s: { skuId: string }) => s.skuId === POWER_BI_PRO)).toMatchObject({
      consumedUnits: 40,
      prepaidUnits: { enabled: 40 },
    });
  });
});
