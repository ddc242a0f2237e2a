import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createJobRoute } from "@/app/api/jobs/route";
import { GET as listErrorsRoute } from "@/app/api/license-errors/route";
import { POST as reprocessRoute } from "@/app/api/users/[id]/reprocess/route";
import { jobSchema } from "@/lib/api/jobs";
import { reprocessResultSchema } from "@/lib/api/reprocess";
import { getJob } from "@/lib/server/jobs/store/queries";
import { type JobWorkers, startJobWorkers } from "@/lib/server/jobs/process/job-workers";
import { type JobRouteTest, startJobRouteTest } from "@/lib/server/jobs/testing/route-test";
import { FIXED } from "@/lib/server/jobs/testing/runner-harness";
import { apiRequest, readNdjson, segments } from "@/lib/server/testing/emulator";

// Graph's limit shape made small and fast: 150 writes per 150 s and 300 ResourceUnits per 10 s, every
// window divided by 30. The app is told the same limits; the emulator enforces them with 429s.
const TIME_SCALE = 30;
const WRITES = { limit: 150, windowSeconds: 150 };
const RESOURCE_UNITS = 300;
const JOB_USERS = 500;

let r: JobRouteTest;
let workers: JobWorkers | undefined;

beforeAll(async () => {
  r = await startJobRouteTest({
    GRAPH_MODE: "app-only",
    JOB_WORKERS: "2",
    REPROCESS_TIMEOUT_SECONDS: "10",
    GRAPH_WRITE_LIMIT: String(WRITES.limit),
    GRAPH_WRITE_WINDOW_SECONDS: String(WRITES.windowSeconds / TIME_SCALE),
    GRAPH_READ_LIMIT: String(RESOURCE_UNITS),
    GRAPH_READ_WINDOW_SECONDS: String(10 / TIME_SCALE),
  });
  await r.t.control("POST", "/_emulator/generate", {
    users: 2_000,
    groups: 12,
    usersInError: 620,
    seed: 21,
  });
  await r.t.control("PATCH", "/_emulator/config", { reprocessDelayMs: 200 });
  await r.t.control("PUT", "/_emulator/limits", {
    timeScale: TIME_SCALE,
    resourceUnits: {
      small: RESOURCE_UNITS,
      medium: RESOURCE_UNITS,
      large: RESOURCE_UNITS,
      windowSeconds: 10,
    },
    appTenantWrites: WRITES,
    tenantWrites: { limit: 18_000, windowSeconds: 300 },
  });
}, 60_000);
afterAll(async () => {
  await workers?.stop();
  await r.close();
});

interface Logged {
  method: string;
  path: string;
  status: number;
}

describe("one pacer for every Graph caller", () => {
  it("keeps the tenant scan, a single-user reprocess and a 500-user job running at once under Graph's limits: no 429", async () => {
    const { usersInError } = await r.t.control<{
      usersInError: { id: string; failing: { error: string }[] }[];
    }>("GET", "/_emulator/state");
    // A cause that FIXED removes, so the single reprocess resolves.
    const single = usersInError.find((u) =>
      u.failing.every((f) => f.error === "MutuallyExclusiveViolation"),
    )!.id;
    const bulk = usersInError
      .map((u) => u.id)
      .filter((id) => id !== single)
      .slice(0, JOB_USERS);
    await r.t.control("PATCH", `/_emulator/users/${single}`, FIXED);
    const seq = await r.t.lastSeq();
    const started = Date.now();

    const created = await createJobRoute(
      apiRequest("/api/jobs", await r.t.mint(), {
        method: "POST",
        body: JSON.stringify({ selection: { kind: "users", userIds: bulk } }),
      }),
    );
    expect(created.status).toBe(201);
    const job = jobSchema.parse(((await created.json()) as { job: unknown }).job);
    workers = startJobWorkers();
    const token = await r.t.mint();
    const [scan, reprocessed] = await Promise.all([
      listErrorsRoute(apiRequest("/api/license-errors", token)).then(readNdjson),
      reprocessRoute(
        apiRequest(`/api/users/${single}/reprocess`, token, { method: "POST" }),
        segments({ id: single }),
      ),
    ]);
    for (;;) {
      const status = (await getJob(r.database, job.id))?.status;
      if (status === "completed") break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const tookMs = Date.now() - started;

    expect(scan.at(-1)).toMatchObject({ type: "done" });
    expect(reprocessed.status).toBe(200);
    expect(reprocessResultSchema.parse(await reprocessed.json()).outcome.kind).toBe("resolved");
    const { requests } = await r.t.control<{ requests: Logged[] }>(
      "GET",
      `/_emulator/requests?since=${seq}`,
    );
    const graphCalls = requests.filter(
      (c) => c.path.startsWith("/v1.0/") && c.path !== "/v1.0/$batch",
    );
    const writes = graphCalls.filter((c) => c.method === "POST" || c.method === "PATCH");
    const throttled = requests.filter((c) => c.status === 429);
    const summary = `${graphCalls.length} Graph requests (${writes.length} writes) in ${(tookMs / 1000).toFixed(1)} s, ${throttled.length} answered 429`;
    expect(throttled, summary).toEqual([]);
    expect(writes.length, summary).toBeGreaterThanOrEqual(JOB_USERS + 1);
    // The write limit bound: past the first full bucket, writes went out no faster than it refills.
    const perSecond = WRITES.limit / (WRITES.windowSeconds / TIME_SCALE);
    expect(tookMs, summary).toBeGreaterThanOrEqual(
      ((writes.length - WRITES.limit) / perSecond) * 1000,
    );
  }, 180_000);
});
