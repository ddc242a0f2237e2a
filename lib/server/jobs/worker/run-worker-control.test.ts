import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/server/db/database";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import type { GraphClient } from "@/lib/server/graph/client";
import { startTestEmulator, type TestEmulator } from "@/lib/server/testing/emulator";
import { graphRequests } from "@/lib/server/graph/requests";
import { JobCredentialsUnavailableError } from "@/lib/server/jobs/credentials/credentials-error";
import { cancelJob, pauseJob } from "@/lib/server/jobs/store/job-control";
import { getJob, listJobItems } from "@/lib/server/jobs/store/queries";
import { ADELE } from "@/lib/server/jobs/testing/fixtures";
import {
  completed,
  FIXED,
  LIMITS,
  loggedCalls,
  newJob,
  pacerOn,
  reprocessCalls,
  runUntil,
  TIMING,
  usersInError,
  workerGraphClient,
} from "@/lib/server/jobs/testing/runner-harness";

let emulator: TestEmulator;
let graph: GraphClient;

beforeAll(async () => {
  emulator = await startTestEmulator({ GRAPH_MODE: "app-only" });
  graph = await workerGraphClient();
}, 30_000);

afterAll(() => emulator.close());

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

describe.each(DIALECTS)("job runner control on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);
  const job = async (database: Database, count: number) =>
    newJob(database, emulator.tenantId, await usersInError(graph, count));

  it("gives a job's items back unattempted when its credentials are unavailable, reports the job and goes on with others", async () => {
    const { database } = testDb();
    const [mine, theirs] = [
      (await usersInError(graph, 6)).slice(0, 3),
      (await usersInError(graph, 6)).slice(3),
    ];
    const stuck = await newJob(database, emulator.tenantId, mine);
    const other = await newJob(database, emulator.tenantId, theirs);
    const since = await emulator.lastSeq();
    const unavailable: string[] = [];
    await runUntil(
      database,
      emulator.tenantId,
      {
        owner: "w1",
        graphForJob: async (jobId) => {
          if (jobId === stuck) throw new JobCredentialsUnavailableError(jobId);
          return graph;
        },
        onCredentialsUnavailable: (jobId) => void unavailable.push(jobId),
      },
      completed(database, other),
    );

    expect(new Set(unavailable)).toEqual(new Set([stuck]));
    const { items } = await listJobItems(database, stuck);
    expect(items.map((i) => [i.state, i.attempts, i.leaseOwner])).toEqual(
      Array(3).fill(["pending", 0, null]),
    );
    const calls = await reprocessCalls(emulator, since);
    const stuckUsers = items.map((i) => i.userId);
    expect(calls).toHaveLength(3);
    expect(calls.some((c) => stuckUsers.some((u) => c.path.includes(u)))).toBe(false);
  }, 90_000);

  it("sends nothing for a job paused after its items were claimed, and gives them back unattempted", async () => {
    const { database } = testDb();
    const jobId = await job(database, 5);
    const since = await emulator.lastSeq();
    await runUntil(
      database,
      emulator.tenantId,
      {
        owner: "w1",
        // The pause lands between the claim and the first write batch.
        graphForJob: async (id) => {
          await pauseJob(database, { jobId: id, actor: ADELE, now: Date.now() });
          return graph;
        },
      },
      async () =>
        (await getJob(database, jobId))?.status === "paused" &&
        (await listJobItems(database, jobId)).items.every((i) => i.leaseOwner === null),
    );

    expect((await getJob(database, jobId))?.status).toBe("paused");
    const { items } = await listJobItems(database, jobId);
    expect(items.every((i) => i.state === "pending" && i.attempts === 0)).toBe(true);
    expect(await reprocessCalls(emulator, since)).toHaveLength(0);
  }, 90_000);

  it("sends nothing for a job cancelled after its items were claimed: they end cancelled with the job", async () => {
    const { database } = testDb();
    const jobId = await job(database, 5);
    const since = await emulator.lastSeq();
    await runUntil(
      database,
      emulator.tenantId,
      {
        owner: "w1",
        graphForJob: async (id) => {
          await cancelJob(database, { jobId: id, actor: ADELE, now: Date.now() });
          return graph;
        },
      },
      completed(database, jobId),
    );

    expect((await getJob(database, jobId))?.status).toBe("cancelled");
    const { items } = await listJobItems(database, jobId);
    expect(items.map((i) => i.outcome)).toEqual(Array(5).fill("cancelled"));
    expect(await reprocessCalls(emulator, since)).toHaveLength(0);
  }, 90_000);

  it("keeps writing while written users are still being checked: every write goes out before the first check ends", async () => {
    const { database } = testDb();
    const items = await usersInError(graph, 60);
    for (const item of items) {
      await emulator.control("PATCH", `/_emulator/users/${item.userId}`, FIXED);
    }
    // The licensing service takes 4 s; three claims of 20 are written long before the first settles.
    await emulator.control("PATCH", "/_emulator/config", { reprocessDelayMs: 4_000 });
    const jobId = await newJob(database, emulator.tenantId, items);
    const since = await emulator.lastSeq();
    await runUntil(
      database,
      emulator.tenantId,
      {
        owner: "w1",
        limits: { ...LIMITS, claimMax: 20 },
        timing: { ...TIMING, timeoutMs: 8_000, quietMs: 8_000 },
      },
      completed(database, jobId),
    );

    const { items: done } = await listJobItems(database, jobId, { limit: 100 });
    expect(done.every((i) => i.state === "final" && i.outcome !== "failed")).toBe(true);
    const lastWrite = Math.max(
      ...(await reprocessCalls(emulator, since)).map((c) => Date.parse(c.time)),
    );
    const firstFinished = Math.min(...done.map((i) => i.finishedAt!));
    expect(lastWrite).toBeLessThan(firstFinished);
  }, 90_000);

  it("a throttled read holds the shared ResourceUnit budget until Retry-After, and the users still finish", async () => {
    const { database } = testDb();
    const jobId = await job(database, 2);
    await emulator.control("POST", "/_emulator/faults", {
      method: "GET",
      path: "/users/*",
      status: 429,
      retryAfter: 0.8,
      times: 2,
    });
    const since = await emulator.lastSeq();
    await runUntil(database, emulator.tenantId, { owner: "w1" }, completed(database, jobId));

    const { items } = await listJobItems(database, jobId);
    expect(items.every((i) => i.state === "final" && i.outcome !== "failed")).toBe(true);
    const throttled = (await loggedCalls(emulator, since, "/users/")).filter(
      (c) => c.method === "GET" && c.status === 429,
    );
    expect(throttled).toHaveLength(2);
    const row = await database.kysely
      .selectFrom("rate_budgets")
      .select("blocked_until")
      .where("budget", "=", "graph-reads")
      .executeTakeFirstOrThrow();
    expect(Number(row.blocked_until)).toBeGreaterThanOrEqual(Date.parse(throttled[0]!.time) + 800);
  }, 90_000);

  it("holds its writes when Graph's usage header shows writes sent outside the budget, instead of running into 429s", async () => {
    const { database } = testDb();
    const users = await usersInError(graph, 52);
    await emulator.control("PUT", "/_emulator/limits", {
      appTenantWrites: { limit: 50, windowSeconds: 150 },
    });
    // Another tool on the same app registration spends 32 of the 50 writes; our budget cannot know.
    const outside = await graph.batch(
      users.slice(0, 32).map((u) => graphRequests.reprocessLicenseAssignment(u.userId)),
    );
    expect(outside.every((r) => r.ok)).toBe(true);
    const jobId = await newJob(database, emulator.tenantId, users.slice(32));
    const paced = await workerGraphClient(
      pacerOn(database, emulator.tenantId, {
        writes: { capacity: 50, windowMs: 150_000 },
        interactiveReserve: { writes: 0 },
      }),
    );
    const since = await emulator.lastSeq();
    await runUntil(
      database,
      emulator.tenantId,
      {
        owner: "w1",
        graphForJob: async () => paced,
        limits: { ...LIMITS, claimMax: 10 },
      },
      completed(database, jobId),
    );

    const calls = await reprocessCalls(emulator, since);
    expect(calls.filter((c) => c.status === 429)).toEqual([]);
    expect(calls).toHaveLength(20);
    const { items } = await listJobItems(database, jobId);
    expect(items.every((i) => i.state === "final" && i.outcome !== "failed")).toBe(true);
  }, 90_000);
});
