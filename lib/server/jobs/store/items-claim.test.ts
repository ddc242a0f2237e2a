import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { claimItems, markWritten, scheduleRetry } from "./items";
import { getJob, listJobItems } from "./queries";
import { createTestJob } from "@/lib/server/jobs/testing/fixtures";
import type { ClaimedItem } from "./types";

const LEASE = 1_000;
const userIds = (items: ClaimedItem[]) => items.map((item) => item.userId);

describe.each(DIALECTS)("claimItems on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);
  const claim = (owner: string, max: number, now: number) =>
    claimItems(testDb().database, { owner, max, leaseMs: LEASE, now });

  it("leases pending items to write, in order, and marks the job running", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 5);
    const items = await claim("w1", 3, 10_000);
    expect(items).toEqual(
      ["a-1", "a-2", "a-3"].map((userId, i) => ({
        id: expect.any(Number),
        jobId,
        owner: "w1",
        phase: "write",
        mayHaveBeenSent: false,
        userId,
        upn: `a.${i + 1}@contoso.onmicrosoft.com`,
        displayName: `A User ${i + 1}`,
        attempts: 0,
        leaseExpiresAt: 10_000 + LEASE,
        writtenAt: null,
      })),
    );
    const job = await getJob(database, jobId);
    expect(job).toMatchObject({ status: "running", startedAt: 10_000 });
    expect(job?.progress.states).toMatchObject({ pending: 2, in_flight: 3 });
  });

  it("does not hand out an item again while its lease is fresh", async () => {
    const { database } = testDb();
    await createTestJob(database, "a", 3);
    expect(await claim("w1", 3, 0)).toHaveLength(3);
    expect(await claim("w2", 3, LEASE - 1)).toEqual([]);
  });

  it("reclaims exactly the items whose lease expired, under the new owner", async () => {
    const { database } = testDb();
    await createTestJob(database, "a", 4);
    const early = await claim("w1", 2, 0);
    await claim("w1", 2, 500);
    const reclaimed = await claim("w2", 10, LEASE);
    expect(userIds(reclaimed)).toEqual(userIds(early));
    expect(reclaimed.every((item) => item.owner === "w2" && item.phase === "write")).toBe(true);
    const { items } = await listJobItems(database, early[0]!.jobId, { states: ["in_flight"] });
    expect(items.map((item) => [item.userId, item.leaseOwner])).toEqual([
      ["a-1", "w2"],
      ["a-2", "w2"],
      ["a-3", "w1"],
      ["a-4", "w1"],
    ]);
  });

  it("hands an item whose write was recorded out only to verify it, never to write it again", async () => {
    const { database } = testDb();
    await createTestJob(database, "a", 1);
    const [item] = await claim("w1", 1, 0);
    expect(await markWritten(database, item!, 100)).toBe(true);
    const again = await claim("w2", 1, LEASE);
    expect(again).toMatchObject([{ id: item!.id, phase: "verify", writtenAt: 100 }]);
    // Giving it back to check later keeps it a verification.
    expect(await scheduleRetry(database, again[0]!, { at: 5_000, attempts: 1 })).toBe(true);
    expect(await claim("w3", 1, 4_999)).toEqual([]);
    expect(await claim("w3", 1, 5_000)).toMatchObject([{ id: item!.id, phase: "verify" }]);
  });

  it("holds a retried item until its next attempt time, then hands it out with its attempts", async () => {
    const { database } = testDb();
    await createTestJob(database, "a", 1);
    const [item] = await claim("w1", 1, 0);
    expect(await scheduleRetry(database, item!, { at: 3_000, attempts: 1 })).toBe(true);
    expect(await claim("w1", 1, 2_999)).toEqual([]);
    expect(await claim("w2", 1, 3_000)).toMatchObject([
      { id: item!.id, phase: "write", attempts: 1 },
    ]);
  });

  it("serves open jobs in turn within a claim", async () => {
    const { database } = testDb();
    await createTestJob(database, "a", 10, 1);
    await createTestJob(database, "b", 10, 2);
    expect(userIds(await claim("w1", 4, 0))).toEqual(["a-1", "b-1", "a-2", "b-2"]);
  });

  it("serves open jobs in turn across claims, starting after the last job served", async () => {
    const { database } = testDb();
    await createTestJob(database, "a", 10, 1);
    await createTestJob(database, "b", 10, 2);
    const singles = [];
    for (let i = 0; i < 4; i++) singles.push(...userIds(await claim("w1", 1, i)));
    expect(singles).toEqual(["a-1", "b-1", "a-2", "b-2"]);
    // With an odd batch size the job that went last this time goes first next time.
    expect(userIds(await claim("w1", 3, 10))).toEqual(["a-3", "b-3", "a-4"]);
    expect(userIds(await claim("w1", 3, 11))).toEqual(["b-4", "a-5", "b-5"]);
  });

  it("gives a job created behind a big one its share from its first claim", async () => {
    const { database } = testDb();
    await createTestJob(database, "big", 100, 1);
    for (let i = 0; i < 5; i++) await claim("w1", 4, i);
    await createTestJob(database, "small", 2, 10);
    expect(userIds(await claim("w1", 4, 20))).toEqual(["small-1", "big-21", "small-2", "big-22"]);
  });

  it("claims nothing when max is 0 or no job is open", async () => {
    const { database } = testDb();
    expect(await claim("w1", 5, 0)).toEqual([]);
    await createTestJob(database, "a", 2);
    expect(await claim("w1", 0, 0)).toEqual([]);
  });
});
