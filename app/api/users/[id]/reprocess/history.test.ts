import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getAppDatabase } from "@/lib/server/db/app-database";
import { emptyTables } from "@/lib/server/db/testing/test-database";
import { readHistory } from "@/lib/server/history/read-history";
import {
  apiRequest,
  ISAIAH,
  segments,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import { loggedLines } from "@/lib/testing/console-capture";
import type { EmulatorState } from "@/lib/testing/emulator-types";
import { POST as setUsageLocation } from "../usage-location/route";
import { POST as reprocess } from "./route";

const POWER_BI_PRO = "f8a1db68-be16-40ed-86d5-cb42ce701560";

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ REPROCESS_TIMEOUT_SECONDS: "3" });
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.control("POST", "/_emulator/reset", { to: "demo" });
  await t.control("DELETE", "/_emulator/faults");
  await t.control("PATCH", "/_emulator/config", { reprocessDelayMs: 100 });
  await emptyTables(await getAppDatabase());
});

const history = async () => readHistory(await getAppDatabase(), { tenantId: t.tenantId });

async function userWith(code: string, partNumber?: string) {
  const state = await t.control<EmulatorState>("GET", "/_emulator/state");
  return state.usersInError.find(
    (u) =>
      u.failing.length === 1 &&
      u.failing[0]!.error === code &&
      (!partNumber || u.failing[0]!.skuPartNumber === partNumber),
  )!;
}

const call = async (
  route: typeof reprocess,
  path: string,
  id: string,
  body?: unknown,
  user?: string,
) =>
  route(
    apiRequest(path, await t.mint(user ? { user } : {}), {
      method: "POST",
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    segments({ id }),
  );

describe("the history of a single user's reprocess", () => {
  it("records who reprocessed whom, as Graph was called, with the outcome, the diff and Graph's request-ids", async () => {
    const user = await userWith("CountViolation", "POWER_BI_PRO");
    await t.control("POST", "/_emulator/skus/POWER_BI_PRO/seats", { add: 10 });
    const res = await call(reprocess, `/api/users/${user.id}/reprocess`, user.id);
    expect(res.status).toBe(200);

    const [record, ...more] = await history();
    expect(more).toEqual([]);
    const { accounts } = await t.client.tenant();
    const adele = accounts.find((a) => a.displayName === "Adele Vance")!;
    expect(record).toMatchObject({
      action: "user.reprocessed",
      actor: { kind: "person", oid: adele.id, name: "Adele Vance" },
      targetUserId: user.id.toLowerCase(),
      outcome: "resolved",
    });
    const body = record!.body as unknown as {
      target: unknown;
      graphMode: string;
      terms: unknown;
      detail: {
        before: { licenseAssignmentStates: { skuId: string; error: string }[] };
        after: { licenseAssignmentStates: { skuId: string; state: string }[] };
        diff: { states: { skuId: string }[] };
        usageLocation: unknown;
      };
    };
    expect(body.target).toEqual({
      userId: user.id.toLowerCase(),
      upn: user.userPrincipalName.toLowerCase(),
      displayName: user.displayName,
    });
    expect(body.graphMode).toBe("delegated");
    expect(body.terms).toEqual({ skuIds: [POWER_BI_PRO], codes: ["CountViolation"] });
    const powerBi = <T extends { skuId: string }>(states: T[]) =>
      states.find((s) => s.skuId === POWER_BI_PRO);
    expect(powerBi(body.detail.before.licenseAssignmentStates)?.error).toBe("CountViolation");
    expect(powerBi(body.detail.after.licenseAssignmentStates)?.state).toBe("Active");
    expect(body.detail.diff.states.map((s) => s.skuId)).toEqual([POWER_BI_PRO]);
    expect(body.detail.usageLocation).toBeNull();
    const calls = (
      record!.body.detail as { requests: { method: string; path: string; requestId: string }[] }
    ).requests;
    const write = calls.find(
      (c) => c.method === "POST" && c.path.endsWith("/reprocessLicenseAssignment"),
    );
    expect(write?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const logged = await t.graphCallsSince(0);
    expect(logged.some((c) => c.path.endsWith("/reprocessLicenseAssignment"))).toBe(true);
  });

  it("records a usage-location fix with the location before and after, by the person who made it", async () => {
    const user = await userWith("ProhibitedInUsageLocationViolation");
    const res = await call(
      setUsageLocation,
      `/api/users/${user.id}/usage-location`,
      user.id,
      { usageLocation: "GB" },
      ISAIAH,
    );
    // Isaiah is a reader: refused before any Graph call, so nothing is on record.
    expect(res.status).toBe(403);
    expect(await history()).toEqual([]);

    const ok = await call(setUsageLocation, `/api/users/${user.id}/usage-location`, user.id, {
      usageLocation: "GB",
    });
    expect(ok.status).toBe(200);
    const [record] = await history();
    expect(record).toMatchObject({
      action: "user.usage_location_set",
      actor: { name: "Adele Vance" },
      outcome: "resolved",
      body: { detail: { usageLocation: { from: null, to: "GB", set: true } } },
    });
  });

  it("records a reprocess Graph refused, with the step it failed at and Graph's answer", async () => {
    const user = await userWith("CountViolation", "POWER_BI_PRO");
    await t.client.injectGraphFault({
      path: `/users/${user.id}/reprocessLicenseAssignment`,
      status: 403,
      times: 1,
    });
    const res = await call(reprocess, `/api/users/${user.id}/reprocess`, user.id);
    expect(res.status).toBe(403);
    expect(loggedLines(/\[history\]/)).toEqual([]);

    const [record] = await history();
    expect(record).toMatchObject({
      action: "user.reprocessed",
      outcome: "failed",
      body: { detail: { failure: { step: "reprocessing", code: "forbidden", graphStatus: 403 } } },
    });
    expect((record!.body.detail as { failure: { requestId: string } }).failure.requestId).toMatch(
      /^[0-9a-f-]{36}$/,
    );
  });

  it("records a reprocess the licensing service did not finish in time as timed out", async () => {
    const user = await userWith("CountViolation", "POWER_BI_PRO");
    await t.control("POST", "/_emulator/skus/POWER_BI_PRO/seats", { add: 10 });
    await t.control("PATCH", "/_emulator/config", { reprocessDelayMs: 60_000 });
    expect((await call(reprocess, `/api/users/${user.id}/reprocess`, user.id)).status).toBe(200);
    const [record] = await history();
    expect(record).toMatchObject({ action: "user.reprocessed", outcome: "timed_out" });
  });
});
