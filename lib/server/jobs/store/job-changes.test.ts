import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { readHistory } from "@/lib/server/history/read-history";
import { claimItems, finishItem, markWritten, scheduleRetry } from "./items";
import {
  cancelJob,
  pauseJob,
  pauseJobForSignIn,
  resumeJob,
  resumeJobAfterSignIn,
} from "./job-control";
import { countFinishedSince, getJob, listJobItems } from "./queries";
import { jobsWithOlderCredential, readJobCredential, saveJobCredential } from "./credentials";
import { ADELE, LEE, TENANT, createTestJob } from "@/lib/server/jobs/testing/fixtures";

const LEASE = 1_000;

describe.each(DIALECTS)("item change times on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  const updatedAt = async (jobId: string) =>
    new Map(
      (await listJobItems(testDb().database, jobId)).items.map((i) => [i.userId, i.updatedAt]),
    );

  it("every change to an item (claim, write, retry, finish, cancel) records when it happened", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 4, 5);
    expect([...(await updatedAt(jobId)).values()]).toEqual([5, 5, 5, 5]);
    const [a1, a2, a3] = await claimItems(database, {
      owner: "w",
      max: 3,
      leaseMs: LEASE,
      now: 10,
    });
    await markWritten(database, a1!, 20);
    await finishItem(database, a2!, { outcome: "failed", detail: {}, now: 30 });
    await scheduleRetry(database, a3!, { at: 500, attempts: 1, now: 40 });
    await cancelJob(database, { jobId, actor: LEE, now: 50 });
    expect(Object.fromEntries(await updatedAt(jobId))).toEqual({
      "a-1": 20,
      "a-2": 30,
      "a-3": 50,
      "a-4": 50,
    });
  });

  it("lists only the items changed since a time", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 3, 0);
    const [a1] = await claimItems(database, { owner: "w", max: 1, leaseMs: LEASE, now: 100 });
    await markWritten(database, a1!, 200);
    const changed = await listJobItems(database, jobId, { changedSince: 100 });
    expect(changed.items.map((i) => i.userId)).toEqual(["a-1"]);
    expect((await listJobItems(database, jobId, { changedSince: 201 })).items).toEqual([]);
  });

  it("finds items by part of the name or UPN in any case, and takes % and _ literally", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 12);
    const byName = await listJobItems(database, jobId, { search: "a user 1" });
    expect(byName.items.map((i) => i.userId)).toEqual(["a-1", "a-10", "a-11", "a-12"]);
    const byUpn = await listJobItems(database, jobId, { search: "A.11@CONTOSO" });
    expect(byUpn.items.map((i) => i.userId)).toEqual(["a-11"]);
    expect((await listJobItems(database, jobId, { search: "a%1" })).items).toEqual([]);
    expect((await listJobItems(database, jobId, { search: "a_1" })).items).toEqual([]);
  });

  it("counts items finished since a time, leaving cancelled ones out of the pace", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 4);
    const [a1, a2] = await claimItems(database, { owner: "w", max: 2, leaseMs: LEASE, now: 0 });
    await finishItem(database, a1!, { outcome: "resolved", detail: {}, now: 100 });
    await finishItem(database, a2!, { outcome: "failed", detail: {}, now: 300 });
    await cancelJob(database, { jobId, actor: LEE, now: 400 });
    expect(await countFinishedSince(database, [jobId, "other"], 200)).toEqual(
      new Map([
        [jobId, 1],
        ["other", 0],
      ]),
    );
  });
});

