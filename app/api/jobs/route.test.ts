import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { jobEstimateSchema, listJobsResponseSchema, MAX_JOB_USERS } from "@/lib/api/jobs";
import { licenseErrorsStreamEventSchema, type LicenseErrorRow } from "@/lib/api/license-errors";
import { readHistory } from "@/lib/server/history/read-history";
import { listJobItems } from "@/lib/server/jobs/store/queries";
import {
  emptyTables,
  jobOf,
  type JobRouteTest,
  startJobRouteTest,
} from "@/lib/server/jobs/testing/route-test";
import { ADELE, apiRequest, readNdjson } from "@/lib/server/testing/emulator";
import { GET as getLicenseErrors } from "../license-errors/route";
import { POST as estimate } from "./estimate/route";
import { GET as listJobs, POST as createJob } from "./route";

let r: JobRouteTest;

beforeAll(async () => {
  r = await startJobRouteTest();
}, 60_000);
afterAll(() => r.close());
beforeEach(async () => {
  await r.t.control("POST", "/_emulator/reset", { to: "demo" });
  await emptyTables(r.database);
});

const post = async (handler: typeof createJob, path: string, body: unknown, token?: string) =>
  handler(
    apiRequest(path, token ?? (await r.t.mint()), {
      method: "POST",
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

async function errorOf(res: Response) {
  return apiErrorBodySchema.parse(await res.json()).error;
}

/** The grid's rows, through the app's own route (this also fills the scan the job routes reuse). */
async function gridRows(refresh = true): Promise<LicenseErrorRow[]> {
  const res = await getLicenseErrors(
    apiRequest(`/api/license-errors${refresh ? "?refresh=1" : ""}`, await r.t.mint()),
  );
  const events = (await readNdjson(res)).map((e) => licenseErrorsStreamEventSchema.parse(e));
  return events.flatMap((event) => (event.type === "rows" ? event.rows : []));
}

const jobCount = async () =>
  (await r.database.kysely.selectFrom("jobs").select("id").execute()).length;

describe("POST /api/jobs", () => {
  it("stores a job for the selected users, named and addressed as the grid shows them, and audits it", async () => {
    const rows = (await gridRows()).slice(0, 5);
    const res = await post(createJob, "/api/jobs", {
      selection: { kind: "users", userIds: rows.map((row) => row.id), description: "Five rows" },
    });
    expect(res.status).toBe(201);
    const job = await jobOf(res);
    expect(job).toMatchObject({
      status: "queued",
      pauseReason: null,
      description: "Five rows",
      createdBy: { name: "Adele Vance" },
      progress: { total: 5, states: { pending: 5 }, perMinute: null, etaSeconds: null },
    });
    const { items } = await listJobItems(r.database, job.id);
    expect(items.map((i) => [i.userId, i.upn, i.displayName])).toEqual(
      rows.map((row) => [row.id, row.userPrincipalName, row.displayName]),
    );
    const [event] = await readHistory(r.database, { tenantId: r.t.tenantId });
    expect(event).toMatchObject({
      action: "job.created",
      actor: { kind: "person", name: "Adele Vance" },
      jobId: job.id,
      body: { detail: { users: 5 } },
    });
  });

  it("reads from Graph the users the grid does not list, and takes UPNs and repeated ids once", async () => {
    const state = await r.t.control<{ usersInError: { id: string; userPrincipalName: string }[] }>(
      "GET",
      "/_emulator/state",
    );
    const [first, second] = state.usersInError;
    const res = await post(createJob, "/api/jobs", {
      selection: {
        kind: "users",
        // ADELE is in no error: she is not in the grid, so her name comes from Graph.
        userIds: [first!.id, second!.userPrincipalName, first!.id, ADELE],
      },
    });
    expect(res.status).toBe(201);
    const job = await jobOf(res);
    expect(job.description).toBe("3 selected users");
    const { items } = await listJobItems(r.database, job.id);
    expect(items.map((i) => i.upn).sort()).toEqual(
      [first!.userPrincipalName, second!.userPrincipalName, ADELE].sort(),
    );
    expect(items.find((i) => i.upn === ADELE)?.displayName).toBe("Adele Vance");
  });

  it("refuses ids the directory does not know, naming how many and which, and stores nothing", async () => {
    const rows = await gridRows();
    const unknown = Array.from(
      { length: 12 },
      (_, i) => `0b0b0b0b-1111-4222-8333-${String(i).padStart(12, "0")}`,
    );
    const res = await post(createJob, "/api/jobs", {
      selection: { kind: "users", userIds: [rows[0]!.id, ...unknown] },
    });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("bad_request");
    expect(error.message).toMatch(/^12 of the selected users do not exist in this tenant: /);
    expect(error.message).toContain(unknown[0]);
    expect(error.message).toContain(unknown[9]);
    expect(error.message).not.toContain(unknown[10]);
    expect(error.message).toContain("and 2 more");
    expect(await jobCount()).toBe(0);
  });

  it.each([
    ["a body that is not JSON", "{selection:", "The request body must be JSON."],
    ["no selection", {}, "selection"],
    ["an unknown kind", { selection: { kind: "everyone" } }, "selection.kind"],
    ["no users", { selection: { kind: "users", userIds: [] } }, "Select at least one user."],
    [
      "an id that could change a Graph URL",
      { selection: { kind: "users", userIds: ["../groups"] } },
      "A user id is a GUID or a userPrincipalName",
    ],
    [
      "a group that is not an object id",
      { selection: { kind: "group", groupId: "Sales" } },
      "A group is named by its object id.",
    ],
    [
      "more users than a job takes",
      {
        selection: {
          kind: "users",
          userIds: Array.from(
            { length: MAX_JOB_USERS + 1 },
            (_, i) => `0b0b0b0b-1111-4222-8333-${String(i).padStart(12, "0")}`,
          ),
        },
      },
      "A job takes at most 50,000 users.",
    ],
  ])("answers 400 to %s, and stores nothing", async (_, body, message) => {
    const seq = await r.t.lastSeq();
    const res = await post(createJob, "/api/jobs", body);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain(message);
    expect(await jobCount()).toBe(0);
    expect(await r.t.graphCallsSince(seq)).toEqual([]);
  });

  it("takes everyone in error with an error code, from a fresh scan", async () => {
    const rows = await gridRows();
    const code = rows[0]!.failing[0]!.error;
    const expected = rows.filter((row) => row.failing.some((f) => f.error === code));
    const job = await jobOf(
      await post(createJob, "/api/jobs", { selection: { kind: "errorCode", code } }),
    );
    expect(job.description).toBe(`Everyone in error with ${code}`);
    expect(job.progress.total).toBe(expected.length);
    const { items } = await listJobItems(r.database, job.id, { limit: 1_000 });
    expect(items.map((i) => i.userId).sort()).toEqual(expected.map((row) => row.id).sort());
  });

  it("takes everyone in error through a group", async () => {
    const rows = await gridRows();
    const failing = rows.flatMap((row) => row.failing).find((f) => f.groupId !== null)!;
    const expected = rows.filter((row) => row.failing.some((f) => f.groupId === failing.groupId));
    const job = await jobOf(
      await post(createJob, "/api/jobs", {
        selection: { kind: "group", groupId: failing.groupId },
      }),
    );
    expect(job.description).toBe(`Everyone in error through group ${failing.groupName}`);
    expect(job.progress.total).toBe(expected.length);
  });

  it("answers 400 nobody to reprocess when no user in error matches, and stores nothing", async () => {
    const res = await post(createJob, "/api/jobs", {
      selection: { kind: "errorCode", code: "NoSuchError" },
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain("There is nobody to reprocess");
    expect(await jobCount()).toBe(0);
  });
});

describe("POST /api/jobs with a large selection", () => {
  it("accepts 10,000 users in error in one job", { timeout: 180_000 }, async () => {
    await r.t.control("POST", "/_emulator/generate", {
      users: 30_000,
      groups: 40,
      usersInError: 10_000,
      seed: 7,
    });
    const rows = await gridRows();
    expect(rows).toHaveLength(10_000);
    const res = await post(createJob, "/api/jobs", {
      selection: { kind: "users", userIds: rows.map((row) => row.id) },
    });
    expect(res.status).toBe(201);
    const job = await jobOf(res);
    expect(job.progress.total).toBe(10_000);
    expect(job.description).toBe("10,000 selected users");
  });
});

describe("POST /api/jobs/estimate", () => {
  it("counts the selection and prices it at the write budget, behind the jobs already queued", async () => {
    const rows = await gridRows();
    const selection = { kind: "users", userIds: rows.slice(0, 3).map((row) => row.id) };
    const alone = jobEstimateSchema.parse(
      await (await post(estimate, "/api/jobs/estimate", { selection })).json(),
    );
    expect(alone).toMatchObject({ users: 3, writesPerMinute: 1200, jobsRunning: 0 });
    expect(alone.expectedSeconds).toBeGreaterThan(0);
    await post(createJob, "/api/jobs", { selection });
    const behind = jobEstimateSchema.parse(
      await (await post(estimate, "/api/jobs/estimate", { selection })).json(),
    );
    expect(behind.jobsRunning).toBe(1);
    expect(await jobCount()).toBe(1);
  });
});

describe("GET /api/jobs", () => {
  it("lists the tenant's jobs, newest first, to readers too", async () => {
    const rows = await gridRows();
    const first = await jobOf(
      await post(createJob, "/api/jobs", { selection: { kind: "users", userIds: [rows[0]!.id] } }),
    );
    const second = await jobOf(
      await post(createJob, "/api/jobs", { selection: { kind: "users", userIds: [rows[1]!.id] } }),
    );
    const reader = await r.t.mint({ user: "isaiah.langer@contoso.onmicrosoft.com" });
    const res = await listJobs(apiRequest("/api/jobs", reader));
    expect(res.status).toBe(200);
    const { jobs } = listJobsResponseSchema.parse(await res.json());
    expect(jobs.map((job) => job.id)).toEqual([second.id, first.id]);
  });
});
