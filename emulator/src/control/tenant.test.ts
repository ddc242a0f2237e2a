import { beforeEach, describe, expect, it } from "vitest";
import { controlErrorOf, type StateAnswer } from "../testing/control-answers";
import { emulatorPerFile } from "../testing/emulator";
import { controlApi } from "../testing/http";

const emu = emulatorPerFile();
const control = controlApi(emu);
beforeEach(async () => {
  await control("POST", "/_emulator/reset", { to: "demo" });
});

type Summary = StateAnswer;
const errorOf = controlErrorOf;

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
