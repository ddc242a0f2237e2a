import { describe, expect, it } from "vitest";
import { consumedUnits, userHasLicenseErrors } from "../licensing/engine";
import { DIRECTORY_ROLES, type LicenseErrorCode, type User } from "../tenant/model";
import { buildDemoTenant, DEMO_API_APP_ID, DEMO_DAEMON_APP_ID, DEMO_SPA_APP_ID } from "./demo";
import { DEMO_GROUPS } from "./demo-staff";

// Sign-ins count back from the build day; a fixed one keeps the expected dates fixed.
const AS_OF = new Date("2026-12-01T15:30:00Z");
const DAY_MS = 86_400_000;
const tenant = buildDemoTenant(AS_OF);
const usersWith = (code: LicenseErrorCode) =>
  tenant.users.filter((u) => u.licenseAssignmentStates.some((s) => s.error === code));
const powerBiSku = tenant.skus.find((s) => s.skuPartNumber === "POWER_BI_PRO")!.skuId;
const powerBiGroup = tenant.groups.find((g) => g.displayName === DEMO_GROUPS.powerBi)!;
const powerBiMembers = powerBiGroup.memberIds.map((id) => tenant.users.find((u) => u.id === id)!);
const holdsPowerBi = (u: User) =>
  u.licenseAssignmentStates.some(
    (s) => s.skuId === powerBiSku && s.state === "Active" && s.error === "None",
  );
/** Whole days between the build day's midnight and the last sign-in; null for never. */
const daysSinceSignIn = (u: User) =>
  u.lastSignInDateTime === null
    ? null
    : Math.ceil((Date.parse("2026-12-01T00:00:00Z") - Date.parse(u.lastSignInDateTime)) / DAY_MS);
const upn = (alias: string) => `${alias}@contoso.onmicrosoft.com`;

