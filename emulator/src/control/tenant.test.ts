import { beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { emulatorPerFile } from "../testing/emulator";
import { controlApi } from "../testing/http";
import type { CreatedCause } from "../licensing/created-cause";
import { requestReprocess } from "../licensing/reprocess";
import type { LicenseAssignmentState } from "../tenant/model";

const emu = emulatorPerFile();
const control = controlApi(emu);
beforeEach(async () => {
  await control("POST", "/_emulator/reset", { to: "demo" });
});

interface Summary {
  counts: {
    users: number;
    groups: number;
    skus: number;
    usersInError: number;
    assignmentErrors: number;
  };
  usersInErrorByCode: Record<string, number>;
  skus: { skuPartNumber: string; consumedUnits: number; prepaidUnits: { enabled: number } }[];
  usersInError: {
    id: string;
    userPrincipalName: string;
    failing: {
      skuId: string;
      error: string;
      groupName: string | null;
      cause: CreatedCause | null;
    }[];
  }[];
}

const errorOf = (res: { body: unknown }) =>
  (res.body as { error: { code: string; message: string } }).error;

/** `GET /_emulator/users/{id}` as these tests read it. */
interface UserSummary {
  id: string;
  userPrincipalName: string;
  licenseAssignmentStates: LicenseAssignmentState[];
}

const POWER_BI_PRO = "f8a1db68-be16-40ed-86d5-cb42ce701560";

describe("GET /_emulator/state", () => {
  it("summarises counts, seats and who is in error for which assignment", async () => {
    const { status, body } = await control<Summary>("GET", "/_emulator/state");
    expect(status).toBe(200);
    expect(body.counts).toMatchObject({ users: 300, groups: 15, skus: 8, usersInError: 40 });
    expect(Object.values(body.usersInErrorByCode).every((n) => n >= 5)).toBe(true);
    expect(body.skus.find((s) => s.skuPartNumber === "POWER_BI_PRO")).toMatchObject({
      consumedUnits: 40,
      prepaidUnits: { enabled: 40 },
    });
    expect(body.usersInError).toHaveLength(40);
    expect(body.usersInError[0]!.failing[0]).toMatchObject({
      groupName: "All staff – Office 365 E3",
    });
  });
});

describe("seed, generate and reset", () => {
  const northwind = {
    tenant: { displayName: "Northwind", defaultDomain: "northwind.test" },
    skus: [{ partNumber: "ENTERPRISEPACK", prepaid: 1 }],
    groups: [{ name: "Staff", licenses: [{ sku: "ENTERPRISEPACK" }] }],
    users: ["ann", "bob"].map((n) => ({
      userPrincipalName: `${n}@northwind.test`,
      displayName: n,
      usageLocation: "US",
      groups: ["Staff"],
    })),
  };

  it("seeds a JSON description, and reset returns to it until asked for the demo", async () => {
    const seeded = await control<Summary>("POST", "/_emulator/seed", northwind);
    expect(seeded.status).toBe(200);
    expect(seeded.body.counts).toMatchObject({ users: 2, usersInError: 1 });
    expect(seeded.body.usersInErrorByCode.CountViolation).toBe(1);
    await control("POST", "/_emulator/skus/ENTERPRISEPACK/seats", { enabled: 5 });
    const reset = await control<Summary>("POST", "/_emulator/reset");
    expect(reset.body.counts).toMatchObject({ users: 2, usersInError: 1 });
    expect(reset.body.skus[0]!.prepaidUnits.enabled).toBe(1);
    const demo = await control<Summary>("POST", "/_emulator/reset", { to: "demo" });
    expect(demo.body.counts.users).toBe(300);
  });

  it("generates a large tenant deterministically", async () => {
    const first = await control<Summary>("POST", "/_emulator/generate", {
      users: 2000,
      groups: 30,
      usersInError: 120,
      seed: 5,
    });
    expect(first.status).toBe(200);
    expect(first.body.counts).toMatchObject({ users: 2000, groups: 30, usersInError: 120 });
    expect(Object.values(first.body.usersInErrorByCode)).toEqual([20, 20, 20, 20, 20, 20]);
    const again = await control<Summary>("POST", "/_emulator/reset");
    expect(again.body.usersInError.map((u) => u.id)).toEqual(
      first.body.usersInError.map((u) => u.id),
    );
  });

  it("generates users in error through a direct license only, counted per code", async () => {
    const res = await control<Summary>("POST", "/_emulator/generate", {
      users: 600,
      groups: 10,
      usersInError: 0,
      directErrors: 12,
      seed: 5,
    });
    expect(res.body.counts).toMatchObject({ users: 600, usersInError: 12, assignmentErrors: 12 });
    expect(res.body.usersInErrorByCode).toEqual({
      CountViolation: 4,
      MutuallyExclusiveViolation: 4,
      DependencyViolation: 0,
      ProhibitedInUsageLocationViolation: 4,
      UniquenessViolation: 0,
      Other: 0,
    });
    expect(res.body.usersInError.every((u) => u.failing.every((f) => f.groupName === null))).toBe(
      true,
    );
  });

  it("generates duplicate addresses held by a team group and by a contact, each named in the cause", async () => {
    const res = await control<Summary>("POST", "/_emulator/generate", {
      users: 600,
      groups: 10,
      usersInError: 12,
      duplicateHolders: { groups: 1, contacts: 1 },
      seed: 5,
    });
    const holders = res.body.usersInError.flatMap((u) =>
      u.failing.flatMap((f) =>
        f.cause?.code === "UniquenessViolation" ? f.cause.holders.map((h) => h.type) : [],
      ),
    );
    expect(holders.sort()).toEqual(["group", "orgContact"]);
  });

  it("a reset clears faults, limits and latency; with everything, the settings and the log too", async () => {
    const leaveStateBehind = async () => {
      await control("PATCH", "/_emulator/config", { accessTokenLifetimeSeconds: 240 });
      await control("PUT", "/_emulator/limits", { timeScale: 10 });
      await control("PUT", "/_emulator/latency", { ms: 50 });
      await control("POST", "/_emulator/faults", { path: "/users", status: 500 });
      await control("POST", "/_emulator/identity/faults", {
        refreshToken: { error: "invalid_grant", untilCleared: true },
      });
    };
    const leftBehind = async () => ({
      config: (await control("GET", "/_emulator/config")).body,
      timeScale: (await control("GET", "/_emulator/limits")).body.timeScale,
      faults: (await control("GET", "/_emulator/faults")).body,
      identityFaults: (await control("GET", "/_emulator/identity/faults")).body,
    });
    const cleared = {
      timeScale: 1,
      faults: { latencyMs: 0, faults: [] },
      identityFaults: {},
    };

    await leaveStateBehind();
    await control("POST", "/_emulator/reset", { to: "demo" });
    expect(await leftBehind()).toMatchObject({
      config: { accessTokenLifetimeSeconds: 240 },
      ...cleared,
    });

    await leaveStateBehind();
    const before = (await control("GET", "/_emulator/requests")).body.lastSeq as number;
    await control("POST", "/_emulator/reset", { to: "demo", everything: true });
    expect(await leftBehind()).toMatchObject({
      config: { accessTokenLifetimeSeconds: 3600, reprocessDelayMs: 2000 },
      ...cleared,
    });
    const { requests } = (await control("GET", "/_emulator/requests")).body as {
      requests: { seq: number; path: string }[];
    };
    expect(requests[0]?.path).toBe("/_emulator/reset");
    expect(requests.every((request) => request.seq > before)).toBe(true);
  });

  it.each([
    ["a description without tenant", "/_emulator/seed", { users: [] }],
    [
      "a seed naming an unknown product",
      "/_emulator/seed",
      { ...northwind, skus: [{ partNumber: "NOPE", prepaid: 1 }] },
    ],
    ["a body that is not JSON", "/_emulator/seed", "{not json"],
    ["generate without a seed", "/_emulator/generate", { users: 100, groups: 5, usersInError: 3 }],
    [
      "generate with too many errors",
      "/_emulator/generate",
      { users: 30, groups: 5, usersInError: 20, seed: 1 },
    ],
    [
      "generate with a negative number of duplicate-address holders",
      "/_emulator/generate",
      { users: 300, groups: 5, usersInError: 12, seed: 1, duplicateHolders: { contacts: -1 } },
    ],
    ["a reset to somewhere unknown", "/_emulator/reset", { to: "yesterday" }],
  ])("answers 400 to %s and keeps the tenant", async (_what, path, body) => {
    const res = await control("POST", path, body);
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe("invalid_request");
    expect(errorOf(res).message.length).toBeGreaterThan(0);
    expect(emu.state.tenant.users).toHaveLength(300);
  });
});

describe("fixes change causes, never states", () => {
  it("adds seats by part number or skuId, or sets the count", async () => {
    const added = await control("POST", "/_emulator/skus/POWER_BI_PRO/seats", { add: 3 });
    expect(added.body).toMatchObject({
      prepaidUnits: { enabled: 43 },
      consumedUnits: 40,
      available: 3,
    });
    const set = await control(
      "POST",
      "/_emulator/skus/f8a1db68-be16-40ed-86d5-cb42ce701560/seats",
      {
        enabled: 50,
      },
    );
    expect(set.body).toMatchObject({ prepaidUnits: { enabled: 50 } });
    const summary = await control<Summary>("GET", "/_emulator/state");
    expect(summary.body.usersInErrorByCode.CountViolation).toBe(8);
  });

  it("patches a user's causes by id or UPN and leaves the licensing results alone", async () => {
    const user = emu.state.tenant.users.find((u) => u.usageLocation === null)!;
    const before = structuredClone(user.licenseAssignmentStates);
    const res = await control("PATCH", `/_emulator/users/${user.userPrincipalName.toUpperCase()}`, {
      usageLocation: "gb",
      proxyAddresses: [`SMTP:${user.userPrincipalName}`],
      blockedForOtherReason: false,
      directLicenses: [{ sku: "EXCHANGESTANDARD", disabledPlans: ["BPOS_S_TODO_1"] }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: user.id,
      usageLocation: "GB",
      licenseAssignmentStates: before,
    });
    expect(user.directLicenses).toEqual([
      {
        skuId: "4b9405b0-7788-4568-add1-99614e613b69",
        disabledPlans: ["5e62787c-c316-451f-b873-1d05acd4d12c"],
      },
    ]);
  });

  it("membership changes are processed at once, as in Entra", async () => {
    const china = emu.state.tenant.users.find(
      (u) => u.usageLocation === "CN" && u.licenseAssignmentStates.some((s) => s.error !== "None"),
    )!;
    const res = await control<{ membersWithLicenseErrors: { id: string }[] }>(
      "POST",
      `/_emulator/groups/${encodeURIComponent("Audio conferencing")}/members`,
      { remove: [china.id] },
    );
    expect(res.status).toBe(200);
    expect(res.body.membersWithLicenseErrors.map((m) => m.id)).not.toContain(china.id);
    expect(china.licenseAssignmentStates.every((s) => s.error === "None")).toBe(true);

    const group = emu.state.tenant.groups.find((g) => g.displayName === "Visio")!;
    await control("POST", `/_emulator/groups/${group.id}/members`, {
      add: [china.userPrincipalName],
    });
    expect(china.assignedLicenses.map((l) => l.skuId)).toContain(
      "c5928f49-12ba-48f7-ada3-0d743a3601d5",
    );
  });

  it("changing a group's licenses processes its members", async () => {
    const res = await control("PUT", `/_emulator/groups/Visio/licenses`, {
      licenses: [{ sku: "VISIOCLIENT", disabledPlans: ["VISIOONLINE"] }],
    });
    expect(res.status).toBe(200);
    const member = emu.state.tenant.users.find((u) =>
      emu.state.tenant.groups.find((g) => g.displayName === "Visio")!.memberIds.includes(u.id),
    )!;
    expect(member.assignedPlans).toContainEqual(
      expect.objectContaining({
        servicePlanId: "2bdbaf8f-738f-4ac7-9234-3c3ee2ce7d0f",
        capabilityStatus: "Deleted",
      }),
    );
  });

  it.each([
    ["PATCH", "/_emulator/users/adele.vance@contoso.onmicrosoft.com", {}],
    ["POST", "/_emulator/users/adele.vance@contoso.onmicrosoft.com/process", { when: "now" }],
    ["PATCH", "/_emulator/users/adele.vance@contoso.onmicrosoft.com", { usageLocation: "USA" }],
    ["PATCH", "/_emulator/users/adele.vance@contoso.onmicrosoft.com", { displayName: "Eve" }],
    [
      "PATCH",
      "/_emulator/users/adele.vance@contoso.onmicrosoft.com",
      { directLicenses: [{ sku: "NOPE" }] },
    ],
    ["POST", "/_emulator/skus/POWER_BI_PRO/seats", { add: 1, enabled: 3 }],
    ["POST", "/_emulator/skus/POWER_BI_PRO/seats", { enabled: -1 }],
    ["POST", "/_emulator/skus/POWER_BI_PRO/seats", { add: -41 }],
    ["POST", "/_emulator/groups/Visio/members", {}],
    ["POST", "/_emulator/groups/Visio/members", { add: "adele" }],
    [
      "PUT",
      "/_emulator/groups/Visio/licenses",
      { licenses: [{ sku: "VISIOCLIENT", disabledPlans: ["NOPE"] }] },
    ],
  ])("%s %s answers 400 to a bad body", async (method, path, body) => {
    const res = await control(method, path, body);
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe("invalid_request");
  });

  it.each([
    ["GET", "/_emulator/users/nobody@contoso.onmicrosoft.com", undefined, "user"],
    [
      "PATCH",
      "/_emulator/users/00000000-0000-0000-0000-000000000000",
      { usageLocation: "US" },
      "user",
    ],
    ["POST", "/_emulator/skus/NOPE/seats", { add: 1 }, "subscription"],
    [
      "POST",
      "/_emulator/groups/No%20such%20group/members",
      { add: ["adele.vance@contoso.onmicrosoft.com"] },
      "group",
    ],
    [
      "POST",
      "/_emulator/groups/Visio/members",
      { add: ["nobody@contoso.onmicrosoft.com"] },
      "user",
    ],
    ["PUT", "/_emulator/groups/nope/licenses", { licenses: [] }, "group"],
    ["POST", "/_emulator/users/nobody@contoso.onmicrosoft.com/process", {}, "user"],
  ])("%s %s answers 404 for an unknown %s", async (method, path, body, what) => {
    const res = await control(method, path, body);
    expect(res.status).toBe(404);
    expect(errorOf(res)).toMatchObject({ code: "not_found" });
    expect(errorOf(res).message).toContain(`No ${what}`);
  });
});

describe("processing at a chosen time", () => {
  const SEEDED = "2026-11-02T08:00:00Z";
  const powerBiState = (user: UserSummary) =>
    user.licenseAssignmentStates.find((s) => s.skuId === POWER_BI_PRO);
  /** Users in "Power BI users" waiting for a seat since the seed was processed. */
  const waiting = async () =>
    (await control<Summary>("GET", "/_emulator/state")).body.usersInError.filter((u) =>
      u.failing.some((f) => f.skuId === POWER_BI_PRO && f.error === "CountViolation"),
    );
  /** Licensed staff outside "Power BI users", whose seats are all taken. */
  const outsidePowerBi = () => {
    const group = emu.state.tenant.groups.find((g) => g.displayName === "Power BI users")!;
    return emu.state.tenant.users.filter(
      (u) =>
        u.usageLocation === "US" &&
        !group.memberIds.includes(u.id) &&
        u.licenseAssignmentStates.length > 0 &&
        u.licenseAssignmentStates.every((s) => s.error === "None"),
    );
  };

  it("stamps a membership change with `at`, so each new error has its own time", async () => {
    const [first, second] = outsidePowerBi();
    const add = async (upn: string, at: string) => {
      const res = await control("POST", `/_emulator/groups/Power%20BI%20users/members`, {
        add: [upn],
        at,
      });
      expect(res.status).toBe(200);
      return (await control<UserSummary>("GET", `/_emulator/users/${upn}`)).body;
    };
    const older = await add(first!.userPrincipalName, "2026-03-01T09:00:00Z");
    const newer = await add(second!.userPrincipalName, "2026-03-02T10:30:00Z");
    expect(powerBiState(older)).toMatchObject({
      error: "CountViolation",
      lastUpdatedDateTime: "2026-03-01T09:00:00Z",
    });
    expect(powerBiState(newer)).toMatchObject({
      error: "CountViolation",
      lastUpdatedDateTime: "2026-03-02T10:30:00Z",
    });
    // Assignments the change left as they were keep their time, as in every processing.
    const others = older.licenseAssignmentStates.filter((s) => s.skuId !== POWER_BI_PRO);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((s) => s.lastUpdatedDateTime === SEEDED)).toBe(true);
  });

  it("processes one user at `at` and answers the user; an unchanged state keeps its time", async () => {
    const [user] = await waiting();
    const path = `/_emulator/users/${user!.userPrincipalName}/process`;
    const unchanged = await control<UserSummary>("POST", path, { at: "2026-01-15T07:45:00Z" });
    expect(unchanged.status).toBe(200);
    expect(powerBiState(unchanged.body)).toMatchObject({
      error: "CountViolation",
      lastUpdatedDateTime: SEEDED,
    });

    await control("POST", "/_emulator/skus/POWER_BI_PRO/seats", { add: 1 });
    const resolved = await control<UserSummary>("POST", path, { at: "2026-11-20T07:45:00Z" });
    expect(resolved.body.id).toBe(user!.id);
    expect(powerBiState(resolved.body)).toMatchObject({
      error: "None",
      state: "Active",
      lastUpdatedDateTime: "2026-11-20T07:45:00Z",
    });
    expect((await control<UserSummary>("GET", path.replace(/\/process$/, ""))).body).toEqual(
      resolved.body,
    );
  });

  it("processes without `at` now, and drops fractions of a second, answering in UTC", async () => {
    const [first, second] = await waiting();
    await control("POST", "/_emulator/skus/POWER_BI_PRO/seats", { add: 2 });
    const before = Date.now() - 1000;
    const now = await control<UserSummary>("POST", `/_emulator/users/${first!.id}/process`);
    const stamp = Date.parse(powerBiState(now.body)!.lastUpdatedDateTime);
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(Date.now());

    const offset = await control<UserSummary>("POST", `/_emulator/users/${second!.id}/process`, {
      at: "2026-03-01T10:00:00.750+01:00",
    });
    expect(powerBiState(offset.body)!.lastUpdatedDateTime).toBe("2026-03-01T09:00:00Z");
  });

  it("settles a reprocess already waiting for the user, which would restamp it later", async () => {
    await control("PATCH", "/_emulator/config", { reprocessDelayMs: 60_000 });
    onTestFinished(async () => {
      await control("PATCH", "/_emulator/config", { reprocessDelayMs: 2000 });
    });
    const [user] = outsidePowerBi();
    requestReprocess(emu.state, user!);
    expect((await control<Summary>("GET", "/_emulator/state")).body.counts).toMatchObject({
      pendingReprocess: 1,
    });
    await control("POST", `/_emulator/users/${user!.id}/process`, { at: "2026-02-01T00:00:00Z" });
    expect((await control<Summary>("GET", "/_emulator/state")).body.counts).toMatchObject({
      pendingReprocess: 0,
    });
  });

  it.each([
    ["members", "/_emulator/groups/Visio/members", "yesterday"],
    ["members", "/_emulator/groups/Visio/members", "2026-03-01T09:00:00"],
    ["process", "/_emulator/users/adele.vance@contoso.onmicrosoft.com/process", "2026-03-01"],
    ["process", "/_emulator/users/adele.vance@contoso.onmicrosoft.com/process", 1772355600000],
  ])("%s answers 400 to `at` %s and processes nobody", async (route, path, at) => {
    const before = structuredClone(emu.state.tenant.users.map((u) => u.licenseAssignmentStates));
    const body =
      route === "members" ? { add: ["adele.vance@contoso.onmicrosoft.com"], at } : { at };
    const res = await control("POST", path, body);
    expect(res.status).toBe(400);
    expect(errorOf(res)).toEqual({
      code: "invalid_request",
      message: expect.stringMatching(/^at: /),
    });
    expect(emu.state.tenant.users.map((u) => u.licenseAssignmentStates)).toEqual(before);
  });
});
