import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { runInChildProcess } from "@/lib/server/testing/child-process";
import { type DrainReport, drainJob } from "../testing/drain";
import type { DrainTask } from "../testing/drain-process";
import { createTestJob } from "../testing/fixtures";
import { claimItems, markWritten } from "./items";
import { getJob, listJobItems } from "./queries";

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

/** Every item sent, written and finished once across all workers, and each worker did some. */
async function expectEachItemHandledOnce(
  reports: DrainReport[],
  all: { id: number; state: string; outcome: string | null }[],
) {
  const ids = sorted(all.map((item) => item.id));
  expect(sorted(reports.flatMap((report) => report.sent))).toEqual(ids);
  expect(sorted(reports.flatMap((report) => report.written))).toEqual(ids);
  expect(sorted(reports.flatMap((report) => report.finished))).toEqual(ids);
  expect(all.every((item) => item.state === "final" && item.outcome === "resolved")).toBe(true);
  for (const report of reports) expect(report.finished.length).toBeGreaterThan(0);
}

describe.each(DIALECTS)("concurrent workers on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  it("two handles draining one job at once handle disjoint items, each exactly once", async () => {
    const { database, openAnother } = testDb();
    const jobId = await createTestJob(database, "a", 120);
    const other = await openAnother();
    const reports = await Promise.all([
      drainJob(database, { jobId, owner: "w1" }),
      drainJob(other, { jobId, owner: "w2" }),
    ]);
    const { items } = await listJobItems(database, jobId, { limit: 1_000 });
    await expectEachItemHandledOnce(reports, items);
    expect((await getJob(database, jobId))?.status).toBe("completed");
  });

  it("two processes draining one job at once handle disjoint items, each exactly once", async () => {
    const { database, options } = testDb();
    const jobId = await createTestJob(database, "a", 300);
    const startAt = Date.now() + 2_500;
    const reports = await Promise.all(
      ["p1", "p2"].map((owner) =>
        runInChildProcess<DrainReport>(new URL("../testing/drain-process.ts", import.meta.url), {
          options,
          jobId,
          owner,
          startAt,
        } as DrainTask),
      ),
    );
    const { items } = await listJobItems(database, jobId, { limit: 1_000 });
    await expectEachItemHandledOnce(reports, items);
    expect((await getJob(database, jobId))?.status).toBe("completed");
  });

  it("after a worker dies, its items are reclaimed and finished once; recorded writes are not repeated", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 10);
    // The dead worker's leases ran out a minute ago; it had recorded two writes.
    const dead = await claimItems(database, {
      owner: "dead",
      max: 5,
      leaseMs: 1_000,
      now: Date.now() - 60_000,
    });
    await markWritten(database, dead[0]!, Date.now() - 59_500);
    await markWritten(database, dead[1]!, Date.now() - 59_500);
    const report = await drainJob(database, { jobId, owner: "w1" });
    const { items } = await listJobItems(database, jobId);
    expect(sorted(report.finished)).toEqual(sorted(items.map((item) => item.id)));
    expect(report.sent).not.toContain(dead[0]!.id);
    expect(report.sent).not.toContain(dead[1]!.id);
    expect(report.sent).toHaveLength(8);
  });
});
