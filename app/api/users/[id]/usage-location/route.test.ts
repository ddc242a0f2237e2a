import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { reprocessResultSchema } from "@/lib/api/reprocess";
import {
  apiRequest,
  segments,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import { POST } from "./route";

interface StateUser {
  id: string;
  usageLocation: string | null;
  failing: { error: string; skuPartNumber: string | null }[];
}

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ REPROCESS_TIMEOUT_SECONDS: "5" });
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.control("POST", "/_emulator/reset", { to: "demo" });
  await t.control("PATCH", "/_emulator/config", { reprocessDelayMs: 100 });
});

async function prohibitedUser(): Promise<StateUser> {
  const { usersInError } = await t.control<{ usersInError: StateUser[] }>(
    "GET",
    "/_emulator/state",
  );
  const user = usersInError.find(
    (u) =>
      u.failing.length > 0 &&
      u.failing.every((f) => f.error === "ProhibitedInUsageLocationViolation"),
  );
  if (!user) throw new Error("no demo user with only ProhibitedInUsageLocationViolation");
  return user;
}

async function setLocation(id: string, body: unknown) {
  const res = await POST(
    apiRequest(`/api/users/${id}/usage-location`, await t.mint(), {
      method: "POST",
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    segments({ id }),
  );
  return { res, body: (await res.json()) as unknown };
}

describe("POST /api/users/{id}/usage-location", () => {
  it("sets the usage location, reprocesses and verifies that the user is resolved", async () => {
    const user = await prohibitedUser();
    expect(user.usageLocation).not.toBe("US");

    const { res, body } = await setLocation(user.id, { usageLocation: "US" });

    expect(res.status, JSON.stringify(body)).toBe(200);
    const answer = reprocessResultSchema.parse(body);
    expect(answer.before.usageLocation).toBe(user.usageLocation);
    expect(answer.after.usageLocation).toBe("US");
    expect(answer.outcome.kind).toBe("resolved");
    expect(answer.diff.summary).toContain(`Usage location ${user.usageLocation ?? "unset"} → US`);
    expect(answer.diff.states.every((s) => s.after?.error === "None")).toBe(true);
    const emulatorUser = await t.control<{ usageLocation: string }>(
      "GET",
      `/_emulator/users/${user.id}`,
    );
    expect(emulatorUser.usageLocation).toBe("US");
  });

  it.each([
    [{ usageLocation: "XX" }],
    [{ usageLocation: "us" }],
    [{ usageLocation: "USA" }],
    [{}],
    ["not json"],
  ])("refuses %j with 400 before calling Graph", async (payload) => {
    const user = await prohibitedUser();
    const seq = await t.lastSeq();
    const { res, body } = await setLocation(user.id, payload);
    expect(res.status).toBe(400);
    expect(apiErrorBodySchema.parse(body).error.code).toBe("bad_request");
    expect(await t.graphCallsSince(seq)).toEqual([]);
  });
});
