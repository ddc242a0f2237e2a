import { EVERY_CAUSE_FIXED as FIXED } from "@/lib/testing/emulator-control";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as reprocessRoute } from "./route";
import { POST as createJobRoute } from "@/app/api/jobs/route";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { jobSchema } from "@/lib/api/jobs";
import { reprocessResultSchema } from "@/lib/api/reprocess";
import {
  emptyTables,
  type JobRouteTest,
  startJobRouteTest,
} from "@/lib/server/jobs/testing/route-test";
import { getJob } from "@/lib/server/jobs/store/queries";
import { getTenantPacer } from "@/lib/server/graph/pacing/tenant-pacer";
import { type JobWorkers, startJobWorkers } from "@/lib/server/jobs/process/job-workers";
import { apiRequest, segments } from "@/lib/server/testing/emulator";

let r: JobRouteTest;
let workers: JobWorkers | undefined;

// 60 writes per 10 minutes: once a job has spent its share, a write queued behind it waits 10 s per token.
beforeAll(async () => {
  r = await startJobRouteTest({
    GRAPH_WRITE_LIMIT: "60",
    GRAPH_WRITE_WINDOW_SECONDS: "600",
    JOB_WORKERS: "2",
    REPROCESS_TIMEOUT_SECONDS: "5",
  });
}, 60_000);
afterAll(async () => {
  await workers?.stop();
  await r.close();
});
beforeEach(async () => {
  await workers?.stop();
  workers = undefined;
  await emptyTables(r.database);
  await r.t.control("PATCH", "/_emulator/config", { reprocessDelayMs: 50 });
});

async function reprocess(id: string) {
  const res = await reprocessRoute(
    apiRequest(`/api/users/${id}/reprocess`, await r.t.mint(), { method: "POST" }),
    segments({ id }),
  );
  return { res, body: (await res.json()) as unknown };
}

const reprocessWritesSince = async (seq: number) =>
  (await r.t.graphCallsSince(seq)).filter(
    (call) => call.method === "POST" && /reprocessLicenseAssignment$/.test(call.path),
  );

describe("a single-user reprocess and the tenant's shared Graph budget", () => {
  it("is counted against the budget: with the budget spent it answers throttled and sends nothing", async () => {
    await r.t.control("POST", "/_emulator/reset", { to: "demo" });
    await (await getTenantPacer()).throttled("writes", 60_000);
    const { usersInError } = await r.t.control<{ usersInError: { id: string }[] }>(
      "GET",
      "/_emulator/state",
    );
    const seq = await r.t.lastSeq();
    const { res, body } = await reprocess(usersInError[0]!.id);
    expect(res.status).toBe(429);
    expect(apiErrorBodySchema.parse(body).error.code).toBe("throttled");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(50);
    expect(await reprocessWritesSince(seq)).toEqual([]);
  });

  it(
    "answers promptly while a big job holds the budget at its limit",
    { timeout: 90_000 },
    async () => {
      await r.t.control("POST", "/_emulator/generate", {
        users: 1_000,
        groups: 10,
        usersInError: 301,
        seed: 11,
      });
      const { usersInError } = await r.t.control<{ usersInError: { id: string }[] }>(
        "GET",
        "/_emulator/state",
      );
      const [single, ...bulk] = usersInError.map((user) => user.id);
      await r.t.control("PATCH", `/_emulator/users/${single}`, FIXED);
      const res = await createJobRoute(
        apiRequest("/api/jobs", await r.t.mint(), {
          method: "POST",
          body: JSON.stringify({ selection: { kind: "users", userIds: bulk } }),
        }),
      );
      const job = jobSchema.parse(((await res.json()) as { job: unknown }).job);
      workers = startJobWorkers();
      // Wait until the job has spent what bulk writes may take: from then on it waits for every refill.
      for (;;) {
        const progress = (await getJob(r.database, job.id))!.progress;
        if (progress.states.written + progress.states.final >= 40) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const seq = await r.t.lastSeq();
      const started = Date.now();
      const { res: answer, body } = await reprocess(single!);
      const took = Date.now() - started;
      expect(answer.status, JSON.stringify(body)).toBe(200);
      expect(reprocessResultSchema.parse(body).outcome.kind).toBe("resolved");
      expect(await reprocessWritesSince(seq)).toContainEqual(
        expect.objectContaining({ path: expect.stringContaining(single!) }),
      );
      // The job still has over 200 users at one write per 10 s: a write queued behind it would wait long.
      const { states, total } = (await getJob(r.database, job.id))!.progress;
      expect(total - states.written - states.final).toBeGreaterThan(200);
      expect(took).toBeLessThan(5_000);
    },
  );
});
