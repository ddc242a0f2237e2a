import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database, DialectName } from "@/lib/server/db/database";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import type { GraphClient } from "@/lib/server/graph/client";
import { failingStates } from "@/lib/server/licensing/verdict";
import { readUserLicensing } from "@/lib/server/licensing/snapshot";
import { startTestEmulator, type TestEmulator } from "@/lib/server/testing/emulator";
import { listJobItems } from "@/lib/server/jobs/store/queries";
import {
  BULK_DATABASE_FAULT_CASES,
  BULK_FAULT_CASES,
  type BulkFaultCase,
} from "@/lib/server/jobs/testing/bulk-fault-cases";
import { FailingDatabase } from "@/lib/server/jobs/testing/failing-database";
import {
  completed,
  FIXED,
  LIMITS,
  loggedCalls,
  newJob,
  pacerOn,
  reprocessCalls,
  runUntil,
  usersInError,
  waitFor,
  workerGraphClient,
} from "@/lib/server/jobs/testing/runner-harness";

const USERS = 4;
const MAX_ATTEMPTS = 6;

let emulator: TestEmulator;
let graph: GraphClient;

beforeAll(async () => {
  emulator = await startTestEmulator({ GRAPH_MODE: "app-only" });
  graph = await workerGraphClient();
}, 30_000);

afterAll(() => emulator.close());

beforeEach(async () => {
  await emulator.control("POST", "/_emulator/generate", {
    users: 60,
    groups: 4,
    usersInError: 12,
    seed: 9,
  });
  await emulator.control("PATCH", "/_emulator/config", { reprocessDelayMs: 100 });
  await emulator.control("DELETE", "/_emulator/faults");
});

/**
 * Runs one case: users whose cause is fixed (so a reprocess that lands resolves them), the faults, a
 * worker until the job is done; then every user's one final state, its message, the Graph calls made,
 * and whether the reprocess really reached each user.
 */
async function runCase(real: Database, dialect: DialectName, c: BulkFaultCase): Promise<void> {
  const failing = new FailingDatabase(real);
  const users = await usersInError(graph, USERS);
  for (const user of users) {
    await emulator.control("PATCH", `/_emulator/users/${user.userId}`, FIXED);
  }
  const jobId = await newJob(real, emulator.tenantId, users);
  for (const fault of c.graph ?? []) await emulator.control("POST", "/_emulator/faults", fault);
  const client = await workerGraphClient(pacerOn(real, emulator.tenantId), {
    timeoutMs: c.timeoutMs,
  });
  if (c.database) failing.fail(c.database(dialect));
  const since = await emulator.lastSeq();
  await runUntil(
    failing.database,
    emulator.tenantId,
    {
      owner: "w1",
      graphForJob: async () => client,
      limits: { ...LIMITS, maxAttempts: MAX_ATTEMPTS },
    },
    completed(real, jobId),
    40_000,
  );
  if (c.database) expect(failing.failures).toBeGreaterThan(0);

  const { items } = await listJobItems(real, jobId);
  expect(items).toHaveLength(USERS);
  for (const item of items) {
    expect(item).toMatchObject({ state: "final", outcome: c.outcome, leaseOwner: null });
    expect(item.detail?.message).toMatch(c.message);
    if (c.attempts !== undefined) expect(item.attempts).toBe(c.attempts);
  }

  if ("exactly" in c.writes) {
    const { exactly } = c.writes;
    await waitFor(async () => (await reprocessCalls(emulator, since)).length >= exactly, 10_000);
  }
  const writes = await reprocessCalls(emulator, since);
  if ("exactly" in c.writes) expect(writes).toHaveLength(c.writes.exactly);
  else expect(writes.length).toBeLessThanOrEqual(c.writes.atMost);
  const reads = (await loggedCalls(emulator, since, "/users/")).filter(
    (call) => call.method === "GET",
  );
  for (const { userId } of users) {
    const perUser = (calls: { path: string }[]) => calls.filter((x) => x.path.includes(userId));
    expect(perUser(writes).length).toBeLessThanOrEqual(MAX_ATTEMPTS);
    expect(perUser(reads).length).toBeLessThanOrEqual(c.maxReads ?? 20);
  }
  if (c.maxCalls) {
    const calls = await loggedCalls(emulator, since, c.maxCalls.path);
    expect(calls.length).toBeLessThanOrEqual(c.maxCalls.count);
  }

  // Truthful: a user said reprocessed was, one said not was not.
  await emulator.control("DELETE", "/_emulator/faults");
  for (const { userId } of users) {
    const { user } = await readUserLicensing(graph, userId);
    expect(failingStates(user).length === 0).toBe(c.applied);
  }
}

describe("bulk job fault matrix: Graph faults", () => {
  const testDb = useTestDatabase("sqlite");
  it.each(BULK_FAULT_CASES.map((c) => [c.name, c] as const))(
    "%s",
    async (_name, c) => runCase(testDb().database, "sqlite", c),
    60_000,
  );
});

describe.each(DIALECTS)("bulk job fault matrix: database faults on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);
  it.each(BULK_DATABASE_FAULT_CASES.map((c) => [c.name, c] as const))(
    "%s",
    async (_name, c) => runCase(testDb().database, dialect, c),
    60_000,
  );
});
