import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as pause } from "@/app/api/jobs/[id]/pause/route";
import { GET as getJob } from "@/app/api/jobs/[id]/route";
import { POST as reprocess } from "@/app/api/users/[id]/reprocess/route";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { getAuthSettings } from "@/lib/server/auth-config";
import { getServerEnv } from "@/lib/server/env";
import { createJob } from "@/lib/server/jobs/store/create-job";
import {
  emptyTables,
  type JobRouteTest,
  startJobRouteTest,
} from "@/lib/server/jobs/testing/route-test";
import { runInChildProcess } from "@/lib/server/testing/child-process";
import { ADELE, apiRequest, LEE, segments } from "@/lib/server/testing/emulator";
import { ADMIN_CHANGES } from "./admin-change-limit";
import { sideEffectsOf } from "./testing/side-effects";
import type { SpendTask } from "./testing/spend-changes-process";

let r: JobRouteTest;
let jobId: string;

beforeAll(async () => {
  r = await startJobRouteTest();
}, 60_000);
afterAll(() => r.close());
beforeEach(async () => {
  await emptyTables(r.database);
  jobId = await createJob(r.database, {
    tenantId: r.t.tenantId,
    createdBy: { oid: "creator-oid", name: "Lee Gu" },
    selection: { description: "1 selected user" },
    items: [{ userId: ADELE, upn: ADELE, displayName: "Adele Vance" }],
    now: Date.now(),
  });
});

const pauseAs = (token: string) =>
  pause(apiRequest(`/api/jobs/${jobId}/pause`, token, { method: "POST" }), segments({ id: jobId }));

const reprocessAs = (token: string) =>
  reprocess(
    apiRequest(`/api/users/${ADELE}/reprocess`, token, { method: "POST" }),
    segments({ id: ADELE }),
  );

/** Changes until the first refusal: how many went through, and the refusal. */
async function changeUntilRefused(token: string) {
  const started = Date.now();
  for (let accepted = 0; accepted < 3 * ADMIN_CHANGES.capacity; accepted++) {
    const res = await pauseAs(token);
    if (res.status !== 200) return { accepted, refusal: res, elapsedMs: Date.now() - started };
  }
  throw new Error("No change was ever refused.");
}

async function expectRateLimited(res: Response) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  const { error } = apiErrorBodySchema.parse(await res.json());
  expect(error).toEqual({
    code: "rate_limited",
    message:
      "You are asking for changes faster than Licensedesk takes from one person (30 at once, " +
      `then one every 2 s). Nothing was done; try again in ${retryAfter} s.`,
    retryAfterSeconds: retryAfter,
  });
}

describe("per-admin limit on changes", () => {
  it("refuses an admin's changes past the limit with 429, Retry-After and a plain message, before any Graph call", async () => {
    const token = await r.t.mint();
    const { accepted, refusal, elapsedMs } = await changeUntilRefused(token);
    // One change comes back every 2 s, so a slow run may get a few more through; never fewer.
    expect(accepted).toBeGreaterThanOrEqual(ADMIN_CHANGES.capacity);
    expect(accepted).toBeLessThanOrEqual(ADMIN_CHANGES.capacity + Math.ceil(elapsedMs / 2_000));
    await expectRateLimited(refusal);
    const { result, graphCalls, databaseChanged } = await sideEffectsOf(r.t, r.database, () =>
      reprocessAs(token),
    );
    await expectRateLimited(result);
    expect(graphCalls).toEqual([]);
    expect(databaseChanged).toBe(false);
  });

  it("counts each admin apart, and never counts reads", async () => {
    await changeUntilRefused(await r.t.mint());
    const lee = await r.t.mint({ user: LEE });
    expect((await pauseAs(lee)).status).toBe(200);
    const adele = await r.t.mint();
    for (let read = 0; read < ADMIN_CHANGES.capacity + 5; read++) {
      const res = await getJob(apiRequest(`/api/jobs/${jobId}`, adele), segments({ id: jobId }));
      expect(res.status).toBe(200);
    }
  });

  it("holds across instances: two other processes on the same database share one admin's changes, and this one is refused", async () => {
    const token = await r.t.mint();
    const admin = {
      appId: (await getAuthSettings()).apiClientId,
      tenantId: r.t.tenantId,
      oid: decodeJwt(token).oid as string,
    };
    const startAt = Date.now() + 2_500;
    // Their clocks run a minute ahead, so nothing refills before this process asks, however slow the machine.
    const task: SpendTask = {
      options: { sqliteFile: getServerEnv().sqliteFile },
      admin,
      now: Date.now() + 60_000,
      startAt,
    };
    const script = new URL("./testing/spend-changes-process.ts", import.meta.url);
    const spent = await Promise.all([1, 2].map(() => runInChildProcess<number>(script, task)));
    expect(spent[0]! + spent[1]!).toBe(ADMIN_CHANGES.capacity);
    await expectRateLimited(await reprocessAs(token));
  }, 30_000);
});
