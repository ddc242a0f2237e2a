import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { errorCodes } from "@/lib/api/error-codes";
import { apiErrorBodySchema } from "@/lib/api/errors";
import {
  createJobBodySchema,
  jobIdParamsSchema,
  listJobItemsQuerySchema,
  listJobItemsResponseSchema,
  MAX_JOB_BODY_BYTES,
} from "@/lib/api/jobs";
import { listLicenseErrorsQuerySchema } from "@/lib/api/license-errors";
import { setUsageLocationBodySchema, userIdSchema } from "@/lib/api/reprocess";
import { getReclaimableSeatsParamsSchema, getReclaimableSeatsQuerySchema } from "@/lib/api/seats";
import {
  createEmptyDatabase,
  DIALECTS,
  type EmptyDatabase,
} from "@/lib/server/db/testing/test-database";
import { DEFAULT_MAX_BODY_BYTES } from "@/lib/server/http/read-body";
import { sideEffectsProbe } from "@/lib/server/http/testing/side-effects";
import type { JobRouteTest } from "@/lib/server/jobs/testing/route-test";
import { ADELE, apiRequest, segments } from "@/lib/server/testing/emulator";

// Every API schema fed inputs it must refuse: each answers 400 (413 for size) in the one error shape,
// with no Graph call (the emulator's request log) and no database write (every table's rows compared).
// Runs per property and dialect: 2,630 per dialect, 5,260 in all.
const RUNS = {
  userIds: 300,
  jobIds: 300,
  unknownJobIds: 100,
  licenseErrorsQuery: 200,
  jobItemsQueryRefused: 300,
  jobItemsQueryAccepted: 200,
  jobBodies: 300,
  jobBodyText: 200,
  usageLocations: 300,
  oversizedBodies: 30,
  skuIds: 200,
  inactiveDays: 200,
};

type Handler = (request: Request, route: ReturnType<typeof segments>) => Promise<Response>;

/** The route handlers, imported after the environment names the dialect (it is read once per module). */
async function loadRoutes() {
  const [
    jobs,
    estimate,
    job,
    items,
    events,
    csv,
    pause,
    resume,
    cancel,
    errors,
    reprocess,
    usage,
    reclaimable,
    reclaimableCsv,
  ] = await Promise.all([
    import("./jobs/route"),
    import("./jobs/estimate/route"),
    import("./jobs/[id]/route"),
    import("./jobs/[id]/items/route"),
    import("./jobs/[id]/events/route"),
    import("./jobs/[id]/results.csv/route"),
    import("./jobs/[id]/pause/route"),
    import("./jobs/[id]/resume/route"),
    import("./jobs/[id]/cancel/route"),
    import("./license-errors/route"),
    import("./users/[id]/reprocess/route"),
    import("./users/[id]/usage-location/route"),
    import("./seats/[skuId]/reclaimable/route"),
    import("./seats/[skuId]/reclaimable.csv/route"),
  ]);
  const jobIdRoutes: [string, Handler, string][] = [
    ["GET", job.GET, ""],
    ["GET", items.GET, "/items"],
    ["GET", events.GET, "/events"],
    ["GET", csv.GET, "/results.csv"],
    ["POST", pause.POST, "/pause"],
    ["POST", resume.POST, "/resume"],
    ["POST", cancel.POST, "/cancel"],
  ];
  return {
    jobIdRoutes,
    items: items.GET as Handler,
    licenseErrors: errors.GET as Handler,
    userIdRoutes: [
      ["reprocess", reprocess.POST],
      ["usage-location", usage.POST],
    ] as [string, Handler][],
    usageLocation: usage.POST as Handler,
    skuIdRoutes: [
      ["/reclaimable", reclaimable.GET],
      ["/reclaimable.csv", reclaimableCsv.GET],
    ] as [string, Handler][],
    jobBodyRoutes: [
      ["/api/jobs", jobs.POST],
      ["/api/jobs/estimate", estimate.POST],
    ] as [string, Handler][],
  };
}

