import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { claimItems, finishItem, markWritten, renewLeases, scheduleRetry } from "./items";
import { getJob, listJobItems } from "./queries";
import { createTestJob } from "@/lib/server/jobs/testing/fixtures";
import type { OutcomeDetail } from "./types";

const LEASE = 1_000;
const resolved = (now: number, detail: OutcomeDetail = { message: "Resolved." }) => ({
  outcome: "resolved" as const,
  detail,
  now,
});

describe.each(DIALECTS)("item lifecycle on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);
  const claim = (owner: string, max: number, now: number) =>
    claimItems(testDb().database, { owner, max, leaseMs: LEASE, now });

  it("records an item's outcome once and refuses a second finish", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 2);
    const [item] = await claim("w1", 1, 0);
    await markWritten(database, item!, 10);
    const detail = {
      message: "Resolved: Office 365 E3 now active.",
      diffSummary: "Office 365 E3 now active: 12 plans added",
    };
    expect(await finishItem(database, item!, resolved(20, detail))).toBe(true);
    const refused = { outcome: "failed" as const, detail: { message: "again" }, now: 30 };
    expect(await finishItem(database, item!, refused)).toBe(false);
    const { items } = await listJobItems(database, jobId, { states: ["final"] });
    expect(items).toMatchObject([
      {
        id: item!.id,
        outcome: "resolved",
        detail,
        writtenAt: 10,
        finishedAt: 20,
        leaseOwner: null,
        leaseExpiresAt: null,
      },
    ]);
  });

  it("stores Graph's error with a failed item", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 1);
    const [item] = await claim("w1", 1, 0);
    const graphError = { status: 404, code: "Request_ResourceNotFound", message: "Not found." };
    const finished = await finishItem(database, item!, {
      outcome: "failed",
      detail: { message: "This user no longer exists.", graphError },
      now: 5,
    });
    expect(finished).toBe(true);
    const { items } = await listJobItems(database, jobId);
    expect(items[0]).toMatchObject({ outcome: "failed", writtenAt: null, detail: { graphError } });
  });

  it("refuses every change from a worker whose expired lease another worker took over", async () => {
    const { database } = testDb();
    await createTestJob(database, "a", 1);
    const [stale] = await claim("w1", 1, 0);
    const [current] = await claim("w2", 1, LEASE);
    expect(
      await renewLeases(database, { owner: "w1", itemIds: [stale!.id], leaseMs: LEASE, now: 1 }),
    ).toEqual([]);
    expect(await markWritten(database, stale!, LEASE + 1)).toBe(false);
    expect(await scheduleRetry(database, stale!, { at: 0, attempts: 1 })).toBe(false);
    expect(await finishItem(database, stale!, resolved(LEASE + 1))).toBe(false);
    expect(await markWritten(database, current!, LEASE + 2)).toBe(true);
    expect(await finishItem(database, current!, resolved(LEASE + 3))).toBe(true);
  });

  it("keeps a renewed lease from being reclaimed, and renews only what the owner holds", async () => {
    const { database } = testDb();
    await createTestJob(database, "a", 3);
    const mine = await claim("w1", 2, 0);
    const [other] = await claim("w2", 1, 0);
    const ids = [...mine.map((item) => item.id), other!.id];
    const renewed = await renewLeases(database, {
      owner: "w1",
      itemIds: ids,
      leaseMs: LEASE,
      now: 900,
    });
    expect(new Set(renewed)).toEqual(new Set(mine.map((item) => item.id)));
    expect(await claim("w3", 5, LEASE)).toMatchObject([{ id: other!.id }]);
    expect(await claim("w3", 5, 900 + LEASE)).toHaveLength(2);
  });

  it("returns an unwritten item to pending on retry, with its attempts and no lease", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 1);
    const [item] = await claim("w1", 1, 0);
    expect(await scheduleRetry(database, item!, { at: 2_000, attempts: 2 })).toBe(true);
    const { items } = await listJobItems(database, jobId);
    expect(items[0]).toMatchObject({
      state: "pending",
      attempts: 2,
      nextAttemptAt: 2_000,
      leaseOwner: null,
      leaseExpiresAt: null,
    });
  });

  it("completes the job when its last item is finished, not before", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 2);
    const [first, second] = await claim("w1", 2, 0);
    await finishItem(database, first!, resolved(10));
    expect(await getJob(database, jobId)).toMatchObject({ status: "running", finishedAt: null });
    await finishItem(database, second!, { outcome: "still_in_error", detail: {}, now: 20 });
    const job = await getJob(database, jobId);
    expect(job).toMatchObject({ status: "completed", finishedAt: 20 });
    expect(job?.progress.outcomes).toMatchObject({ resolved: 1, still_in_error: 1 });
  });
});
