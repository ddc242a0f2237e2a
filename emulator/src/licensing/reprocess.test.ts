import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { confidentialClient } from "../testing/msal";
import type { LicenseErrorCode, User } from "../tenant/model";
import { emulatorPerFile } from "../testing/emulator";
import { callEmulator, controlApi, reprocessUser } from "../testing/http";
import { requestReprocess } from "./reprocess";

const emu = emulatorPerFile();
const control = controlApi(emu);
let graphToken: string;

beforeAll(async () => {
  // The walk goes through Graph as the product does: an app-only token from real msal-node.
  const daemon = emu.state.tenant.apps.find((a) => a.kind === "daemon")!;
  const msal = await confidentialClient(emu, emu.state.tenant.id, daemon.appId, daemon.secrets[0]!);
  const result = await msal.acquireTokenByClientCredential({
    scopes: ["https://graph.microsoft.com/.default"],
  });
  graphToken = result!.accessToken;
});
beforeEach(async () => {
  await control("POST", "/_emulator/reset", { to: "demo" });
  await control("PATCH", "/_emulator/config", { reprocessDelayMs: 30 });
});

type UserView = Pick<User, "licenseAssignmentStates" | "assignedLicenses" | "assignedPlans">;
interface StateView {
  counts: { pendingReprocess: number };
  usersInError: Failing[];
}

interface Failing {
  id: string;
  userPrincipalName: string;
  failing: { skuPartNumber: string; skuId: string; error: string; state: string }[];
}

async function firstInError(code: LicenseErrorCode, partNumber: string): Promise<Failing> {
  const { body } = await control<StateView>("GET", "/_emulator/state");
  const user = body.usersInError.find((u) =>
    u.failing.some(
      (f) => f.error === code && f.skuPartNumber === partNumber && f.state === "Error",
    ),
  );
  if (!user) throw new Error(`the demo tenant has no ${code} on ${partNumber}`);
  return user;
}

const readUser = async (id: string): Promise<UserView> => {
  const select = "licenseAssignmentStates,assignedLicenses,assignedPlans";
  const res = await callEmulator(emu, `/v1.0/users/${id}?$select=${select}`, { token: graphToken });
  expect(res.status).toBe(200);
  return res.body as UserView;
};

async function reprocessThroughGraph(id: string) {
  const res = await reprocessUser(emu, id, graphToken);
  expect(res.status).toBe(200);
}