type Routes = Awaited<ReturnType<typeof loadRoutes>>;

const accepts = (schema: { safeParse(value: unknown): { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

/** The query as the server reads it: one value per name, or null when a name is repeated. */
function uniqueQuery(pairs: [string, string][]): Record<string, string> | null {
  const query = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(pairs)) {
    if (query.has(name)) return null;
    query.set(name, value);
  }
  return Object.fromEntries(query);
}

const queryString = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();

/** An id as a URL segment; a lone surrogate cannot be percent-encoded, and only the params carry the id. */
const segment = (id: string) => encodeURIComponent(id.replace(/[\ud800-\udfff]/g, "\ufffd"));

// Strings a careless parser trips on: path tricks, encodings, control and wide characters, lone surrogates.
const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 150 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.constantFrom(
    "",
    " ",
    "..",
    "../groups",
    "%2e%2e%2f",
    "a/b",
    "a?b=c",
    "a#b",
    "\u0000",
    "\ud800",
    "＜script＞",
    "null",
    "undefined",
    "__proto__",
    "constructor",
    "1e400",
    "-0",
    "NaN",
    "0x10",
  ),
  fc.uuid().map((id) => `${id}\u0000`),
  fc.uuid().map((id) => ` ${id}`),
  fc.string({ minLength: 114, maxLength: 400 }),
);

/** Something that looks like a user id: GUIDs, UPNs, and near misses of both. */
const userIdLike = fc.oneof(
  nasty,
  fc.emailAddress(),
  fc
    .tuple(fc.uuid(), fc.nat(36), nasty)
    .map(([id, at, insert]) => id.slice(0, at) + insert + id.slice(at)),
  fc
    .tuple(fc.constantFrom("adele.vance@contoso.onmicrosoft.com", ADELE), fc.nat(40), nasty)
    .map(([id, at, insert]) => id.slice(0, at) + insert + id.slice(at)),
);

const jsonLike = fc.jsonValue({ maxDepth: 4 });

/** Job bodies: arbitrary JSON, and selections that are almost right. */
const jobBody = fc.oneof(
  jsonLike,
  fc.record(
    {
      selection: fc.oneof(
        jsonLike,
        fc.record(
          {
            kind: fc.oneof(
              fc.constantFrom("users", "errorCode", "group", "everyone", "USERS"),
              jsonLike,
            ),
            userIds: fc.oneof(fc.array(userIdLike, { maxLength: 5 }), jsonLike),
            code: fc.oneof(nasty, jsonLike),
            groupId: fc.oneof(nasty, fc.uuid(), jsonLike),
            description: fc.oneof(nasty, jsonLike, fc.string({ minLength: 301, maxLength: 400 })),
          },
          { requiredKeys: [] },
        ),
      ),
      extra: jsonLike,
    },
    { requiredKeys: [] },
  ),
);

/** Items filters: each name absent, valid, or wrong; sometimes twice; sometimes unknown names. */
const itemsQuery = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom("outcome", "state", "q", "cursor", "limit", "other"),
        fc.oneof(
          nasty,
          fc.constantFrom("resolved", "failed", "pending", "final", "Resolved"),
          fc.integer({ min: -10, max: 10_000 }).map(String),
          fc.double().map(String),
          fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }).map(String),
        ),
      ),
      { maxLength: 6 },
    ),
  )
  .map(([pairs]) => pairs);

/** Items filters the schema takes, with the oddest values it allows. */
const acceptedItemsQuery = fc
  .record(
    {
      outcome: fc.constantFrom(
        "resolved",
        "still_in_error",
        "unchanged",
        "timed_out",
        "failed",
        "cancelled",
      ),
      state: fc.constantFrom("pending", "in_flight", "written", "final"),
      q: fc.oneof(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.constantFrom("%", "_", "\\", "'", "\u0000", "%_\\'"),
      ),
      cursor: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)).map(String),
      limit: fc.integer({ min: 1, max: 5_000 }).map(String),
    },
    { requiredKeys: [] },
  )
  .map((query) => Object.entries(query) as [string, string][])
  // The schema counts UTF-16 units; a 200-character q of wide characters is longer than it takes.
  .filter((pairs) => accepts(listJobItemsQuerySchema, uniqueQuery(pairs)));

