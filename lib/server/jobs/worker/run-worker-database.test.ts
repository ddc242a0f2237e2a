import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import type { GraphClient } from "@/lib/server/graph/client";
import { startTestEmulator, type TestEmulator } from "@/lib/server/testing/emulator";
import { loggedLines } from "@/lib/testing/console-capture";
import { cancelJob } from "@/lib/server/jobs/store/job-control";
import { getJob, listJobItems } from "@/lib/server/jobs/store/queries";
import { ADELE } from "@/lib/server/jobs/testing/fixtures";
import { recordingWrite } from "@/lib/server/jobs/testing/bulk-fault-cases";
import { driverError, FailingDatabase } from "@/lib/server/jobs/testing/failing-database";
import {
  completed,
  LIMITS,
  newJob,
  reprocessCalls,
  runUntil,
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

// Leases far longer than the tests wait: only giving the items back can finish these jobs in time.
const LONG_LEASES = { ...LIMITS, leaseMs: 120_000 };
const IN_TIME_MS = 20_000;

const callsPerUser = (calls: { path: string; status: number }[], userId: string) =>
  calls.filter((c) => c.status < 300 && c.path.includes(userId)).length;

describe.each(DIALECTS)("job runner with a failing database on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  it("gives the users it holds back to the queue when recording a write fails: nothing stays in flight, the job completes", async () => {
    const failing = new FailingDatabase(testDb().database);
    const { database } = failing;
    const jobId = await newJob(database, emulator.tenantId, await usersInError(graph, 20));
    failing.fail({
      matches: recordingWrite,
      times: 1,
      error: () => driverError(dialect, "locked"),
    });
    const since = await emulator.lastSeq();
    await runUntil(
      database,
      emulator.tenantId,
      { owner: "w1", limits: LONG_LEASES },
      completed(database, jobId),
      IN_TIME_MS,
    );

    expect(failing.failures).toBe(1);
    const { items } = await listJobItems(database, jobId);
    expect(items.every((i) => i.state === "final" && i.outcome !== "failed")).toBe(true);
    expect(items.every((i) => i.leaseOwner === null)).toBe(true);
    // The batch's writes were sent but not recorded: sent again once, their attempt counted.
    expect(items.map((i) => i.attempts)).toEqual(Array(20).fill(1));
    const calls = await reprocessCalls(emulator, since);
    expect(items.map((i) => callsPerUser(calls, i.userId))).toEqual(Array(20).fill(2));
    const locked = dialect === "sqlite" ? /database is locked/ : /lock timeout/;
    expect(loggedLines(/back to the queue/)).toEqual([expect.stringMatching(locked)]);
  }, 60_000);

  it("finishes a cancel while the database refuses to record writes: the held users end cancelled", async () => {
    const failing = new FailingDatabase(testDb().database);
    const { database } = failing;
    const jobId = await newJob(database, emulator.tenantId, await usersInError(graph, 30));
    failing.fail({ matches: recordingWrite, error: () => driverError(dialect, "gone") });
    const since = await emulator.lastSeq();
    let cancelled = false;
    await runUntil(
      database,
      emulator.tenantId,
      { owner: "w1", limits: LONG_LEASES },
      async () => {
        if (!cancelled && failing.failures > 0) {
          cancelled = await cancelJob(database, { jobId, actor: ADELE, now: Date.now() });
        }
        return completed(database, jobId)();
      },
      IN_TIME_MS,
    );

    expect((await getJob(database, jobId))?.status).toBe("cancelled");
    const { items } = await listJobItems(database, jobId);
    expect(items.map((i) => i.outcome)).toEqual(Array(30).fill("cancelled"));
    const calls = await reprocessCalls(emulator, since);
    expect(items.every((i) => callsPerUser(calls, i.userId) <= 1)).toBe(true);
  }, 60_000);

  it("only checks again a write the database recorded but whose answer it lost, never sends it twice", async () => {
    const failing = new FailingDatabase(testDb().database);
    const { database } = failing;
    const jobId = await newJob(database, emulator.tenantId, await usersInError(graph, 5));
    failing.fail({
      matches: recordingWrite,
      times: 1,
      afterRunning: true,
      error: () => driverError(dialect, "gone"),
    });
    const since = await emulator.lastSeq();
    await runUntil(
      database,
      emulator.tenantId,
      { owner: "w1", limits: LONG_LEASES },
      completed(database, jobId),
      IN_TIME_MS,
    );

    const { items } = await listJobItems(database, jobId);
    expect(items.every((i) => i.state === "final" && i.outcome !== "failed")).toBe(true);
    const calls = await reprocessCalls(emulator, since);
    // The first write recorded (its answer lost); the other four were not and went out again.
    expect(items.map((i) => callsPerUser(calls, i.userId))).toEqual([1, 2, 2, 2, 2]);
  }, 60_000);
});
