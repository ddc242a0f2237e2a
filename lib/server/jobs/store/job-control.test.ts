import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { JOB_CONTROLS, readHistory } from "@/lib/server/history/read-history";
import { claimItems, finishItem, markWritten, scheduleRetry } from "./items";
import { cancelJob, pauseJob, resumeJob } from "./job-control";
import { getJob, listJobItems } from "./queries";
import { LEE, TENANT, createTestJob } from "@/lib/server/jobs/testing/fixtures";

const LEASE = 1_000;
const done = (now: number) => ({ outcome: "resolved" as const, detail: {}, now });

describe.each(DIALECTS)("pause, resume and cancel on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);
  const claim = (owner: string, max: number, now: number) =>
    claimItems(testDb().database, { owner, max, leaseMs: LEASE, now });
  const control = (now: number) => ({ jobId: "", actor: LEE, now });

  it("a paused job hands out nothing until it is resumed", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 4);
    await claim("w1", 1, 0);
    expect(await pauseJob(database, { ...control(10), jobId })).toBe(true);
    expect((await getJob(database, jobId))?.status).toBe("paused");
    expect(await claim("w1", 4, 20)).toEqual([]);
    expect(await resumeJob(database, { ...control(30), jobId })).toBe(true);
    expect((await getJob(database, jobId))?.status).toBe("running");
    expect(await claim("w1", 4, 40)).toHaveLength(3);
  });

  it("resuming a job paused before it started puts it back in the queue", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 1);
    await pauseJob(database, { ...control(1), jobId });
    await resumeJob(database, { ...control(2), jobId });
    expect((await getJob(database, jobId))?.status).toBe("queued");
  });

  it("a paused job's claimed items still finish, and its written items are still verified", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 3);
    const [first, second] = await claim("w1", 2, 0);
    await pauseJob(database, { ...control(10), jobId });
    expect(await markWritten(database, first!, 20)).toBe(true);
    expect(await finishItem(database, first!, done(30))).toBe(true);
    expect(await markWritten(database, second!, 40)).toBe(true);
    // w1 died after the write: the check is handed to another worker, the write is not repeated.
    expect(await claim("w2", 5, LEASE)).toMatchObject([{ id: second!.id, phase: "verify" }]);
  });

  it("refuses controls that do not fit the job's state, and unknown jobs", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 1);
    expect(await resumeJob(database, { ...control(1), jobId })).toBe(false);
    const [item] = await claim("w1", 1, 0);
    await finishItem(database, item!, done(5));
    expect((await getJob(database, jobId))?.status).toBe("completed");
    expect(await pauseJob(database, { ...control(6), jobId })).toBe(false);
    expect(await cancelJob(database, { ...control(6), jobId })).toBe(false);
    expect(await pauseJob(database, { ...control(6), jobId: "no-such-job" })).toBe(false);
  });

  it("cancel finalizes pending items at once; claimed ones finish, then the job is cancelled", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 4);
    const [writing, checking] = await claim("w1", 2, 0);
    await markWritten(database, checking!, 5);
    expect(await cancelJob(database, { ...control(10), jobId })).toBe(true);
    let job = await getJob(database, jobId);
    expect(job?.status).toBe("cancelling");
    expect(job?.progress.outcomes.cancelled).toBe(2);
    expect(await claim("w2", 5, 20)).toEqual([]);
    expect(await finishItem(database, writing!, done(30))).toBe(true);
    expect(await finishItem(database, checking!, done(40))).toBe(true);
    job = await getJob(database, jobId);
    expect(job).toMatchObject({ status: "cancelled", finishedAt: 40 });
    expect(job?.progress.outcomes).toMatchObject({ resolved: 2, cancelled: 2 });
    const { items } = await listJobItems(database, jobId, { outcomes: ["cancelled"] });
    expect(items.map((item) => item.userId)).toEqual(["a-3", "a-4"]);
    expect(items[0]?.detail?.message).toMatch(/Cancelled/);
  });

  it("cancelling a job with nothing claimed cancels it at once", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 3);
    expect(await cancelJob(database, { ...control(10), jobId })).toBe(true);
    expect(await getJob(database, jobId)).toMatchObject({ status: "cancelled", finishedAt: 10 });
  });

  it("after a cancel, what a dead worker never wrote is cancelled and what it wrote is verified", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 3);
    const [unwritten, written, retried] = await claim("dead", 3, 0);
    await markWritten(database, written!, 5);
    await scheduleRetry(database, retried!, { at: 0, attempts: 1 });
    await cancelJob(database, { ...control(10), jobId });
    const verify = await claim("w2", 5, LEASE);
    expect(verify).toMatchObject([{ id: written!.id, phase: "verify" }]);
    const { items } = await listJobItems(database, jobId, { outcomes: ["cancelled"] });
    expect(items.map((item) => item.id).sort((a, b) => a - b)).toEqual(
      [unwritten!.id, retried!.id].sort((a, b) => a - b),
    );
    await finishItem(database, verify[0]!, done(LEASE + 1));
    expect((await getJob(database, jobId))?.status).toBe("cancelled");
  });

  it("a retry scheduled while the job is cancelling is cancelled at the next claim", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 2);
    const [item] = await claim("w1", 1, 0);
    await cancelJob(database, { ...control(10), jobId });
    expect(await scheduleRetry(database, item!, { at: 20, attempts: 1 })).toBe(true);
    expect(await claim("w1", 5, 30)).toEqual([]);
    expect(await getJob(database, jobId)).toMatchObject({ status: "cancelled", finishedAt: 30 });
  });

  it("audits who paused, resumed and cancelled", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 2);
    await pauseJob(database, { ...control(1), jobId });
    await resumeJob(database, { ...control(2), jobId });
    await cancelJob(database, { ...control(3), jobId });
    const events = await readHistory(database, { tenantId: TENANT, jobId, actions: JOB_CONTROLS });
    expect(events.map((event) => [event.at, event.actor.name, event.action])).toEqual([
      // A record is never dated before the one it follows, so these controls at 1–3 ms show 1,000.
      [1_000, "Lee Gu", "job.cancelled"],
      [1_000, "Lee Gu", "job.resumed"],
      [1_000, "Lee Gu", "job.paused"],
      [1_000, "Adele Vance", "job.created"],
    ]);
  });
});
