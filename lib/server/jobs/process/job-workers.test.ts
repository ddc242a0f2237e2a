import { EVERY_CAUSE_FIXED as FIXED } from "@/lib/testing/emulator-control";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as resumeRoute } from "@/app/api/jobs/[id]/resume/route";
import { POST as createJobRoute, GET as listJobsRoute } from "@/app/api/jobs/route";
import { jobSchema, type JobView } from "@/lib/api/jobs";
import {
  emptyTables,
  type JobRouteTest,
  startJobRouteTest,
} from "@/lib/server/jobs/testing/route-test";
import { JOB_CONTROLS, readHistory } from "@/lib/server/history/read-history";
import { getJob } from "@/lib/server/jobs/store/queries";
import { apiRequest, LEE, segments } from "@/lib/server/testing/emulator";
import { pauseJobForSignIn } from "@/lib/server/jobs/store/job-control";
import { readJobCredential } from "@/lib/server/jobs/store/credentials";
import { type JobWorkers, startJobWorkers } from "./job-workers";

let r: JobRouteTest;
let workers: JobWorkers | undefined;

beforeAll(async () => {
  r = await startJobRouteTest({ JOB_WORKERS: "2", JOB_LEASE_SECONDS: "5" });
}, 60_000);
afterAll(async () => {
  await workers?.stop();
  await r.close();
});
beforeEach(async () => {
  await workers?.stop();
  workers = undefined;
  await r.t.control("POST", "/_emulator/reset", { to: "demo" });
  await r.t.control("PATCH", "/_emulator/config", { reprocessDelayMs: 50 });
  await emptyTables(r.database);
});

async function fixedUsersInError(count: number): Promise<string[]> {
  const { usersInError } = await r.t.control<{ usersInError: { id: string }[] }>(
    "GET",
    "/_emulator/state",
  );
  const ids = usersInError.slice(0, count).map((user) => user.id);
  for (const id of ids) await r.t.control("PATCH", `/_emulator/users/${id}`, FIXED);
  return ids;
}

async function createJob(userIds: string[], token: string): Promise<JobView> {
  const res = await createJobRoute(
    apiRequest("/api/jobs", token, {
      method: "POST",
      body: JSON.stringify({ selection: { kind: "users", userIds } }),
    }),
  );
  expect(res.status).toBe(201);
  return jobSchema.parse(((await res.json()) as { job: unknown }).job);
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("job workers in delegated mode", () => {
  it("run a job on behalf of its creator to the end, then forget the creator's sign-in", async () => {
    const ids = await fixedUsersInError(4);
    const token = await r.t.mint();
    const job = await createJob(ids, token);
    const stored = await readJobCredential(r.database, job.id);
    expect(stored?.ciphertext).toBeDefined();
    expect(stored?.ciphertext).not.toContain(token.split(".")[1]);

    workers = startJobWorkers();
    const finished = await waitFor(
      () => getJob(r.database, job.id),
      (j) => j?.status === "completed",
    );
    expect(finished).toMatchObject({
      status: "completed",
      progress: { outcomes: { resolved: 4 } },
    });
    expect(await readJobCredential(r.database, job.id)).toBeUndefined();
  });

  it("pause a job whose creator's sign-in expired, and resume it on the creator's next request only", async () => {
    const ids = await fixedUsersInError(3);
    // Accepted by the API (within its clock tolerance) but too close to expiry to start work with.
    const expiring = await r.t.mint({ expiresInSeconds: 10 });
    const job = await createJob(ids, expiring);
    const seq = await r.t.lastSeq();

    workers = startJobWorkers();
    const waiting = await waitFor(
      () => getJob(r.database, job.id),
      (j) => j?.pauseReason === "sign_in_required",
    );
    expect(waiting).toMatchObject({ status: "paused", pauseReason: "sign_in_required" });
    expect(await r.t.graphCallsSince(seq)).toEqual([]);

    // Another operator looking at the jobs does not lend the job their sign-in.
    await listJobsRoute(apiRequest("/api/jobs", await r.t.mint({ user: LEE })));
    expect((await getJob(r.database, job.id))?.status).toBe("paused");

    await listJobsRoute(apiRequest("/api/jobs", await r.t.mint()));
    const finished = await waitFor(
      () => getJob(r.database, job.id),
      (j) => j?.status === "completed",
    );
    expect(finished).toMatchObject({
      status: "completed",
      progress: { outcomes: { resolved: 3 } },
    });
    const audit = await readHistory(r.database, {
      tenantId: r.t.tenantId,
      jobId: job.id,
      actions: JOB_CONTROLS,
    });
    expect(audit.map((event) => [event.action, event.actor.name])).toEqual([
      ["job.resumed", "Adele Vance"],
      ["job.paused", "Licensedesk"],
      ["job.created", "Adele Vance"],
    ]);
  });

  it("answer the creator's resume of a job that waited for their sign-in with the job resumed", async () => {
    const ids = await fixedUsersInError(1);
    const job = await createJob(ids, await r.t.mint({ expiresInSeconds: 10 }));
    await pauseJobForSignIn(r.database, { jobId: job.id, now: Date.now() });
    const res = await resumeRoute(
      apiRequest(`/api/jobs/${job.id}/resume`, await r.t.mint(), { method: "POST" }),
      segments({ id: job.id }),
    );
    expect(res.status).toBe(200);
    expect(jobSchema.parse(((await res.json()) as { job: unknown }).job)).toMatchObject({
      status: "queued",
      pauseReason: null,
    });
    expect((await readJobCredential(r.database, job.id))!.expiresAt).toBeGreaterThan(
      Date.now() + 60_000,
    );
  });

  it("stop: every loop returns and nothing stays claimed", async () => {
    const ids = await fixedUsersInError(6);
    const job = await createJob(ids, await r.t.mint());
    await r.t.control("PATCH", "/_emulator/config", { reprocessDelayMs: 60_000 });
    workers = startJobWorkers();
    await waitFor(
      () => getJob(r.database, job.id),
      (j) => (j?.progress.states.written ?? 0) > 0,
    );
    await workers.stop();
    workers = undefined;
    const leased = await r.database.kysely
      .selectFrom("job_items")
      .select("id")
      .where("lease_owner", "is not", null)
      .execute();
    expect(leased).toEqual([]);
  });
});
