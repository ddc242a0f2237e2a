import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/server/db/database";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import type { GraphClient } from "@/lib/server/graph/client";
import { startTestEmulator, type TestEmulator } from "@/lib/server/testing/emulator";
import { graphRequests } from "@/lib/server/graph/requests";
import { failingStates } from "@/lib/server/licensing/verdict";
import { readUserLicensing } from "@/lib/server/licensing/snapshot";
import { readHistory } from "@/lib/server/history/read-history";
import { claimItems } from "@/lib/server/jobs/store/items";
import { listJobItems } from "@/lib/server/jobs/store/queries";
import {
  completed,
  FIXED,
  loggedCalls,
  newJob as newJobFor,
  reprocessCalls as reprocessCallsOn,
  runUntil as runUntilOn,
  usersInError as usersInErrorOn,
  waitFor,
  workerGraphClient,
} from "@/lib/server/jobs/testing/runner-harness";
import type { NewJobItem } from "@/lib/server/jobs/store/types";

const REPROCESS = "/users/*/reprocessLicenseAssignment";

let emulator: TestEmulator;
let graph: GraphClient;

beforeAll(async () => {
  emulator = await startTestEmulator({ GRAPH_MODE: "app-only" });
  graph = await workerGraphClient();
}, 30_000);

afterAll(() => emulator.close());

const usersInError = (count: number) => usersInErrorOn(graph, count);
const newJob = (database: Database, items: NewJobItem[]) =>
  newJobFor(database, emulator.tenantId, items);
const reprocessCalls = (since: number) => reprocessCallsOn(emulator, since);

beforeEach(async () => {
  await emulator.control("POST", "/_emulator/generate", {
    users: 200,
    groups: 6,
    usersInError: 60,
    seed: 4,
  });
  await emulator.control("PATCH", "/_emulator/config", { reprocessDelayMs: 100 });
  await emulator.control("DELETE", "/_emulator/faults");
});