async function reprocessAndWait(id: string) {
  await reprocessThroughGraph(id);
  for (let i = 0; i < 100; i++) {
    const current = await readUser(id);
    if (current.licenseAssignmentStates.every((s) => s.error === "None")) {
      return current;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`user ${id} stayed in error`);
}

const fixes: [LicenseErrorCode, string, (u: Failing) => Promise<unknown>][] = [
  [
    "CountViolation",
    "POWER_BI_PRO",
    () => control("POST", "/_emulator/skus/POWER_BI_PRO/seats", { add: 1 }),
  ],
  [
    "MutuallyExclusiveViolation",
    "ENTERPRISEPACK",
    (u) => control("PATCH", `/_emulator/users/${u.id}`, { directLicenses: [] }),
  ],
  [
    "DependencyViolation",
    "EXCHANGEARCHIVE_ADDON",
    (u) =>
      control("PATCH", `/_emulator/users/${u.id}`, {
        directLicenses: [{ sku: "EXCHANGESTANDARD" }],
      }),
  ],
  [
    "ProhibitedInUsageLocationViolation",
    "ENTERPRISEPACK",
    (u) => control("PATCH", `/_emulator/users/${u.userPrincipalName}`, { usageLocation: "US" }),
  ],
  [
    "UniquenessViolation",
    "ENTERPRISEPACK",
    (u) =>
      control("PATCH", `/_emulator/users/${u.id}`, {
        proxyAddresses: [`SMTP:${u.userPrincipalName}`],
      }),
  ],
  [
    "Other",
    "ENTERPRISEPACK",
    (u) => control("PATCH", `/_emulator/users/${u.id}`, { blockedForOtherReason: false }),
  ],
];

describe("every error code walks cause → error → fix → still in error → reprocess → Active", () => {
  it.each(fixes)("%s on %s", async (code, partNumber, fix) => {
    const inError = await firstInError(code, partNumber);
    const skuId = inError.failing.find((f) => f.error === code)!.skuId;
    const before = await readUser(inError.id);
    expect(before.assignedLicenses.map((l) => l.skuId)).not.toContain(skuId);

    await fix(inError);
    const fixed = await readUser(inError.id);
    expect(fixed.licenseAssignmentStates).toEqual(before.licenseAssignmentStates);
    expect(fixed.assignedPlans).toEqual(before.assignedPlans);

    const after = await reprocessAndWait(inError.id);
    expect(
      after.licenseAssignmentStates.every((s: { state: string }) => s.state === "Active"),
    ).toBe(true);
    expect(after.assignedLicenses.map((l) => l.skuId)).toContain(skuId);
    const product = emu.state.tenant.skus.find((s) => s.skuId === skuId)!;
    const enabled = after.assignedPlans
      .filter((p) => p.capabilityStatus === "Enabled")
      .map((p) => p.servicePlanId);
    expect(enabled).toEqual(
      expect.arrayContaining(product.servicePlans.map((p) => p.servicePlanId)),
    );
  });

  it("dropping the legacy Exchange Plan 1 license leaves its plan listed as Deleted", async () => {
    const inError = await firstInError("MutuallyExclusiveViolation", "ENTERPRISEPACK");
    await control("PATCH", `/_emulator/users/${inError.id}`, { directLicenses: [] });
    const after = await reprocessAndWait(inError.id);
    expect(after.assignedPlans).toContainEqual(
      expect.objectContaining({
        servicePlanId: "9aaf7827-d63c-4b61-89c3-182f06f82e5c",
        capabilityStatus: "Deleted",
        service: "exchange",
      }),
    );
    expect(
      after.licenseAssignmentStates.map(
        (s: { assignedByGroup: string | null }) => s.assignedByGroup,
      ),
    ).not.toContain(null);
  });

  it("reprocessing without fixing the cause leaves the user in error", async () => {
    const inError = await firstInError("Other", "ENTERPRISEPACK");
    await reprocessThroughGraph(inError.id);
    await new Promise((r) => setTimeout(r, 120));
    const after = await readUser(inError.id);
    expect(after.licenseAssignmentStates.map((s) => s.error)).toContain("Other");
  });
});

describe("the reprocess queue", () => {
  it("applies nothing before the delay, and coalesces repeated requests for one user", async () => {
    await control("PATCH", "/_emulator/config", { reprocessDelayMs: 1500 });
    const inError = await firstInError("Other", "ENTERPRISEPACK");
    await control("PATCH", `/_emulator/users/${inError.id}`, { blockedForOtherReason: false });
    const user = emu.state.tenant.users.find((u) => u.id === inError.id)!;
    requestReprocess(emu.state, user);
    requestReprocess(emu.state, user);
    expect(emu.state.licensing.pending).toBe(1);
    expect((await control<StateView>("GET", "/_emulator/state")).body.counts.pendingReprocess).toBe(
      1,
    );
    expect((await readUser(inError.id)).licenseAssignmentStates[0]?.error).toBe("Other");
    await reprocessAndWait(inError.id);
    expect(emu.state.licensing.pending).toBe(0);
  });

  it("a reset cancels pending evaluations", async () => {
    await control("PATCH", "/_emulator/config", { reprocessDelayMs: 100 });
    const user = emu.state.tenant.users[0]!;
    requestReprocess(emu.state, user);
    await control("POST", "/_emulator/reset", { to: "demo" });
    expect(emu.state.licensing.pending).toBe(0);
  });
});
