import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as createJob } from "@/app/api/jobs/route";
import { POST as estimate } from "@/app/api/jobs/estimate/route";
import { POST as setUsageLocation } from "@/app/api/users/[id]/usage-location/route";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { jobEstimateSchema, MAX_JOB_BODY_BYTES, MAX_JOB_USERS } from "@/lib/api/jobs";
import { MAX_UPN_LENGTH } from "@/lib/api/reprocess";
import {
  emptyTables,
  type JobRouteTest,
  startJobRouteTest,
} from "@/lib/server/jobs/testing/route-test";
import { ADELE, apiRequest, segments } from "@/lib/server/testing/emulator";
import { DEFAULT_MAX_BODY_BYTES } from "./read-body";
import { sideEffectsOf } from "./testing/side-effects";

let r: JobRouteTest;

beforeAll(async () => {
  r = await startJobRouteTest();
}, 60_000);
afterAll(() => r.close());
beforeEach(() => emptyTables(r.database));

type BodyRoute = (request: Request, route: ReturnType<typeof segments>) => Promise<Response>;

/** Every route that reads a body, with the most it takes. */
const BODY_ROUTES: [string, BodyRoute, string, number][] = [
  ["POST /api/jobs", createJob, "/api/jobs", MAX_JOB_BODY_BYTES],
  ["POST /api/jobs/estimate", estimate, "/api/jobs/estimate", MAX_JOB_BODY_BYTES],
  [
    "POST /api/users/{id}/usage-location",
    setUsageLocation,
    `/api/users/${ADELE}/usage-location`,
    DEFAULT_MAX_BODY_BYTES,
  ],
];

/** A userPrincipalName of exactly the longest length the schema takes, distinct per index. */
const longestUpn = (index: number) => {
  const domain = "@contoso.onmicrosoft.com";
  return `${String(index).padStart(MAX_UPN_LENGTH - domain.length, "x")}${domain}`;
};

async function expect413(res: Response, maxBytes: number) {
  expect(res.status).toBe(413);
  expect(apiErrorBodySchema.parse(await res.json()).error).toEqual({
    code: "payload_too_large",
    message: `The request body is larger than this route takes (at most ${
      maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MiB` : `${maxBytes / 1024} KiB`
    }); nothing was done.`,
  });
}

describe("request body size limit", () => {
  it("takes the largest job body the schema accepts: 50,000 of the longest UPNs, indented, with a description", async () => {
    const body = JSON.stringify(
      {
        selection: {
          kind: "users",
          userIds: Array.from({ length: MAX_JOB_USERS }, (_, i) => longestUpn(i)),
          description: "d".repeat(300),
        },
      },
      null,
      2,
    );
    const bytes = new TextEncoder().encode(body).byteLength;
    // The limit's headroom, said in lib/api/jobs.ts: a quarter of it at least is spare.
    expect(bytes).toBeLessThan(MAX_JOB_BODY_BYTES * 0.75);
    const res = await estimate(
      apiRequest("/api/jobs/estimate", await r.t.mint(), { method: "POST", body }),
    );
    expect(res.status).toBe(200);
    expect(jobEstimateSchema.parse(await res.json()).users).toBe(MAX_JOB_USERS);
  });

  it.each(BODY_ROUTES)(
    "%s reads a body of exactly its limit and refuses one byte more with 413 in the one shape, calling nothing and writing nothing",
    async (_name, handler, path, maxBytes) => {
      const token = await r.t.mint();
      // Valid JSON of the given size that no schema takes, so only the size decides 400 or 413.
      const bodyOf = (bytes: number) => `{"selection":"${"x".repeat(bytes - 16)}"}`;
      const send = (body: string) =>
        handler(apiRequest(path, token, { method: "POST", body }), segments({ id: ADELE }));
      expect((await send(bodyOf(maxBytes))).status).toBe(400);
      const { result, graphCalls, databaseChanged } = await sideEffectsOf(r.t, r.database, () =>
        send(bodyOf(maxBytes + 1)),
      );
      await expect413(result, maxBytes);
      expect(graphCalls).toEqual([]);
      expect(databaseChanged).toBe(false);
    },
  );

  it.each(BODY_ROUTES)(
    "%s refuses a body whose declared length passes its limit before reading any of it",
    async (_name, handler, path, maxBytes) => {
      const request = apiRequest(path, await r.t.mint(), {
        method: "POST",
        body: "x".repeat(maxBytes + 1),
        headers: { "content-length": String(maxBytes + 1) },
      });
      await expect413(await handler(request, segments({ id: ADELE })), maxBytes);
      expect(request.bodyUsed).toBe(false);
    },
  );

  it.each(BODY_ROUTES)(
    "%s stops reading a body sent without a length soon after it passes the limit",
    async (_name, handler, path, maxBytes) => {
      const chunk = new Uint8Array(16 * 1024).fill(0x20);
      let pulled = 0;
      // An endless body: a route that read it all would never answer.
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const request = apiRequest(path, await r.t.mint(), {
        method: "POST",
        body: endless,
        duplex: "half",
      } as RequestInit);
      expect(request.headers.get("content-length")).toBeNull();
      await expect413(await handler(request, segments({ id: ADELE })), maxBytes);
      // The stream reads a few chunks ahead of the route; far less than a second limit's worth.
      expect(pulled).toBeLessThan(maxBytes + 8 * chunk.byteLength);
    },
  );
});