/** Waits for the answer and checks the one error shape with the status that its code maps to. */
async function expectRefusal(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const { error } = apiErrorBodySchema.parse(await res.json());
  expect(error.code).toBe(code);
  expect(errorCodes[error.code]).toBe(status);
  expect(error.message).not.toBe("");
}

describe.each(DIALECTS)(
  "bad input on %s: refused in the one shape, no Graph call, no write",
  (dialect) => {
    let r: JobRouteTest;
    let routes: Routes;
    let token: string;
    let jobId: string;
    let postgres: EmptyDatabase | undefined;
    let since: Awaited<ReturnType<typeof sideEffectsProbe>> | undefined;

    beforeAll(async () => {
      // A fresh module graph per dialect: the server reads its environment (DATABASE_URL) once.
      vi.resetModules();
      if (dialect === "postgres") postgres = await createEmptyDatabase("postgres");
      const { startJobRouteTest } = await import("@/lib/server/jobs/testing/route-test");
      r = await startJobRouteTest(postgres ? { DATABASE_URL: postgres.options.url! } : {});
      routes = await loadRoutes();
      token = await r.t.mint();
      const { createJob } = await import("@/lib/server/jobs/store/create-job");
      jobId = await createJob(r.database, {
        tenantId: r.t.tenantId,
        createdBy: { oid: "fuzz-creator", name: "Lee Gu" },
        selection: { description: "2 selected users" },
        items: [
          {
            userId: "0f0f0f0f-0000-4000-8000-000000000001",
            upn: "a@contoso.com",
            displayName: "A",
          },
          {
            userId: "0f0f0f0f-0000-4000-8000-000000000002",
            upn: "b@contoso.com",
            displayName: "B",
          },
        ],
        now: Date.now(),
      });
    }, 60_000);
    afterAll(async () => {
      await r?.close();
      await postgres?.remove();
    });

    /** Sends one request and checks that it did nothing besides answering. */
    async function send(request: () => Promise<Response>): Promise<Response> {
      since ??= await sideEffectsProbe(r.t, r.database);
      const result = await request();
      // The answer is read in full first: a streamed answer may still be working.
      const body = await result.clone().arrayBuffer();
      const { graphCalls, databaseChanged } = await since();
      expect(graphCalls).toEqual([]);
      expect(databaseChanged).toBe(false);
      expect(body.byteLength).toBeGreaterThan(0);
      return result;
    }

    it("user ids: any id that is not a GUID or a UPN", async () => {
      await fc.assert(
        fc.asyncProperty(
          userIdLike.filter((id) => !accepts(userIdSchema, id)),
          fc.constantFrom(...routes.userIdRoutes),
          async (id, [action, handler]) => {
            const path = `/api/users/${segment(id)}/${action}`;
            const body = JSON.stringify({ usageLocation: "US" });
            const res = await send(() =>
              handler(apiRequest(path, token, { method: "POST", body }), segments({ id })),
            );
            await expectRefusal(res, 400, "bad_request");
          },
        ),
        { numRuns: RUNS.userIds },
      );
    });

    it("job ids: anything that is not a UUID, on every job route", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(nasty, userIdLike).filter((id) => !accepts(jobIdParamsSchema, { id })),
          fc.constantFrom(...routes.jobIdRoutes),
          async (id, [method, handler, suffix]) => {
            const path = `/api/jobs/${segment(id)}${suffix}`;
            const res = await send(() =>
              handler(apiRequest(path, token, { method }), segments({ id })),
            );
            await expectRefusal(res, 400, "bad_request");
          },
        ),
        { numRuns: RUNS.jobIds },
      );
    });

    // Reads only: a well-formed request is a change asked for, so pause, resume and cancel count it (429 later).
    it("job ids: a UUID this tenant has no job under is a 404, on every job route that reads", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uuid().filter((id) => id !== jobId),
          fc.constantFrom(...routes.jobIdRoutes.filter(([method]) => method === "GET")),
          async (id, [method, handler, suffix]) => {
            const path = `/api/jobs/${id}${suffix}`;
            const res = await send(() =>
              handler(apiRequest(path, token, { method }), segments({ id })),
            );
            await expectRefusal(res, 404, "not_found");
          },
        ),
        { numRuns: RUNS.unknownJobIds },
      );
    });

    it("list filters: GET /api/license-errors with anything but refresh=0 or 1, once", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .array(
              fc.tuple(
                fc.constantFrom("refresh", "refresh", "Refresh", "other"),
                fc.oneof(nasty, fc.constantFrom("0", "1", "true")),
              ),
              {
                minLength: 1,
                maxLength: 4,
              },
            )
            .filter((pairs) => {
              const query = uniqueQuery(pairs);
              return query === null || !accepts(listLicenseErrorsQuerySchema, query);
            }),
          async (pairs) => {
            const path = `/api/license-errors?${queryString(pairs)}`;
            const res = await send(() =>
              routes.licenseErrors(apiRequest(path, token), segments({})),
            );
            await expectRefusal(res, 400, "bad_request");
          },
        ),
        { numRuns: RUNS.licenseErrorsQuery },
      );
    });

    it("job items filters and paging cursors: any wrong or repeated value", async () => {
      await fc.assert(
        fc.asyncProperty(
          itemsQuery.filter((pairs) => {
            const query = uniqueQuery(pairs);
            return query === null || !accepts(listJobItemsQuerySchema, query);
          }),
          async (pairs) => {
            const path = `/api/jobs/${jobId}/items?${queryString(pairs)}`;
            const res = await send(() =>
              routes.items(apiRequest(path, token), segments({ id: jobId })),
            );
            await expectRefusal(res, 400, "bad_request");
          },
        ),
        { numRuns: RUNS.jobItemsQueryRefused },
      );
    });

    it("job items filters the schema takes, however odd (any text in q, the largest cursor), answer a page", async () => {
      await fc.assert(
        fc.asyncProperty(acceptedItemsQuery, async (pairs) => {
          const path = `/api/jobs/${jobId}/items?${queryString(pairs)}`;
          const res = await send(() =>
            routes.items(apiRequest(path, token), segments({ id: jobId })),
          );
          const body: unknown = await res.json();
          expect(res.status, JSON.stringify(body)).toBe(200);
          listJobItemsResponseSchema.parse(body);
        }),
        { numRuns: RUNS.jobItemsQueryAccepted },
      );
    });

    it("job bodies: POST /api/jobs and /api/jobs/estimate with any body the schema refuses", async () => {
      await fc.assert(
        fc.asyncProperty(
          jobBody.filter((body) => !accepts(createJobBodySchema, body)),
          fc.constantFrom(...routes.jobBodyRoutes),
          async (body, [path, handler]) => {
            const request = apiRequest(path, token, { method: "POST", body: JSON.stringify(body) });
            const res = await send(() => handler(request, segments({})));
            await expectRefusal(res, 400, "bad_request");
          },
        ),
        { numRuns: RUNS.jobBodies },
      );
    });

    it("job bodies: text that is not JSON, or bytes that are not UTF-8", async () => {
      const notJson = (text: string) => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      };
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ unit: "binary", maxLength: 200 }).filter(notJson),
            fc.constantFrom("{selection:", '{"selection":{"kind":"users",', "\ufeff", "[", "{}}"),
            fc
              .uint8Array({ minLength: 1, maxLength: 200 })
              .map((bytes) => Uint8Array.from([0xff, ...bytes])),
          ),
          fc.constantFrom(...routes.jobBodyRoutes),
          async (body, [path, handler]) => {
            const request = apiRequest(path, token, { method: "POST", body });
            const res = await send(() => handler(request, segments({})));
            await expectRefusal(res, 400, "bad_request");
          },
        ),
        { numRuns: RUNS.jobBodyText },
      );
    });

    it("usage locations: anything but an ISO 3166-1 alpha-2 code", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .oneof(
              jsonLike,
              fc.record({
                usageLocation: fc.oneof(
                  nasty,
                  jsonLike,
                  fc.string({ minLength: 2, maxLength: 2 }),
                  fc.constantFrom("us", "XX", "ZZ", "UK", "U S", "USA", "US ", "ＵＳ"),
                ),
              }),
            )
            .filter((body) => !accepts(setUsageLocationBodySchema, body)),
          async (body) => {
            const path = `/api/users/${ADELE}/usage-location`;
            const request = apiRequest(path, token, { method: "POST", body: JSON.stringify(body) });
            const res = await send(() => routes.usageLocation(request, segments({ id: ADELE })));
            await expectRefusal(res, 400, "bad_request");
          },
        ),
        { numRuns: RUNS.usageLocations },
      );
    });

    it("product ids: anything that is not a GUID, on both reclaimable-seats routes", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .oneof(nasty, userIdLike)
            .filter((skuId) => !accepts(getReclaimableSeatsParamsSchema, { skuId })),
          fc.constantFrom(...routes.skuIdRoutes),
          async (skuId, [suffix, handler]) => {
            const path = `/api/seats/${segment(skuId)}${suffix}`;
            const res = await send(() => handler(apiRequest(path, token), segments({ skuId })));
            await expectRefusal(res, 400, "bad_request");
          },
        ),
        { numRuns: RUNS.skuIds },
      );
    });

    it("inactive days: anything but one whole number from 7 to 730, on both reclaimable-seats routes", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .array(
              fc.tuple(
                fc.constantFrom("inactiveDays", "inactiveDays", "InactiveDays", "other"),
                fc.oneof(
                  nasty,
                  fc.integer({ min: -1_000, max: 2_000 }).map(String),
                  fc.double().map(String),
                  fc.constantFrom("6", "7", "730", "731", "90.5", "1e3", "0x10"),
                ),
              ),
              { minLength: 1, maxLength: 4 },
            )
            .filter((pairs) => {
              const query = uniqueQuery(pairs);
              return query === null || !accepts(getReclaimableSeatsQuerySchema, query);
            }),
          fc.uuid(),
          fc.constantFrom(...routes.skuIdRoutes),
          async (pairs, skuId, [suffix, handler]) => {
            const path = `/api/seats/${skuId}${suffix}?${queryString(pairs)}`;
            const res = await send(() => handler(apiRequest(path, token), segments({ skuId })));
            await expectRefusal(res, 400, "bad_request");
          },
        ),
        { numRuns: RUNS.inactiveDays },
      );
    });

    it("oversized bodies: any body past a route's limit, with its length declared or not, is a 413", async () => {
      const bodyRoutes: [string, Handler, number][] = [
        ...routes.jobBodyRoutes.map(([path, handler]): [string, Handler, number] => [
          path,
          handler,
          MAX_JOB_BODY_BYTES,
        ]),
        [`/api/users/${ADELE}/usage-location`, routes.usageLocation, DEFAULT_MAX_BODY_BYTES],
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...bodyRoutes),
          fc.integer({ min: 1, max: 64 * 1024 }),
          fc.boolean(),
          fc.constantFrom(" ", "x", "{", "é"),
          async ([path, handler, maxBytes], over, declared, filler) => {
            const bytes = new Uint8Array(maxBytes + over).fill(
              new TextEncoder().encode(filler)[0]!,
            );
            const headers: Record<string, string> = declared
              ? { "content-length": String(bytes.byteLength) }
              : {};
            const request = apiRequest(path, token, { method: "POST", body: bytes, headers });
            const res = await send(() => handler(request, segments({ id: ADELE })));
            await expectRefusal(res, 413, "payload_too_large");
          },
        ),
        { numRuns: RUNS.oversizedBodies },
      );
    });
  },
);