describe.each(DIALECTS)("job runner on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  const runUntil = (database: Database, owner: string, done: () => Promise<boolean>) =>
    runUntilOn(database, emulator.tenantId, { owner }, done);

  it("drains a 50-user job: every item final once with its verified outcome, reprocess calls in batches of at most 20", async () => {
    const { database } = testDb();
    const items = await usersInError(50);
    for (const item of items.slice(0, 5)) {
      await emulator.control("PATCH", `/_emulator/users/${item.userId}`, FIXED);
    }
    const jobId = await newJob(database, items);
    const since = await emulator.lastSeq();
    await runUntil(database, "w1", completed(database, jobId));

    const { items: done } = await listJobItems(database, jobId, { limit: 100 });
    expect(done).toHaveLength(50);
    expect(done.every((item) => item.state === "final" && item.outcome !== "failed")).toBe(true);
    expect(done.every((item) => item.detail?.message)).toBe(true);
    const [fixed, rest] = [done.slice(0, 5), done.slice(5)];
    expect(fixed.map((item) => item.outcome)).toEqual(Array(5).fill("resolved"));
    expect(fixed.every((item) => item.detail?.diffSummary !== "No changes")).toBe(true);
    expect(rest.every((item) => ["still_in_error", "timed_out"].includes(item.outcome!))).toBe(
      true,
    );
    const calls = await reprocessCalls(since);
    expect(calls).toHaveLength(50);
    const perBatch = new Map<number | undefined, number>();
    for (const call of calls) perBatch.set(call.batchSeq, (perBatch.get(call.batchSeq) ?? 0) + 1);
    expect(perBatch.has(undefined)).toBe(false);
    expect(Math.max(...perBatch.values())).toBeLessThanOrEqual(20);
    // Each user's history record names the request-id of the $batch that carried their reprocess call.
    const envelopes = await loggedCalls(emulator, since, "/$batch");
    const envelopeOf = new Map(envelopes.map((e) => [e.seq, e.requestId]));
    const sentIn = new Map(
      calls.map((c) => [c.path.split("/").at(-2)!.toLowerCase(), envelopeOf.get(c.batchSeq!)]),
    );
    const records = await readHistory(database, {
      tenantId: emulator.tenantId,
      jobId,
      actions: ["job.item_finished"],
    });
    expect(records).toHaveLength(50);
    for (const record of records) {
      const { requests } = record.body.detail as { requests: { requestId: string }[] };
      expect(requests.map((r) => r.requestId)).toEqual([sentIn.get(record.targetUserId!)]);
    }
  }, 90_000);

  it("retries a throttled reprocess after Retry-After and blocks the shared budget for exactly that long", async () => {
    const { database } = testDb();
    const jobId = await newJob(database, await usersInError(5));
    await emulator.control("POST", "/_emulator/faults", {
      method: "POST",
      path: REPROCESS,
      status: 429,
      retryAfter: 1.5,
      times: 1,
    });
    const since = await emulator.lastSeq();
    await runUntil(database, "w1", completed(database, jobId));

    const calls = await reprocessCalls(since);
    expect(calls.filter((c) => c.status === 429)).toHaveLength(1);
    expect(calls.filter((c) => c.status >= 200 && c.status < 300)).toHaveLength(5);
    const { items } = await listJobItems(database, jobId);
    expect(items.every((item) => item.state === "final" && item.outcome !== "failed")).toBe(true);
    expect(items.map((item) => item.attempts).sort()).toEqual([0, 0, 0, 0, 1]);
    const row = await database.kysely
      .selectFrom("rate_budgets")
      .select("blocked_until")
      .where("budget", "=", "graph-writes")
      .executeTakeFirstOrThrow();
    // 1.5 s after Graph answered, not rounded up to whole seconds.
    const throttledAt = Date.parse(calls.find((c) => c.status === 429)!.time);
    expect(Number(row.blocked_until) - throttledAt).toBeGreaterThanOrEqual(1_500);
    expect(Number(row.blocked_until) - throttledAt).toBeLessThan(2_000);
  }, 90_000);

  it("retries a 503 and a dropped connection with backoff, writing each user once", async () => {
    const { database } = testDb();
    const jobId = await newJob(database, await usersInError(3));
    for (const fault of [{ status: 503 }, { drop: true }]) {
      await emulator.control("POST", "/_emulator/faults", {
        method: "POST",
        path: REPROCESS,
        ...fault,
      });
    }
    const since = await emulator.lastSeq();
    await runUntil(database, "w1", completed(database, jobId));

    const { items } = await listJobItems(database, jobId);
    expect(items.every((item) => item.state === "final" && item.outcome !== "failed")).toBe(true);
    const { faults } = await emulator.control<{ faults: { applied: number }[] }>(
      "GET",
      "/_emulator/faults",
    );
    expect(faults.map((fault) => fault.applied)).toEqual([1, 1]);
    const calls = (await reprocessCalls(since)).filter((c) => c.status >= 200 && c.status < 300);
    for (const item of items) {
      expect(calls.filter((c) => c.path.includes(item.userId))).toHaveLength(1);
    }
  }, 90_000);

  it("finishes a user Graph does not know as failed with Graph's 404 at once", async () => {
    const { database } = testDb();
    const ghost = "00000000-0000-4000-8000-0000000000ff";
    const jobId = await newJob(database, [
      ...(await usersInError(2)),
      { userId: ghost, upn: "ghost@contoso.onmicrosoft.com", displayName: "Ghost" },
    ]);
    await runUntil(database, "w1", completed(database, jobId));

    const { items } = await listJobItems(database, jobId);
    const failed = items.find((item) => item.userId === ghost);
    expect(failed).toMatchObject({ outcome: "failed", attempts: 0 });
    expect(failed?.detail?.graphError?.status).toBe(404);
    expect(items.filter((item) => item.outcome !== "failed")).toHaveLength(2);
  }, 90_000);

  it("a worker stopped mid-job and a second one finishing it reprocess no recorded write twice", async () => {
    const { database } = testDb();
    const jobId = await newJob(database, await usersInError(50));
    // Slow writes, so the first worker is stopped with some batches sent and others not.
    await emulator.control("POST", "/_emulator/faults", {
      method: "POST",
      path: "/$batch",
      latencyMs: 300,
      times: 100,
    });
    const since = await emulator.lastSeq();
    const written = async () =>
      (await listJobItems(database, jobId, { limit: 100 })).items.some((i) => i.writtenAt);
    await runUntil(database, "w1", written);
    const afterFirst = await listJobItems(database, jobId, { limit: 100 });
    expect(afterFirst.items.some((item) => item.state !== "final")).toBe(true);

    await runUntil(database, "w2", completed(database, jobId));
    const { items } = await listJobItems(database, jobId, { limit: 100 });
    expect(items.every((item) => item.state === "final")).toBe(true);
    const calls = (await reprocessCalls(since)).filter((c) => c.status < 300);
    for (const item of items) {
      expect(calls.filter((c) => c.path.includes(item.userId))).toHaveLength(1);
    }
  }, 120_000);

  it("judges a user whose earlier, unrecorded write already fixed them as resolved, not as never in error", async () => {
    const { database } = testDb();
    const items = await usersInError(4);
    for (const item of items) {
      await emulator.control("PATCH", `/_emulator/users/${item.userId}`, FIXED);
    }
    const jobId = await newJob(database, items);
    // A worker claimed and sent the writes, then died before recording them; Graph applied them.
    const dead = await claimItems(database, {
      owner: "dead",
      max: 4,
      leaseMs: 1_000,
      now: Date.now() - 60_000,
    });
    for (const item of dead) {
      await graph.sendWithoutResult(graphRequests.reprocessLicenseAssignment(item.userId));
    }
    await waitFor(async () => {
      const readings = await Promise.all(items.map((i) => readUserLicensing(graph, i.userId)));
      return readings.every((reading) => failingStates(reading.user).length === 0);
    });

    await runUntil(database, "w2", completed(database, jobId));
    const { items: done } = await listJobItems(database, jobId);
    expect(done.map((item) => item.outcome)).toEqual(Array(4).fill("resolved"));
  }, 60_000);
});
