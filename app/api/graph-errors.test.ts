import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import type { LicenseErrorsStreamEvent } from "@/lib/api/license-errors";
import {
  ADELE,
  apiRequest,
  readNdjson,
  segments,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import { getAppDatabase } from "@/lib/server/db/app-database";
import { loggedLines } from "@/lib/testing/console-capture";
import { emptyTables } from "@/lib/server/db/testing/test-database";
import { GET as getLicenseErrors } from "./license-errors/route";
import { POST as reprocess } from "./users/[id]/reprocess/route";

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ REPROCESS_TIMEOUT_SECONDS: "2" });
});
afterAll(() => t.close());
beforeEach(async () => {
  // A 429 holds the shared budget until its Retry-After; each case starts with a fresh one.
  await emptyTables(await getAppDatabase());
  await t.control("POST", "/_emulator/reset", { to: "demo" });
  await t.control("DELETE", "/_emulator/faults");
  await t.control("PATCH", "/_emulator/config", { reprocessDelayMs: 0 });
});

const fault = (rule: Record<string, unknown>) => t.control("POST", "/_emulator/faults", rule);

async function reprocessAdele(user = ADELE) {
  const res = await reprocess(
    apiRequest(`/api/users/${ADELE}/reprocess`, await t.mint({ user }), { method: "POST" }),
    segments({ id: ADELE }),
  );
  const body = (await res.json()) as unknown;
  return { res, body, error: res.ok ? undefined : apiErrorBodySchema.parse(body).error };
}

async function scan() {
  const res = await getLicenseErrors(apiRequest("/api/license-errors?refresh=1", await t.mint()));
  return { res, events: res.ok ? await readNdjson<LicenseErrorsStreamEvent>(res) : [] };
}

// The fault matrix (fault-matrix-*.test.ts) runs every fault against every surface; these are the cases it does not
// cover: Graph's own refusals, a Retry-After too long to wait and the retry log lines.
describe("Graph failures become clear answers", () => {
  it("404: a user the directory does not have", async () => {
    const id = "0b0b0b0b-1111-4222-8333-444444444444";
    const res = await reprocess(
      apiRequest(`/api/users/${id}/reprocess`, await t.mint(), { method: "POST" }),
      segments({ id }),
    );
    expect(res.status).toBe(404);
    expect(apiErrorBodySchema.parse(await res.json()).error).toEqual({
      code: "not_found",
      message: `No user '${id}' in the directory.`,
    });
  });

  it("403: Graph refuses the write, and the answer carries Graph's reason", async () => {
    await fault({ path: "/users/*/reprocessLicenseAssignment", status: 403, times: 1 });
    const { res, error } = await reprocessAdele();
    expect(res.status).toBe(403);
    expect(error).toEqual({
      code: "forbidden",
      message:
        "Microsoft Graph refused the request: Insufficient privileges to complete the operation.",
    });
  });

  it("403 before the stream starts is an HTTP 403", async () => {
    await fault({ path: "/groups", status: 403, times: 1 });
    const { res } = await scan();
    expect(res.status).toBe(403);
    expect(apiErrorBodySchema.parse(await res.json()).error.code).toBe("forbidden");
  });

  it("429 with a long Retry-After is answered at once instead of waited out", async () => {
    await fault({ path: "/users/*", status: 429, times: 1, retryAfter: 120 });
    const started = Date.now();
    const { res, error } = await reprocessAdele();
    expect(res.status).toBe(429);
    expect(error).toMatchObject({ code: "throttled", retryAfterSeconds: 120 });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("429 with a Retry-After longer than a person waits is answered at once, and the tenant's budget holds until then", async () => {
    await fault({ path: "/users/*", status: 429, times: 1, retryAfter: 8 });
    const started = Date.now();
    const { res, error } = await reprocessAdele();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(res.status).toBe(429);
    expect(error).toMatchObject({ code: "throttled", retryAfterSeconds: 8 });
    // Graph has let through again, but the app keeps to the Retry-After it was given.
    const seq = await t.lastSeq();
    const again = await reprocessAdele();
    expect(again.error).toMatchObject({ code: "throttled" });
    expect(await t.graphCallsSince(seq)).toEqual([]);
  });

  it("brief throttling, a 503 without Retry-After and a dropped connection are retried away", async () => {
    await fault({ path: "/users/*", status: 429, times: 2, retryAfter: 0.05 });
    await fault({ path: "/subscribedSkus", status: 503, times: 1, omitRetryAfter: true });
    await fault({ path: "/users/*/reprocessLicenseAssignment", drop: true, times: 1 });
    const { res, body } = await reprocessAdele();
    expect(res.status, JSON.stringify(body)).toBe(200);
    // Each retry is logged with what Graph answered, so an admin can see the trouble in the server log.
    const retries = loggedLines(/^\[graph\] .*retry \d\/\d/);
    expect(retries.some((line) => line.includes(": 429 "))).toBe(true);
    expect(
      retries.some((line) => line.includes("/subscribedSkus") && line.includes(": 503 ")),
    ).toBe(true);
    expect(retries.some((line) => line.includes("no answer"))).toBe(true);
  });

  it("a failure is logged with Graph's request id, the one thing Microsoft support asks for", async () => {
    await fault({ path: "/users/*", method: "GET", status: 503, times: 50, retryAfter: 0.01 });
    const { error } = await reprocessAdele();
    expect(error?.message).toBe(
      "Microsoft Graph answered 503 serviceNotAvailable; try again in a moment.",
    );
    expect(
      loggedLines(
        /^\[graph\] GET \/users\/.* failed: 503 serviceNotAvailable \(request-id [0-9a-f-]{36}\) → upstream_error$/,
      ),
    ).not.toEqual([]);
  });
});
