import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as reprocessRoute } from "@/app/api/users/[id]/reprocess/route";
import { type ReprocessOutcome, reprocessResultSchema } from "@/lib/api/reprocess";
import { graphDirectoryObjectSchema } from "@/lib/server/graph/types";
import { watchTiming } from "@/lib/server/licensing/verdict";
import { listJobItems } from "@/lib/server/jobs/store/queries";
import {
  completed,
  FIXED,
  newJob,
  runUntil,
  workerGraphClient,
} from "@/lib/server/jobs/testing/runner-harness";
import {
  emptyTables,
  type JobRouteTest,
  startJobRouteTest,
} from "@/lib/server/jobs/testing/route-test";
import { apiRequest, segments } from "@/lib/server/testing/emulator";

// Twin users in each situation: one goes through the single-user route, the other through a job. Both
// paths read the same Graph answers for them and must reach the same verdict.
let r: JobRouteTest;

beforeAll(async () => {
  r = await startJobRouteTest({ GRAPH_MODE: "app-only", REPROCESS_TIMEOUT_SECONDS: "3" });
}, 60_000);
afterAll(() => r.close());
beforeEach(async () => {
  await emptyTables(r.database);
  await r.t.control("POST", "/_emulator/reset", { to: "demo" });
  await r.t.control("PATCH", "/_emulator/config", { reprocessDelayMs: 50 });
});

type Kind = ReprocessOutcome["kind"];

async function usersWith(code: string, count: number): Promise<string[]> {
  const { usersInError } = await r.t.control<{
    usersInError: { id: string; failing: { error: string }[] }[];
  }>("GET", "/_emulator/state");
  const ids = usersInError.filter((u) => u.failing.some((f) => f.error === code)).map((u) => u.id);
  expect(ids.length).toBeGreaterThanOrEqual(count);
  return ids.slice(0, count);
}

async function usersWithoutErrors(count: number): Promise<string[]> {
  const { usersInError } = await r.t.control<{ usersInError: { id: string }[] }>(
    "GET",
    "/_emulator/state",
  );
  const inError = new Set(usersInError.map((u) => u.id));
  const graph = await workerGraphClient();
  const all = await graph.listAll(
    { method: "GET", path: "/users?$select=id" },
    graphDirectoryObjectSchema,
  );
  return all
    .map((u) => u.id)
    .filter((id) => !inError.has(id))
    .slice(0, count);
}

async function singleOutcome(userId: string): Promise<Kind> {
  const res = await reprocessRoute(
    apiRequest(`/api/users/${userId}/reprocess`, await r.t.mint(), { method: "POST" }),
    segments({ id: userId }),
  );
  const body: unknown = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return reprocessResultSchema.parse(body).outcome.kind;
}

async function bulkOutcomes(userIds: string[]): Promise<Kind[]> {
  const items = userIds.map((id) => ({ userId: id, upn: id, displayName: id }));
  const jobId = await newJob(r.database, r.t.tenantId, items);
  await runUntil(
    r.database,
    r.t.tenantId,
    { owner: "w1", timing: watchTiming() },
    completed(r.database, jobId),
  );
  const { items: done } = await listJobItems(r.database, jobId);
  return userIds.map((id) => done.find((item) => item.userId === id)!.outcome as Kind);
}

describe("the single-user path and the bulk path", () => {
  it("reach the same verdict for the same Graph answers: resolved, still in error, unchanged", async () => {
    const fixed = await usersWith("MutuallyExclusiveViolation", 2);
    for (const id of fixed) await r.t.control("PATCH", `/_emulator/users/${id}`, FIXED);
    const unfixed = await usersWith("ProhibitedInUsageLocationViolation", 2);
    const clean = await usersWithoutErrors(2);
    const twins = [fixed, unfixed, clean];

    const single = [];
    for (const [one] of twins) single.push(await singleOutcome(one!));
    const bulk = await bulkOutcomes(twins.map(([, other]) => other!));

    expect(single).toEqual(["resolved", "still_in_error", "unchanged"]);
    expect(bulk).toEqual(single);
  }, 60_000);

  it("reach the same verdict when the licensing service is slower than the watch: timed out", async () => {
    const twins = await usersWith("Other", 2);
    for (const id of twins) await r.t.control("PATCH", `/_emulator/users/${id}`, FIXED);
    await r.t.control("PATCH", "/_emulator/config", { reprocessDelayMs: 8_000 });

    const single = await singleOutcome(twins[0]!);
    const [bulk] = await bulkOutcomes([twins[1]!]);

    expect(single).toBe("timed_out");
    expect(bulk).toBe(single);
  }, 60_000);
});
