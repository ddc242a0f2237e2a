import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_CONTROLS, readHistory } from "@/lib/server/history/read-history";
import { createJob } from "@/lib/server/jobs/store/create-job";
import { pauseJob } from "@/lib/server/jobs/store/job-control";
import { jobOf, type JobRouteTest, startJobRouteTest } from "@/lib/server/jobs/testing/route-test";
import { apiRequest, LEE, segments } from "@/lib/server/testing/emulator";
import { POST as resume } from "./route";

let r: JobRouteTest;

beforeAll(async () => {
  r = await startJobRouteTest({ GRAPH_MODE: "app-only" });
}, 60_000);
afterAll(() => r.close());

describe("POST /api/jobs/{id}/resume with GRAPH_MODE=app-only", () => {
  it("lets any operator resume a job another admin created: its writes use the app's identity, not theirs", async () => {
    const adele = { oid: decodeJwt(await r.t.mint()).oid as string, name: "Adele Vance" };
    const id = await createJob(r.database, {
      tenantId: r.t.tenantId,
      createdBy: adele,
      selection: { description: "2 selected users" },
      items: [
        { userId: "0e0e0e0e-0000-4000-8000-000000000001", upn: "a@contoso.com", displayName: "A" },
        { userId: "0e0e0e0e-0000-4000-8000-000000000002", upn: "b@contoso.com", displayName: "B" },
      ],
      now: Date.now(),
    });
    await pauseJob(r.database, { jobId: id, actor: adele, now: Date.now() });
    const res = await resume(
      apiRequest(`/api/jobs/${id}/resume`, await r.t.mint({ user: LEE }), { method: "POST" }),
      segments({ id }),
    );
    expect(res.status).toBe(200);
    expect((await jobOf(res)).status).toBe("queued");
    const audit = await readHistory(r.database, {
      tenantId: r.t.tenantId,
      jobId: id,
      actions: JOB_CONTROLS,
    });
    expect(audit.map((e) => [e.action, e.actor.name])).toEqual([
      ["job.resumed", "Lee Gu"],
      ["job.paused", "Adele Vance"],
      ["job.created", "Adele Vance"],
    ]);
  });
});