describe.each(DIALECTS)("pause reasons and job credentials on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  it("a pause by someone says so, and resuming clears it", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 2);
    await pauseJob(database, { jobId, actor: LEE, now: 1 });
    expect((await getJob(database, jobId))?.pauseReason).toBe("paused_by_user");
    await resumeJob(database, { jobId, actor: LEE, now: 2 });
    expect((await getJob(database, jobId))?.pauseReason).toBeNull();
  });

  it("a job waiting for its creator's sign-in hands out nothing, not even checks of written items", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 3);
    const [written] = await claimItems(database, { owner: "w1", max: 1, leaseMs: LEASE, now: 0 });
    await markWritten(database, written!, 1);
    expect(await pauseJobForSignIn(database, { jobId, now: 2 })).toBe(true);
    expect(await getJob(database, jobId)).toMatchObject({
      status: "paused",
      pauseReason: "sign_in_required",
    });
    expect(await claimItems(database, { owner: "w2", max: 5, leaseMs: LEASE, now: 5_000 })).toEqual(
      [],
    );
    expect(await resumeJobAfterSignIn(database, { jobId, actor: ADELE, now: 6_000 })).toBe(true);
    const claimed = await claimItems(database, { owner: "w2", max: 5, leaseMs: LEASE, now: 6_000 });
    expect(claimed.map((i) => i.phase).sort()).toEqual(["verify", "write", "write"]);
    const events = await readHistory(database, { tenantId: TENANT });
    expect(events.slice(0, 2)).toMatchObject([
      {
        action: "job.resumed",
        actor: { kind: "person", ...ADELE },
        body: { detail: { reason: "sign_in_required" } },
      },
      {
        action: "job.paused",
        actor: { kind: "system", oid: "licensedesk", name: "Licensedesk" },
        body: { detail: { reason: "sign_in_required" } },
      },
    ]);
  });

  it("a resume after sign-in makes the items given back to wait for it due at once", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 2);
    const claimed = await claimItems(database, { owner: "w", max: 2, leaseMs: LEASE, now: 0 });
    for (const item of claimed)
      await scheduleRetry(database, item, { at: 60_000, attempts: 0, now: 1 });
    await pauseJobForSignIn(database, { jobId, now: 2 });
    await resumeJobAfterSignIn(database, { jobId, actor: ADELE, now: 3 });
    expect(await claimItems(database, { owner: "w", max: 5, leaseMs: LEASE, now: 4 })).toHaveLength(
      2,
    );
  });

  it("a sign-in lifts only a pause for sign-in, never one someone chose", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 1);
    await pauseJob(database, { jobId, actor: LEE, now: 1 });
    expect(await resumeJobAfterSignIn(database, { jobId, actor: ADELE, now: 2 })).toBe(false);
    expect((await getJob(database, jobId))?.status).toBe("paused");
  });

  it("keeps one credential per job, replaces it, and deletes it when the job ends", async () => {
    const { database } = testDb();
    const jobId = await createTestJob(database, "a", 1);
    await saveJobCredential(database, { jobId, ciphertext: "c1", expiresAt: 100, now: 1 });
    await saveJobCredential(database, { jobId, ciphertext: "c2", expiresAt: 200, now: 2 });
    expect(await readJobCredential(database, jobId)).toEqual({
      jobId,
      ciphertext: "c2",
      expiresAt: 200,
    });
    const [item] = await claimItems(database, { owner: "w", max: 1, leaseMs: LEASE, now: 3 });
    await finishItem(database, item!, { outcome: "resolved", detail: {}, now: 4 });
    expect(await readJobCredential(database, jobId)).toBeUndefined();
  });

  it("finds the creator's open jobs whose credential is missing or older than a new sign-in", async () => {
    const { database } = testDb();
    const fresh = await createTestJob(database, "a", 1);
    const stale = await createTestJob(database, "b", 1);
    const missing = await createTestJob(database, "c", 1);
    const cancelled = await createTestJob(database, "d", 1);
    await saveJobCredential(database, { jobId: fresh, ciphertext: "x", expiresAt: 900, now: 1 });
    await saveJobCredential(database, { jobId: stale, ciphertext: "x", expiresAt: 100, now: 1 });
    await cancelJob(database, { jobId: cancelled, actor: ADELE, now: 2 });
    const found = await jobsWithOlderCredential(database, {
      tenantId: TENANT,
      creatorOid: ADELE.oid,
      expiresAt: 500,
    });
    expect(found.map((job) => job.id).sort()).toEqual([stale, missing].sort());
    const forLee = await jobsWithOlderCredential(database, {
      tenantId: TENANT,
      creatorOid: LEE.oid,
      expiresAt: 500,
    });
    expect(forLee).toEqual([]);
    // A worker paused the fresh one for sign-in just before that sign-in was stored: it is found to be resumed.
    await pauseJobForSignIn(database, { jobId: fresh, now: 3 });
    const paused = await jobsWithOlderCredential(database, {
      tenantId: TENANT,
      creatorOid: ADELE.oid,
      expiresAt: 500,
    });
    expect(paused.find((job) => job.id === fresh)).toEqual({
      id: fresh,
      pauseReason: "sign_in_required",
    });
  });
});