describe("the demo tenant", () => {
  it("is a company of about 300 users in 15 groups with 8 products", () => {
    expect(tenant.users).toHaveLength(300);
    expect(tenant.groups).toHaveLength(15);
    expect(tenant.skus.map((s) => s.skuPartNumber)).toEqual([
      "ENTERPRISEPACK",
      "ENTERPRISEPREMIUM",
      "EXCHANGESTANDARD",
      "EXCHANGEARCHIVE_ADDON",
      "POWER_BI_PRO",
      "VISIOCLIENT",
      "PROJECTPROFESSIONAL",
      "MCOMEETADV",
    ]);
    expect(new Set(tenant.users.map((u) => u.country)).size).toBeGreaterThanOrEqual(10);
  });

  it("has 40 users in error, several for each of the six codes", () => {
    expect(tenant.users.filter(userHasLicenseErrors)).toHaveLength(40);
    expect({
      CountViolation: usersWith("CountViolation").length,
      MutuallyExclusiveViolation: usersWith("MutuallyExclusiveViolation").length,
      DependencyViolation: usersWith("DependencyViolation").length,
      ProhibitedInUsageLocationViolation: usersWith("ProhibitedInUsageLocationViolation").length,
      UniquenessViolation: usersWith("UniquenessViolation").length,
      Other: usersWith("Other").length,
    }).toEqual({
      CountViolation: 8,
      MutuallyExclusiveViolation: 7,
      DependencyViolation: 6,
      ProhibitedInUsageLocationViolation: 8,
      UniquenessViolation: 6,
      Other: 5,
    });
    const activeWithError = tenant.users.filter((u) =>
      u.licenseAssignmentStates.some((s) => s.state === "ActiveWithError"),
    );
    expect(activeWithError).toHaveLength(2);
  });

  it("runs out of Power BI Pro and Project seats exactly: consumed equals prepaid", () => {
    for (const partNumber of ["POWER_BI_PRO", "PROJECTPROFESSIONAL"]) {
      const sku = tenant.skus.find((s) => s.skuPartNumber === partNumber)!;
      expect(consumedUnits(tenant, sku.skuId)).toBe(sku.prepaidUnits.enabled);
    }
    const e3 = tenant.skus.find((s) => s.skuPartNumber === "ENTERPRISEPACK")!;
    expect(consumedUnits(tenant, e3.skuId)).toBeLessThan(e3.prepaidUnits.enabled);
  });

  it("keeps the six sign-in accounts, their roles and the three app registrations", () => {
    const listed = tenant.users.filter((u) => u.listedForSignIn);
    expect(listed.map((u) => u.userPrincipalName)).toEqual([
      "adele.vance@contoso.onmicrosoft.com",
      "lee.gu@contoso.onmicrosoft.com",
      "nestor.wilke@contoso.onmicrosoft.com",
      "megan.bowen@contoso.onmicrosoft.com",
      "isaiah.langer@contoso.onmicrosoft.com",
      "alex.wilber@contoso.onmicrosoft.com",
    ]);
    expect(listed.every((u) => u.password === "Demo-Pass-2026!" && !userHasLicenseErrors(u))).toBe(
      true,
    );
    const adele = listed[0]!;
    expect(adele.directoryRoleIds).toEqual([DIRECTORY_ROLES["License Administrator"]]);
    const megan = listed[3]!;
    expect(megan.appRoleAssignments).toEqual({ [DEMO_API_APP_ID]: ["Licensedesk.Operator"] });
    expect(tenant.apps.map((a) => [a.appId, a.kind])).toEqual([
      [DEMO_SPA_APP_ID, "spa"],
      [DEMO_API_APP_ID, "api"],
      [DEMO_DAEMON_APP_ID, "daemon"],
    ]);
    const api = tenant.apps[1]!;
    expect(api.identifierUris).toEqual([`api://${DEMO_API_APP_ID}`]);
    expect(api.scopes.map((s) => s.value)).toEqual(["access_as_user"]);
  });

  it("builds the same ids and results every time", () => {
    const again = buildDemoTenant(AS_OF);
    expect(again).toEqual(tenant);
    expect(tenant.users[0]!.id).toBe("69c3f6cb-ec94-53bf-9dc2-715ce33c9931");
  });

  it("keeps three leavers on Power BI seats: disabled, still in the group, holding the seat, not in error", () => {
    const leavers = powerBiMembers.filter((u) => !u.accountEnabled);
    expect(leavers.map((u) => [u.userPrincipalName, u.jobTitle])).toEqual([
      [upn("lucas.scott"), "Former Account Executive"],
      [upn("liam.wilson"), "Former Payroll Specialist"],
      [upn("maximilian.weber"), "Former Sales Analyst"],
    ]);
    for (const u of leavers) {
      expect(holdsPowerBi(u)).toBe(true);
      expect(u.assignedLicenses.map((l) => l.skuId)).toContain(powerBiSku);
      expect(userHasLicenseErrors(u)).toBe(false);
      // Among the 40 who got a seat, not the last 5 in directory order that ran out.
      expect(powerBiMembers.indexOf(u)).toBeLessThan(40);
    }
    expect(usersWith("CountViolation").filter((u) => powerBiMembers.includes(u))).toEqual(
      powerBiMembers.slice(40),
    );
  });

  it("dates every sign-in back from the build day: recent, idle seat holders, leavers, former staff, new joiners never", () => {
    const enabled = tenant.users.filter((u) => u.accountEnabled);
    const idle = enabled.filter((u) => (daysSinceSignIn(u) ?? 0) > 20);
    expect(idle.map((u) => [u.userPrincipalName, daysSinceSignIn(u)])).toEqual([
      [upn("noah.thompson"), 120],
      [upn("amelia.bennett"), 150],
      [upn("hugo.dubois"), 200],
    ]);
    expect(idle.every((u) => holdsPowerBi(u) && !userHasLicenseErrors(u))).toBe(true);
    expect(idle.find((u) => u.userPrincipalName === upn("noah.thompson"))!.lastSignInDateTime).toBe(
      "2026-08-03T09:00:00Z",
    );
    const never = tenant.users.filter((u) => u.lastSignInDateTime === null);
    expect(never.map((u) => u.userPrincipalName)).toEqual([
      upn("sienna.wood"),
      upn("marie.richter"),
    ]);
    expect(never.every((u) => u.accountEnabled && !powerBiMembers.includes(u))).toBe(true);
    const recent = enabled.filter((u) => !idle.includes(u) && !never.includes(u));
    expect(recent.every((u) => daysSinceSignIn(u)! >= 1 && daysSinceSignIn(u)! <= 20)).toBe(true);
    expect(tenant.users.filter((u) => u.listedForSignIn).map(daysSinceSignIn)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    const disabled = tenant.users.filter((u) => !u.accountEnabled);
    const leavers = disabled.filter((u) => powerBiMembers.includes(u));
    expect(leavers.map(daysSinceSignIn)).toEqual([62, 75, 88]);
    const formers = disabled.filter((u) => !leavers.includes(u));
    expect(formers).toHaveLength(6);
    expect(
      formers.every((u) => daysSinceSignIn(u)! >= 730 && u.assignedLicenses.length === 0),
    ).toBe(true);
  });

  it("is the same tenant all day and moves every sign-in a day later the next day", () => {
    expect(buildDemoTenant(new Date("2026-12-01T23:59:59Z"))).toEqual(tenant);
    const nextDay = buildDemoTenant(new Date("2026-12-02T00:00:00Z"));
    const shifted = tenant.users.map((u) =>
      u.lastSignInDateTime === null
        ? null
        : new Date(Date.parse(u.lastSignInDateTime) + DAY_MS).toISOString().replace(".000Z", "Z"),
    );
    expect(nextDay.users.map((u) => u.lastSignInDateTime)).toEqual(shifted);
    const withoutSignIns = (t: typeof tenant) =>
      t.users.map(({ lastSignInDateTime: _, ...rest }) => rest);
    expect(withoutSignIns(nextDay)).toEqual(withoutSignIns(tenant));
  });
});
