import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { claimItems, finishItem } from "@/lib/server/jobs/store/items";
import { cancelJob, pauseJob } from "@/lib/server/jobs/store/job-control";
import { getJob } from "@/lib/server/jobs/store/queries";
import { ADELE, createTestJob } from "@/lib/server/jobs/testing/fixtures";
import { toJobViews } from "./job-views";

const T0 = 1_700_000_000_000;

describe.each(DIALECTS)("job pace and ETA on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  async function viewAt(jobId: string, now: number) {
    const { database } = testDb();
    const [view] = await toJobViews(database, [(await getJob(database, jobId))!], now);
    return view!;
  }

  /** Starts the job at T0 and finishes `count` items at the given times. */
  async function finishAt(jobId: string, times: number[]) {
    const { database } = testDb();
    const claimed = await claimItems(database, {
      owner: "w",
      max: times.length,
      leaseMs: 600_000,
      now: T0,
    });
    for (const [index, at] of times.entries()) {
      await finishItem(database, claimed[index]!, { outcome: "resolved", detail: {}, now: at });
    }
  }

  it("measures nothing before the job starts or in its first seconds", async () => {
    const jobId = await createTestJob(testDb().database, "a", 100, T0);
    expect((await viewAt(jobId, T0 + 30_000)).progress).toMatchObject({
      perMinute: null,
      etaSeconds: null,
    });
    await finishAt(jobId, [T0 + 500]);
    expect((await viewAt(jobId, T0 + 1_000)).progress.perMinute).toBeNull();
  });

  it("paces a running job over the last minute and gives the seconds left at that pace", async () => {
    const jobId = await createTestJob(testDb().database, "a", 100, T0);
    // 10 finished in the first 30 s.
    await finishAt(
      jobId,
      Array.from({ length: 10 }, (_, i) => T0 + (i + 1) * 3_000),
    );
    expect((await viewAt(jobId, T0 + 30_000)).progress).toMatchObject({
      perMinute: 20,
      etaSeconds: 270,
    });
    // At 100 s only the ones finished after 40 s count: none, so the job is stalled and has no ETA.
    expect((await viewAt(jobId, T0 + 100_000)).progress).toMatchObject({
      perMinute: 0,
      etaSeconds: null,
    });
  });

  it("gives no ETA while paused", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 10, T0);
    await finishAt(jobId, [T0 + 10_000, T0 + 20_000]);
    await pauseJob(database, { jobId, actor: ADELE, now: T0 + 25_000 });
    expect((await viewAt(jobId, T0 + 30_000)).progress).toMatchObject({
      perMinute: 4,
      etaSeconds: null,
    });
  });

  it("gives a finished job its average pace, cancelled users left out", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 5, T0);
    await finishAt(jobId, [T0 + 30_000, T0 + 60_000]);
    await cancelJob(database, { jobId, actor: ADELE, now: T0 + 60_000 });
    const view = await viewAt(jobId, T0 + 3_600_000);
    expect(view.status).toBe("cancelled");
    expect(view.progress).toMatchObject({ perMinute: 2, etaSeconds: null });
    expect(view.finishedAt).toBe(new Date(T0 + 60_000).toISOString());
  });
});
