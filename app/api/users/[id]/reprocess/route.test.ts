import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { type ReprocessResult, reprocessResultSchema } from "@/lib/api/reprocess";
import {
  apiRequest,
  LEE,
  segments,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import { POST } from "./route";

const POWER_BI_PRO = "f8a1db68-be16-40ed-86d5-cb42ce701560";
const POWER_BI_PLAN = "70d33638-9c74-4d01-bfd3-562de28bd4ba";

interface StateUser {
  id: string;
  userPrincipalName: string;
  failing: { skuId: string; skuPartNumber: string | null; error: string }[];
}

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ REPROCESS_TIMEOUT_SECONDS: "3" });
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.control("POST", "/_emulator/reset", { to: "demo" });
  await t.control("DELETE", "/_emulator/faults");
  await t.control("PATCH", "/_emulator/config", { reprocessDelayMs: 100 });
});

async function usersInError(): Promise<StateUser[]> {
  return (await t.control<{ usersInError: StateUser[] }>("GET", "/_emulator/state")).usersInError;
}

/** A user whose only failing assignment is this code (on this product, when given). */
async function userWith(error: string, partNumber?: string): Promise<StateUser> {
  const user = (await usersInError()).find(
    (u) =>
      u.failing.length === 1 &&
      u.failing[0]?.error === error &&
      (partNumber === undefined || u.failing[0]?.skuPartNumber === partNumber),
  );
  if (!user) throw new Error(`no demo user with only ${error} ${partNumber ?? ""}`);
  return user;
}

async function reprocess(id: string, token?: string) {
  const res = await POST(
    apiRequest(`/api/users/${encodeURIComponent(id)}/reprocess`, token ?? (await t.mint()), {
      method: "POST",
    }),
    segments({ id }),
  );
  return { res, body: (await res.json()) as unknown };
}

async function result(id: string): Promise<ReprocessResult> {
  const { res, body } = await reprocess(id);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return reprocessResultSchema.parse(body);
}

describe("POST /api/users/{id}/reprocess outcomes", () => {
  it("resolves a CountViolation once seats are added, with the license, plans and state in the diff", async () => {
    const user = await userWith("CountViolation", "POWER_BI_PRO");
    await t.control("POST", "/_emulator/skus/POWER_BI_PRO/seats", { add: 10 });

    const answer = await result(user.id);

    expect(answer.outcome).toMatchObject({ kind: "resolved", remaining: [] });
    expect(answer.diff.licenses.added).toEqual([
      { skuId: POWER_BI_PRO, productName: "Power BI Pro" },
    ]);
    expect(answer.diff.plans.added.map((p) => p.servicePlanId)).toContain(POWER_BI_PLAN);
    expect(answer.diff.states).toContainEqual(
      expect.objectContaining({
        skuId: POWER_BI_PRO,
        groupName: "Power BI users",
        before: { state: "Error", error: "CountViolation" },
        after: { state: "Active", error: "None" },
      }),
    );
    expect(answer.diff.summary).toMatch(/^Power BI Pro now active: \d+ plans? added/);
    expect((await usersInError()).map((u) => u.id)).not.toContain(user.id);
  });

  it("answers still in error with the reason when the cause is not fixed", async () => {
    const user = await userWith("CountViolation", "POWER_BI_PRO");

    const answer = await result(user.userPrincipalName);

    expect(answer.userId).toBe(user.id);
    expect(answer.outcome.kind).toBe("still_in_error");
    expect(answer.outcome.remaining).toHaveLength(1);
    expect(answer.outcome.remaining[0]).toMatchObject({
      error: "CountViolation",
      productName: "Power BI Pro",
      seats: { available: 0 },
    });
    expect(answer.outcome.message).toContain("Not enough licenses");
    expect(answer.diff.states).toEqual([]);
  });

  it("times out when the licensing service does not act although the cause was fixed", async () => {
    const user = await userWith("CountViolation", "POWER_BI_PRO");
    await t.control("POST", "/_emulator/skus/POWER_BI_PRO/seats", { add: 10 });
    await t.control("PATCH", "/_emulator/config", { reprocessDelayMs: 60_000 });

    const started = Date.now();
    const answer = await result(user.id);

    expect(answer.outcome.kind).toBe("timed_out");
    expect(answer.outcome.message).toContain("had not finished after 3 s");
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it("answers 404 for a user the directory does not have", async () => {
    const { res, body } = await reprocess("0b0b0b0b-1111-4222-8333-444444444444");
    expect(res.status).toBe(404);
    expect(apiErrorBodySchema.parse(body).error.code).toBe("not_found");
  });
});

describe("POST /api/users/{id}/reprocess refuses ids that are not a GUID or UPN", () => {
  it.each([["../groups"], ["x?$filter="], ["%2e%2e"], [""], ["a".repeat(1000)]])(
    "%j is a 400 and never reaches Graph",
    async (id) => {
      const token = await t.mint({ user: LEE });
      const seq = await t.lastSeq();
      const { res, body } = await reprocess(id, token);
      expect(res.status).toBe(400);
      expect(apiErrorBodySchema.parse(body).error.code).toBe("bad_request");
      expect(await t.graphCallsSince(seq)).toEqual([]);
    },
  );
});
