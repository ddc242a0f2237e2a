import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { readHistory } from "@/lib/server/history/read-history";
import { ADELE, LEE, TENANT, createTestJob } from "@/lib/server/jobs/testing/fixtures";
import { claimItems, finishItem } from "./items";
import { cancelJob } from "./job-control";
import type { ItemHistory } from "./types";

const LEASE = 1_000;

const snapshot = (error: string, state: string) => ({
  readAt: "2026-12-06T10:00:00.000Z",
  usageLocation: "GB",
  assignedLicenses: [],
  assignedPlans: [],
  licenseAssignmentStates: [
    {
      skuId: "f8a1db68-be16-40ed-86d5-cb42ce701560",
      productName: "Power BI Pro",
      groupId: "g-1",
      groupName: "Power BI users",
      state,
      error,
      lastUpdatedDateTime: null,
    },
  ],
});

describe.each(DIALECTS)("a bulk job's history on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  it("records each user's outcome as the job's creator's, with the snapshots, then the job's end", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 3, 1_000);
    const [first, second, third] = await claimItems(database, {
      owner: "w1",
      max: 3,
      leaseMs: LEASE,
      now: 2_000,
    });
    const history = {
      before: snapshot("CountViolation", "Error"),
      after: snapshot("None", "Active"),
      diff: null,
    } as unknown as ItemHistory;
    await finishItem(database, first!, {
      outcome: "resolved",
      detail: { message: "Resolved." },
      now: 3_000,
      history,
    });
    await finishItem(database, second!, {
      outcome: "failed",
      detail: {
        message: "Microsoft Graph refused it.",
        graphError: { status: 403, code: "Authorization_RequestDenied", message: "no" },
      },
      now: 3_100,
    });
    await finishItem(database, third!, {
      outcome: "timed_out",
      detail: { message: "The reprocess was sent, but its result could not be checked." },
      now: 3_200,
    });
    const records = (await readHistory(database, { tenantId: TENANT, jobId })).reverse();
    expect(
      records.map((r) => [r.action, r.actor.kind, r.actor.name, r.targetUserId, r.outcome]),
    ).toEqual([
      ["job.created", "person", ADELE.name, null, null],
      ["job.item_finished", "person", ADELE.name, "a-1", "resolved"],
      ["job.item_finished", "person", ADELE.name, "a-2", "failed"],
      ["job.item_finished", "person", ADELE.name, "a-3", "timed_out"],
      ["job.finished", "system", "Licensedesk", null, "completed"],
    ]);
    expect(records[1]!.body).toMatchObject({
      graphMode: "app-only",
      terms: { skuIds: ["f8a1db68-be16-40ed-86d5-cb42ce701560"], codes: ["CountViolation"] },
      detail: {
        message: "Resolved.",
        before: { usageLocation: "GB" },
        after: { usageLocation: "GB" },
      },
    });
    expect(records[2]!.body).toMatchObject({ detail: { graphError: { status: 403 } } });
  });

  it("records nothing for an item another worker took over: that worker records its outcome", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 1, 1_000);
    const [item] = await claimItems(database, { owner: "w1", max: 1, leaseMs: LEASE, now: 2_000 });
    await claimItems(database, { owner: "w2", max: 1, leaseMs: LEASE, now: 2_000 + LEASE + 1 });
    expect(await finishItem(database, item!, { outcome: "resolved", detail: {}, now: 4_000 })).toBe(
      false,
    );
    const actions = (await readHistory(database, { tenantId: TENANT, jobId })).map((r) => r.action);
    expect(actions).toEqual(["job.created"]);
  });

  it("records the users a cancel finalizes as cancelled by the person who cancelled, after the cancel itself", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 2, 1_000);
    expect(await cancelJob(database, { jobId, actor: LEE, now: 2_000 })).toBe(true);
    const records = (await readHistory(database, { tenantId: TENANT, jobId })).reverse();
    expect(records.map((r) => [r.action, r.actor.name, r.targetUserId, r.outcome])).toEqual([
      ["job.created", ADELE.name, null, null],
      ["job.cancelled", LEE.name, null, null],
      ["job.item_finished", LEE.name, "a-1", "cancelled"],
      ["job.item_finished", LEE.name, "a-2", "cancelled"],
      ["job.finished", "Licensedesk", null, "cancelled"],
    ]);
  });
});
