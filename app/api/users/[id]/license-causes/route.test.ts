import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getUserLicenseCausesResponseSchema } from "@/lib/api/license-causes";
import {
  apiRequest,
  LEE,
  segments,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import type { EmulatorState } from "@/lib/testing/emulator-types";
import { GET } from "./route";

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());

const causesOf = async (id: string, token?: string) => {
  const res = await GET(
    apiRequest(`/api/users/${id}/license-causes`, token ?? (await t.mint())),
    segments({ id }),
  );
  return { status: res.status, body: (await res.json()) as unknown };
};

const userWith = (state: EmulatorState, code: string, holderType?: string) =>
  state.usersInError.find((u) =>
    u.failing.some(
      (f) =>
        f.cause?.code === code &&
        (!holderType ||
          (f.cause.code === "UniquenessViolation" && f.cause.holders[0]?.type === holderType)),
    ),
  )!;

describe("GET /api/users/{id}/license-causes", () => {
  it("names a demo user's conflicting plans with both products and their sources", async () => {
    const state = await t.control<EmulatorState>("GET", "/_emulator/state");
    const user = userWith(state, "MutuallyExclusiveViolation");
    const { status, body } = await causesOf(user.id);
    expect(status).toBe(200);
    const { assignments } = getUserLicenseCausesResponseSchema.parse(body);
    expect(assignments[0]).toMatchObject({
      cause: {
        kind: "conflict",
        failing: {
          plan: { name: "Exchange Online (Plan 2)" },
          product: { name: "Office 365 E3" },
          source: { groupName: "All staff – Office 365 E3" },
        },
        with: [
          {
            plan: { name: "Exchange Online (Plan 1)" },
            product: { name: "Exchange Online (Plan 1)" },
            source: { groupId: null },
            error: "None",
          },
        ],
        reprocessMayClear: true,
      },
    });
  });

  it("finds the other user, group or contact that holds a duplicate address", async () => {
    const state = await t.client.generate({
      users: 300,
      groups: 10,
      usersInError: 60,
      duplicateHolders: { groups: 2, contacts: 2 },
      seed: 5,
    });
    const lee = await t.mint({ user: LEE });
    for (const type of ["user", "group", "orgContact"]) {
      const user = userWith(state, "UniquenessViolation", type);
      const created = user.failing[0]!.cause!;
      const { body } = await causesOf(user.id, lee);
      const { assignments } = getUserLicenseCausesResponseSchema.parse(body);
      expect(assignments[0]!.cause).toMatchObject({
        kind: "duplicateAddress",
        lookup: "found",
        missing: [],
        holders: [
          {
            type,
            id: created.code === "UniquenessViolation" ? created.holders[0]!.id : "",
            displayName: expect.any(String),
          },
        ],
      });
    }
  });

  it("says contacts were not searched, and why, when the caller may not read them", async () => {
    const state = await t.control<EmulatorState>("GET", "/_emulator/state");
    const user = userWith(state, "UniquenessViolation", "orgContact");
    // Adele is a License Administrator: Graph lets that role read users and groups, not contacts.
    const { body } = await causesOf(user.id);
    const { assignments } = getUserLicenseCausesResponseSchema.parse(body);
    expect(assignments[0]!.cause).toMatchObject({
      kind: "duplicateAddress",
      holders: [],
      lookup: "notInDirectory",
      missing: [
        { permission: "OrgContact.Read.All", enables: expect.stringContaining("contacts") },
      ],
    });
  });

  it("answers 400 for an id that is neither a GUID nor a UPN, and 404 for a user that is not there", async () => {
    const bad = await causesOf("not a user");
    expect(bad).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
    const gone = await causesOf("00000000-0000-4000-8000-000000000001");
    expect(gone).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  });
});
