import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createJobRoute } from "@/app/api/jobs/route";
import { jobSchema } from "@/lib/api/jobs";
import { type JobRouteTest, startJobRouteTest } from "@/lib/server/jobs/testing/route-test";
import { startWorkerServer } from "@/lib/server/jobs/testing/worker-server";
import { apiRequest } from "@/lib/server/testing/emulator";
import { EVERY_CAUSE_FIXED } from "@/lib/testing/emulator-control";
import { waitFor } from "@/lib/testing/wait";

let r: JobRouteTest;
beforeAll(async () => {
  r = await startJobRouteTest();
}, 60_000);
afterAll(() => r.close());

// Next's own signal handling is in e2e/crash-restart.spec.ts; here none is installed, as with NEXT_MANUAL_SIG_HANDLE.
describe("a server's job workers on SIGTERM, without Next's handler", () => {
  it("record the writes Graph is answering, give back every user they hold, then exit with 143", async () => {
    const { usersInError } = await r.t.client.state();
    const userIds = usersInError.slice(0, 6).map((user) => user.id);
    for (const id of userIds) await r.t.client.patchUser(id, EVERY_CAUSE_FIXED);
    const res = await createJobRoute(
      apiRequest("/api/jobs", await r.t.mint(), {
        method: "POST",
        body: JSON.stringify({ selection: { kind: "users", userIds } }),
      }),
    );
    const jobId = jobSchema.parse(((await res.json()) as { job: unknown }).job).id;
    const since = await r.t.lastSeq();
    const held = await r.t.client.injectGraphFault({
      method: "POST",
      path: "/users/*/reprocessLicenseAssignment",
      latencyMs: 1_500,
    });
    // Leases outlast the test: only the stopping server itself can give its users back.
    const server = await startWorkerServer({ DATABASE_URL: "", JOB_LEASE_SECONDS: "600" });
    await waitFor(
      "a reprocess call to be held",
      async () => {
        const { faults } = await r.t.client.graphFaults();
        return faults.some((fault) => fault.id === held.id && fault.applied > 0) || undefined;
      },
      { timeoutMs: 30_000, intervalMs: 20 },
    );

    expect(await server.terminate(), server.output()).toBe(143);
    expect(server.output()).toContain("[jobs] workers stopped: every item they held is given back");
    const items = await r.database.kysely
      .selectFrom("job_items")
      .select(["user_id", "state", "lease_owner"])
      .where("job_id", "=", jobId)
      .execute();
    expect(items.filter((item) => item.lease_owner !== null || item.state === "in_flight")).toEqual(
      [],
    );
    const recorded = new Set(
      items.filter((item) => ["written", "final"].includes(item.state)).map((item) => item.user_id),
    );
    const accepted = (await r.t.graphCallsSince(since)).flatMap((call) => {
      const userId = /\/users\/([^/]+)\/reprocessLicenseAssignment$/.exec(call.path)?.[1];
      return call.method === "POST" && call.status < 300 && userId ? [userId] : [];
    });
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.filter((userId) => !recorded.has(userId))).toEqual([]);
  });
});
