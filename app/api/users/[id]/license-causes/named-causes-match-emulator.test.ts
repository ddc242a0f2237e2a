import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AssignmentCause, getUserLicenseCausesResponseSchema } from "@/lib/api/license-causes";
import { mapWithConcurrency } from "@/lib/server/async/pool";
import {
  apiRequest,
  LEE,
  segments,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import type { EmulatorCreatedCause, EmulatorState } from "@/lib/testing/emulator-types";
import { GET } from "./route";

let t: TestEmulator;
let state: EmulatorState;

beforeAll(async () => {
  t = await startTestEmulator();
  state = await t.client.generate({
    users: 2000,
    groups: 20,
    usersInError: 300,
    directErrors: 30,
    duplicateHolders: { groups: 4, contacts: 4 },
    seed: 11,
  });
}, 60_000);
afterAll(() => t.close());

const same = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? "").toLowerCase() === (b ?? "").toLowerCase();

/** Why the app's named cause differs from the one the emulator created, or null when they agree. */
function mismatch(created: EmulatorCreatedCause, named: AssignmentCause): string | null {
  const { cause } = named;
  const product = (skuId: string) =>
    same(skuId, created.trigger) || `product ${skuId} ≠ trigger ${created.trigger}`;
  switch (created.code) {
    case "ProhibitedInUsageLocationViolation":
      if (cause.kind !== "usageLocation") return `kind ${cause.kind}`;
      return same(cause.usageLocation, created.usageLocation)
        ? null
        : `location ${cause.usageLocation}`;
    case "Other":
      if (created.reason === "blocked")
        return cause.kind === "undetermined" ? null : `kind ${cause.kind}`;
      if (cause.kind !== "noSubscription") return `kind ${cause.kind}`;
      return product(cause.product.skuId) === true ? null : String(product(cause.product.skuId));
    case "UniquenessViolation": {
      if (cause.kind !== "duplicateAddress") return `kind ${cause.kind}`;
      const ids = new Set(cause.holders.map((h) => `${h.type}:${h.id.toLowerCase()}`));
      const missing = created.holders.filter((h) => !ids.has(`${h.type}:${h.id.toLowerCase()}`));
      if (missing.length > 0) return `holders missing ${JSON.stringify(missing)}`;
      const addresses = new Set(cause.addresses);
      return created.addresses.every((a) => addresses.has(a.replace(/^smtp:/i, "").toLowerCase()))
        ? null
        : `addresses ${cause.addresses.join(",")} vs ${created.addresses.join(",")}`;
    }
    case "MutuallyExclusiveViolation": {
      if (cause.kind !== "conflict") return `kind ${cause.kind}`;
      if (!same(cause.failing.plan.servicePlanId, created.planId))
        return `plan ${cause.failing.plan.name}`;
      const held = cause.with.some(
        (w) =>
          same(w.plan.servicePlanId, created.conflictingPlanId) &&
          same(w.product.skuId, created.holder.skuId) &&
          same(w.source.groupId, created.holder.groupId),
      );
      if (!held)
        return `holder ${JSON.stringify(created.holder)} not among ${JSON.stringify(cause.with)}`;
      return product(cause.failing.product.skuId) === true ? null : "trigger";
    }
    case "CountViolation":
      if (cause.kind !== "seats") return `kind ${cause.kind}`;
      return product(cause.product.skuId) === true ? null : "trigger";
    case "DependencyViolation": {
      if (cause.kind !== "missingPrerequisite") return `kind ${cause.kind}`;
      if (!same(cause.failing.plan.servicePlanId, created.planId))
        return `plan ${cause.failing.plan.name}`;
      const needs = cause.needsAnyOf.map((p) => p.servicePlanId.toLowerCase()).sort();
      const wanted = created.needsAnyOf.map((p) => p.toLowerCase()).sort();
      return JSON.stringify(needs) === JSON.stringify(wanted) ? null : `needs ${needs.join(",")}`;
    }
  }
}

describe("named causes on a generated tenant", () => {
  it("name, for every user in error, the cause the emulator created: 100% of them", async () => {
    // Contacts are read by a person in a role that may read them (Lee: User Administrator).
    const token = await t.mint({ user: LEE });
    const answers = await mapWithConcurrency(state.usersInError, 4, async (user) => {
      const res = await GET(
        apiRequest(`/api/users/${user.id}/license-causes`, token),
        segments({ id: user.id }),
      );
      expect(res.status).toBe(200);
      return { user, named: getUserLicenseCausesResponseSchema.parse(await res.json()) };
    });

    const mismatches: string[] = [];
    const codes = new Set<string>();
    let compared = 0;
    for (const { user, named } of answers) {
      for (const failing of user.failing) {
        const mine = named.assignments.find(
          (a) => same(a.skuId, failing.skuId) && same(a.groupId, failing.assignedByGroup),
        );
        if (!failing.cause || !mine) {
          mismatches.push(`${user.userPrincipalName} ${failing.skuPartNumber}: not named`);
          continue;
        }
        compared++;
        codes.add(failing.cause.code);
        const why = mismatch(failing.cause, mine);
        if (why)
          mismatches.push(
            `${user.userPrincipalName} ${failing.skuPartNumber} ${failing.cause.code}: ${why}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    expect(state.usersInError.length).toBe(330);
    expect(compared).toBeGreaterThanOrEqual(330);
    expect([...codes].sort()).toEqual([
      "CountViolation",
      "DependencyViolation",
      "MutuallyExclusiveViolation",
      "Other",
      "ProhibitedInUsageLocationViolation",
      "UniquenessViolation",
    ]);
  }, 120_000);
});
