import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { claimItems, finishItem, markWritten } from "./items";
import { createJob } from "./create-job";
import { cancelJob } from "./job-control";
import { getJob, getJobProgress, listJobItems, listJobs } from "./queries";
import { ADELE, TENANT, createTestJob, users } from "@/lib/server/jobs/testing/fixtures";

describe.each(DIALECTS)("job queries on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  it("counts a job's items per state and per outcome", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 6);
    const [, b, c, d] = await claimItems(database, { owner: "w", max: 4, leaseMs: 1_000, now: 0 });
    await markWritten(database, b!, 1);
    await markWritten(database, c!, 1);
    await finishItem(database, c!, { outcome: "resolved", detail: {}, now: 2 });
    await finishItem(database, d!, { outcome: "timed_out", detail: {}, now: 2 });
    expect(await getJobProgress(database, jobId)).toEqual({
      total: 6,
      states: { pending: 2, in_flight: 1, written: 1, final: 2 },
      outcomes: {
        resolved: 1,
        still_in_error: 0,
        unchanged: 0,
        timed_out: 1,
        failed: 0,
        cancelled: 0,
      },
    });
  });

  it("knows no unknown job", async () => {
    expect(await getJob(testDb().database, "no-such-job")).toBeUndefined();
  });

  it("lists every open job and the latest finished ones of the tenant, newest first", async () => {
    const { database } = testDb();
    const finished = [];
    for (let i = 0; i < 3; i++) {
      const id = await createTestJob(database, `done${i}`, 1, 100 + i);
      await cancelJob(database, { jobId: id, actor: ADELE, now: 200 });
      finished.push(id);
    }
    const old = await createTestJob(database, "old", 2, 10);
    const recent = await createTestJob(database, "new", 2, 500);
    await createJob(database, {
      tenantId: "another-tenant",
      createdBy: ADELE,
      selection: { description: "elsewhere" },
      items: users("x", 1),
      now: 600,
    });
    const jobs = await listJobs(database, { tenantId: TENANT, recent: 2 });
    expect(jobs.map((job) => job.id)).toEqual([recent, finished[2], finished[1], old]);
    expect(jobs[0]?.progress.states.pending).toBe(2);
    expect(jobs[1]?.progress.outcomes.cancelled).toBe(1);
  });

  it("pages through a job's items, filtered by state and outcome, with the count of all matches", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 7);
    const claimed = await claimItems(database, { owner: "w", max: 3, leaseMs: 1_000, now: 0 });
    for (const item of claimed) {
      await finishItem(database, item, { outcome: "failed", detail: {}, now: 1 });
    }
    const first = await listJobItems(database, jobId, { states: ["pending"], limit: 3 });
    expect(first.items.map((item) => item.userId)).toEqual(["a-4", "a-5", "a-6"]);
    expect(first.total).toBe(4);
    expect(first.nextAfterId).toBe(first.items[2]?.id);
    const second = await listJobItems(database, jobId, {
      states: ["pending"],
      limit: 3,
      afterId: first.nextAfterId ?? undefined,
    });
    expect(second.items.map((item) => item.userId)).toEqual(["a-7"]);
    expect(second.nextAfterId).toBeNull();
    const failed = await listJobItems(database, jobId, { outcomes: ["failed", "resolved"] });
    expect(failed.items.map((item) => item.userId)).toEqual(["a-1", "a-2", "a-3"]);
    expect(failed.total).toBe(3);
  });
});
