import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { readHistory } from "@/lib/server/history/read-history";
import { createJob } from "./create-job";
import { getJob, listJobItems } from "./queries";
import { ADELE, TENANT, createTestJob, users } from "@/lib/server/jobs/testing/fixtures";

describe.each(DIALECTS)("createJob on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  it("stores a queued job with one pending item per user, in the selection's order", async () => {
    const { database } = testDb();
    const id = await createTestJob(database, "a", 3, 5_000);
    const job = await getJob(database, id);
    expect(job).toMatchObject({
      id,
      tenantId: TENANT,
      createdBy: ADELE,
      createdAt: 5_000,
      status: "queued",
      selection: { description: "3 selected users", criteria: { prefix: "a" } },
      totalItems: 3,
      startedAt: null,
      finishedAt: null,
    });
    expect(job?.progress.states).toEqual({ pending: 3, in_flight: 0, written: 0, final: 0 });
    const { items } = await listJobItems(database, id);
    expect(items.map((item) => [item.userId, item.upn, item.state, item.attempts])).toEqual([
      ["a-1", "a.1@contoso.onmicrosoft.com", "pending", 0],
      ["a-2", "a.2@contoso.onmicrosoft.com", "pending", 0],
      ["a-3", "a.3@contoso.onmicrosoft.com", "pending", 0],
    ]);
  });

  it("keeps one item per user when the selection names a user twice", async () => {
    const { database } = testDb();
    const [first, second] = users("a", 2);
    const id = await createJob(database, {
      tenantId: TENANT,
      createdBy: ADELE,
      selection: { description: "twice" },
      items: [first!, second!, first!],
      now: 1,
    });
    expect((await getJob(database, id))?.totalItems).toBe(2);
    expect((await listJobItems(database, id)).total).toBe(2);
  });

  it("stores a job of thousands of users in one go", async () => {
    const { database } = testDb();
    const id = await createTestJob(database, "big", 2_500);
    expect((await getJob(database, id))?.progress.states.pending).toBe(2_500);
  });

  it("refuses a job without users and stores nothing", async () => {
    const { database } = testDb();
    await expect(
      createJob(database, {
        tenantId: TENANT,
        createdBy: ADELE,
        selection: { description: "nobody" },
        items: [],
        now: 1,
      }),
    ).rejects.toThrow(/at least one user/);
    expect(await database.kysely.selectFrom("jobs").selectAll().execute()).toEqual([]);
  });

  it("audits who created the job, in the same transaction", async () => {
    const { database } = testDb();
    const id = await createTestJob(database, "a", 2, 7_000);
    expect(await readHistory(database, { tenantId: TENANT })).toMatchObject([
      {
        at: 7_000,
        actor: { kind: "person", ...ADELE },
        action: "job.created",
        jobId: id,
        body: { detail: { users: 2, selection: "2 selected users" } },
      },
    ]);
  });
});
