import { beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { requestReprocess } from "../licensing/reprocess";
import { controlErrorOf, type StateAnswer, type UserAnswer } from "../testing/control-answers";
import { emulatorPerFile } from "../testing/emulator";
import { controlApi } from "../testing/http";
import { SKU } from "../testing/tenants";

const emu = emulatorPerFile();
const control = controlApi(emu);
beforeEach(async () => {
  await control("POST", "/_emulator/reset", { to: "demo" });
});

/** When the demo's licenses were processed: every state's time until something changes it. */
const SEEDED = "2026-11-02T08:00:00Z";

const powerBiState = (user: UserAnswer) =>
  user.licenseAssignmentStates.find((s) => s.skuId === SKU.POWER_BI);

describe("processing at a chosen time", () => {
  /** Users in "Power BI users" waiting for a seat since the seed was processed. */
  const waiting = async () =>
    (await control<StateAnswer>("GET", "/_emulator/state")).body.usersInError.filter((u) =>
      u.failing.some((f) => f.skuId === SKU.POWER_BI && f.error === "CountViolation"),
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
      return (await control<UserAnswer>("GET", `/_emulator/users/${upn}`)).body;
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
    const others = older.licenseAssignmentStates.filter((s) => s.skuId !== SKU.POWER_BI);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((s) => s.lastUpdatedDateTime === SEEDED)).toBe(true);
  });

  it("processes one user at `at` and answers the user; an unchanged state keeps its time", async () => {
    const [user] = await waiting();
    const path = `/_emulator/users/${user!.userPrincipalName}/process`;
    const unchanged = await control<UserAnswer>("POST", path, { at: "2026-01-15T07:45:00Z" });
    expect(unchanged.status).toBe(200);
    expect(powerBiState(unchanged.body)).toMatchObject({
      error: "CountViolation",
      lastUpdatedDateTime: SEEDED,
    });

    await control("POST", "/_emulator/skus/POWER_BI_PRO/seats", { add: 1 });
    const resolved = await control<UserAnswer>("POST", path, { at: "2026-11-20T07:45:00Z" });
    expect(resolved.body.id).toBe(user!.id);
    expect(powerBiState(resolved.body)).toMatchObject({
      error: "None",
      state: "Active",
      lastUpdatedDateTime: "2026-11-20T07:45:00Z",
    });
    expect((await control<UserAnswer>("GET", path.replace(/\/process$/, ""))).body).toEqual(
      resolved.body,
    );
  });

  it("processes without `at` now, and drops fractions of a second, answering in UTC", async () => {
    const [first, second] = await waiting();
    await control("POST", "/_emulator/skus/POWER_BI_PRO/seats", { add: 2 });
    const before = Date.now() - 1000;
    const now = await control<UserAnswer>("POST", `/_emulator/users/${first!.id}/process`);
    const stamp = Date.parse(powerBiState(now.body)!.lastUpdatedDateTime);
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(Date.now());

    const offset = await control<UserAnswer>("POST", `/_emulator/users/${second!.id}/process`, {
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
    expect((await control<StateAnswer>("GET", "/_emulator/state")).body.counts).toMatchObject({
      pendingReprocess: 1,
    });
    await control("POST", `/_emulator/users/${user!.id}/process`, { at: "2026-02-01T00:00:00Z" });
    expect((await control<StateAnswer>("GET", "/_emulator/state")).body.counts).toMatchObject({
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
    expect(controlErrorOf(res)).toEqual({
      code: "invalid_request",
      message: expect.stringMatching(/^at: /),
    });
    expect(emu.state.tenant.users.map((u) => u.licenseAssignmentStates)).toEqual(before);
  });
});
