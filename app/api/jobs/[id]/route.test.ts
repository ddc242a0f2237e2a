import { parse } from "csv-parse/sync";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import {
  JOB_CSV_COLUMNS,
  type JobEvent,
  jobEventSchema,
  listJobItemsResponseSchema,
} from "@/lib/api/jobs";
import { getGraphSettings } from "@/lib/server/graph/settings";
import { verifyCaller } from "@/lib/server/http/with-auth";
import { followJob } from "@/lib/server/jobs/use-cases/job-events";
import { JOB_CONTROLS, readHistory } from "@/lib/server/history/read-history";
import { claimItems } from "@/lib/server/jobs/store/items";
import { createJob } from "@/lib/server/jobs/store/create-job";
import { finishItem, markWritten } from "@/lib/server/jobs/store/items";
import {
  emptyTables,
  jobOf,
  type JobRouteTest,
  startJobRouteTest,
} from "@/lib/server/jobs/testing/route-test";
import type { Actor, NewJobItem } from "@/lib/server/jobs/store/types";
import { ALEX, apiRequest, ISAIAH, LEE, segments } from "@/lib/server/testing/emulator";
import { POST as cancel } from "./cancel/route";
import { GET as events } from "./events/route";
import { GET as items } from "./items/route";
import { POST as pause } from "./pause/route";
import { GET as resultsCsv } from "./results.csv/route";
import { POST as resume } from "./resume/route";
import { GET as getJob } from "./route";
import { POST as estimate } from "../estimate/route";
import { GET as listJobs, POST as create } from "../route";

let r: JobRouteTest;
let tenantId: string;

beforeAll(async () => {
  r = await startJobRouteTest();
  tenantId = r.t.tenantId;
}, 60_000);
afterAll(() => r.close());
beforeEach(() => emptyTables(r.database));

const people = (count: number): NewJobItem[] =>
  Array.from({ length: count }, (_, i) => ({
    userId: `0c0c0c0c-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
    upn: `person.${i + 1}@contoso.onmicrosoft.com`,
    displayName: `Person ${i + 1}`,
  }));

const LEE_GU: Actor = { oid: "creator-oid", name: "Lee Gu" };

/** Adele as the job store records her: the `oid` of the tokens minted for her. */
const adele = async (): Promise<Actor> => ({
  oid: decodeJwt(await r.t.mint()).oid as string,
  name: "Adele Vance",
});

/** A job stored directly, as if an operator (Lee unless told) had created it. */
const storedJob = (items: NewJobItem[], now = Date.now(), createdBy = LEE_GU) =>
  createJob(r.database, {
    tenantId,
    createdBy,
    selection: { description: `${items.length} selected users` },
    items,
    now,
  });

type Handler = (
  request: Request,
  segments: { params: Promise<{ id: string }> },
) => Promise<Response>;

const call = async (
  handler: Handler,
  path: string,
  id: string,
  token?: string | null,
  method = "GET",
) =>
  handler(
    apiRequest(path, token === null ? undefined : (token ?? (await r.t.mint())), { method }),
    segments({ id }),
  );

async function errorOf(res: Response) {
  return apiErrorBodySchema.parse(await res.json()).error;
}

/** Finishes the job's items the way a worker records them. */
async function finishAll(
  outcome: (index: number) => Parameters<typeof finishItem>[2],
): Promise<void> {
  for (let index = 0; ;) {
    const claimed = await claimItems(r.database, {
      owner: "test-worker",
      max: 10,
      leaseMs: 60_000,
      now: Date.now(),
    });
    if (claimed.length === 0) return;
    for (const item of claimed) {
      await markWritten(r.database, item, Date.now());
      await finishItem(r.database, item, outcome(index++));
    }
  }
}

describe("job routes: who may do what", () => {
  const reads: [string, Handler, (id: string) => string][] = [
    ["GET /api/jobs/{id}", getJob, (id) => `/api/jobs/${id}`],
    ["GET /api/jobs/{id}/items", items, (id) => `/api/jobs/${id}/items`],
    ["GET /api/jobs/{id}/results.csv", resultsCsv, (id) => `/api/jobs/${id}/results.csv`],
  ];
  const changes: [string, Handler, (id: string) => string][] = [
    ["POST /api/jobs/{id}/pause", pause, (id) => `/api/jobs/${id}/pause`],
    ["POST /api/jobs/{id}/resume", resume, (id) => `/api/jobs/${id}/resume`],
    ["POST /api/jobs/{id}/cancel", cancel, (id) => `/api/jobs/${id}/cancel`],
  ];

  it("answers 401 without a token on every job route", async () => {
    const id = await storedJob(people(1));
    for (const [, handler, path] of [...reads, ...changes]) {
      expect((await call(handler, path(id), id, null)).status).toBe(401);
    }
    expect((await listJobs(apiRequest("/api/jobs", undefined))).status).toBe(401);
    expect(
      (await create(apiRequest("/api/jobs", undefined, { method: "POST", body: "{}" }))).status,
    ).toBe(401);
  });

  it("answers 403 to an account without a Licensedesk or admin role on every job route", async () => {
    const id = await storedJob(people(1));
    const token = await r.t.mint({ user: ALEX });
    for (const [, handler, path] of [...reads, ...changes]) {
      expect((await call(handler, path(id), id, token)).status).toBe(403);
    }
    expect((await call(events, `/api/jobs/${id}/events`, id, token)).status).toBe(403);
    expect((await listJobs(apiRequest("/api/jobs", token))).status).toBe(403);
  });

  it("lets a reader look at a job but not create, estimate, pause, resume or cancel one", async () => {
    const id = await storedJob(people(1));
    const token = await r.t.mint({ user: ISAIAH });
    for (const [, handler, path] of reads) {
      expect((await call(handler, path(id), id, token)).status).toBe(200);
    }
    for (const [, handler, path] of changes) {
      const res = await call(handler, path(id), id, token, "POST");
      expect(res.status).toBe(403);
      expect((await errorOf(res)).message).toContain("look but not change");
    }
    const body = JSON.stringify({ selection: { kind: "users", userIds: [ALEX] } });
    for (const handler of [create, estimate]) {
      const res = await handler(apiRequest("/api/jobs", token, { method: "POST", body }));
      expect(res.status).toBe(403);
    }
    expect(await r.database.kysely.selectFrom("jobs").select("id").execute()).toHaveLength(1);
  });

  it("answers 400 to a job id that is not a UUID, and 404 to a job this tenant does not have", async () => {
    const bad = await call(getJob, "/api/jobs/x", "../x");
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toContain("A job id is a UUID.");
    const unknown = "4b4b4b4b-0000-4000-8000-000000000000";
    const missing = await call(getJob, `/api/jobs/${unknown}`, unknown);
    expect(missing.status).toBe(404);
    const elsewhere = await createJob(r.database, {
      tenantId: "another-tenant",
      createdBy: { oid: "x", name: "X" },
      selection: { description: "elsewhere" },
      items: people(1),
      now: 1,
    });
    expect((await call(getJob, `/api/jobs/${elsewhere}`, elsewhere)).status).toBe(404);
    expect(
      (await call(pause, `/api/jobs/${elsewhere}/pause`, elsewhere, undefined, "POST")).status,
    ).toBe(404);
  });
});

describe("GET /api/jobs/{id}/items", () => {
  it("pages through the items in order with a cursor, filtered by outcome, state and name", async () => {
    const id = await storedJob(people(7));
    await finishAll((index) => ({
      outcome: index % 2 === 0 ? "resolved" : "failed",
      detail: { message: "done" },
      now: Date.now(),
    }));
    const page = async (query: string) => {
      const res = await call(items, `/api/jobs/${id}/items?${query}`, id);
      expect(res.status).toBe(200);
      return listJobItemsResponseSchema.parse(await res.json());
    };
    const first = await page("limit=3");
    expect(first.items.map((i) => i.displayName)).toEqual(["Person 1", "Person 2", "Person 3"]);
    const second = await page(`limit=3&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.displayName)).toEqual(["Person 4", "Person 5", "Person 6"]);
    const last = await page(`limit=3&cursor=${second.nextCursor}`);
    expect(last.items.map((i) => i.displayName)).toEqual(["Person 7"]);
    expect(last.nextCursor).toBeNull();
    expect((await page("outcome=failed")).items.map((i) => i.displayName)).toEqual([
      "Person 2",
      "Person 4",
      "Person 6",
    ]);
    expect((await page("state=pending")).items).toEqual([]);
    expect((await page("q=PERSON.7@")).items.map((i) => i.userPrincipalName)).toEqual([
      "person.7@contoso.onmicrosoft.com",
    ]);
  });

  it.each([["outcome=fine"], ["limit=0"], ["limit=5001"], ["cursor=-1"]])(
    "answers 400 to ?%s",
    async (query) => {
      const id = await storedJob(people(1));
      const res = await call(items, `/api/jobs/${id}/items?${query}`, id);
      expect(res.status).toBe(400);
    },
  );
});

describe("POST /api/jobs/{id}/pause, resume and cancel", () => {
  it("pauses, resumes and cancels a job, answering it as it is now, each audited with who did it", async () => {
    const id = await storedJob(people(3), Date.now(), await adele());
    const paused = await jobOf(await call(pause, `/api/jobs/${id}/pause`, id, undefined, "POST"));
    expect(paused).toMatchObject({ status: "paused", pauseReason: "paused_by_user" });
    const resumed = await jobOf(
      await call(resume, `/api/jobs/${id}/resume`, id, undefined, "POST"),
    );
    expect(resumed).toMatchObject({ status: "queued", pauseReason: null });
    const leeToken = await r.t.mint({ user: LEE });
    const cancelled = await jobOf(
      await call(cancel, `/api/jobs/${id}/cancel`, id, leeToken, "POST"),
    );
    expect(cancelled).toMatchObject({
      status: "cancelled",
      progress: { outcomes: { cancelled: 3 } },
    });
    const audit = await readHistory(r.database, { tenantId, jobId: id, actions: JOB_CONTROLS });
    expect(audit.map((e) => [e.action, e.actor.name])).toEqual([
      ["job.cancelled", "Lee Gu"],
      ["job.resumed", "Adele Vance"],
      ["job.paused", "Adele Vance"],
      ["job.created", "Adele Vance"],
    ]);
  });

  it("lets only its creator resume a delegated job: another operator hears 403 naming them and why, and may still pause and cancel", async () => {
    const id = await storedJob(people(3), Date.now(), await adele());
    const leeToken = await r.t.mint({ user: LEE });
    const paused = await call(pause, `/api/jobs/${id}/pause`, id, leeToken, "POST");
    expect((await jobOf(paused)).status).toBe("paused");
    const refused = await call(resume, `/api/jobs/${id}/resume`, id, leeToken, "POST");
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toEqual({
      code: "forbidden",
      message:
        "Only Adele Vance, who created this job, can resume it: its changes are made with Adele " +
        "Vance's sign-in and Microsoft Graph permissions. You can still pause or cancel it.",
    });
    expect((await jobOf(await call(getJob, `/api/jobs/${id}`, id))).status).toBe("paused");
    const resumed = await call(resume, `/api/jobs/${id}/resume`, id, undefined, "POST");
    expect((await jobOf(resumed)).status).toBe("queued");
    const cancelled = await call(cancel, `/api/jobs/${id}/cancel`, id, leeToken, "POST");
    expect((await jobOf(cancelled)).status).toBe("cancelled");
    const audit = await readHistory(r.database, { tenantId, jobId: id, actions: JOB_CONTROLS });
    expect(audit.map((e) => [e.action, e.actor.name])).toEqual([
      ["job.cancelled", "Lee Gu"],
      ["job.resumed", "Adele Vance"],
      ["job.paused", "Lee Gu"],
      ["job.created", "Adele Vance"],
    ]);
  });

  it("answers the job unchanged to a control that already holds, auditing nothing more", async () => {
    const id = await storedJob(people(2), Date.now(), await adele());
    for (let click = 0; click < 2; click++) {
      const res = await call(pause, `/api/jobs/${id}/pause`, id, undefined, "POST");
      expect(res.status).toBe(200);
      expect((await jobOf(res)).status).toBe("paused");
    }
    const resumed = await call(resume, `/api/jobs/${id}/resume`, id, undefined, "POST");
    const again = await call(resume, `/api/jobs/${id}/resume`, id, undefined, "POST");
    expect([resumed.status, again.status]).toEqual([200, 200]);
    const audit = await readHistory(r.database, { tenantId, jobId: id, actions: JOB_CONTROLS });
    expect(audit.map((e) => e.action)).toEqual(["job.resumed", "job.paused", "job.created"]);
  });

  it("refuses a control that does not fit the job's state with 400, saying why, and changes nothing", async () => {
    const id = await storedJob(people(1), Date.now(), await adele());
    await finishAll(() => ({ outcome: "resolved", detail: {}, now: Date.now() }));
    const paused = await call(pause, `/api/jobs/${id}/pause`, id, undefined, "POST");
    expect(paused.status).toBe(400);
    expect((await errorOf(paused)).message).toBe(
      "Only a queued or running job can be paused; this job is completed.",
    );
    const resumed = await call(resume, `/api/jobs/${id}/resume`, id, undefined, "POST");
    expect((await errorOf(resumed)).message).toBe(
      "Only a paused job can be resumed; this job is completed.",
    );
    const late = await call(cancel, `/api/jobs/${id}/cancel`, id, undefined, "POST");
    expect((await errorOf(late)).message).toBe(
      "Only a queued, running or paused job can be cancelled; this job is completed.",
    );
    const audit = await readHistory(r.database, { tenantId, jobId: id, actions: JOB_CONTROLS });
    expect(audit.map((e) => e.action)).toEqual(["job.created"]);
  });
});

/** Reads SSE frames until the server closes the stream (or `closeAfterMs` passes), parsing each with the contract. */
async function readEvents(
  res: Response,
  { closeAfterMs }: { closeAfterMs?: number } = {},
): Promise<{ events: JobEvent[]; raw: string; closedByServer: boolean }> {
  const reader = res.body!.getReader();
  let closedByServer = true;
  // A stream still open after this long fails the test that set it, instead of hanging it.
  const deadline =
    closeAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          closedByServer = false;
          void reader.cancel();
        }, closeAfterMs);
  const decoder = new TextDecoder();
  let raw = "";
  const events: JobEvent[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    raw += decoder.decode(value, { stream: true });
    const frames = raw.split("\n\n");
    events.length = 0;
    for (const block of frames.slice(0, -1)) {
      const data = block.split("\n").find((line) => line.startsWith("data: "));
      if (data) events.push(jobEventSchema.parse(JSON.parse(data.slice(6))));
    }
  }
  clearTimeout(deadline);
  return { events, raw, closedByServer };
}

describe("GET /api/jobs/{id}/events", () => {
  it("sends progress as the counts change, the changed items, and end when the job is finished", async () => {
    const id = await storedJob(people(6));
    const res = await call(events, `/api/jobs/${id}/events`, id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reading = readEvents(res);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await finishAll((index) => ({
      outcome: "resolved",
      detail: { message: `Resolved ${index}` },
      now: Date.now(),
    }));
    const { events: received, raw } = await reading;
    expect(raw.startsWith("retry: 2000\n\n")).toBe(true);
    const progress = received.filter((e) => e.type === "progress");
    expect(progress[0]).toMatchObject({ job: { id, status: "queued" } });
    const finalItems = received
      .flatMap((e) => (e.type === "items" ? e.items : []))
      .filter((item) => item.state === "final");
    expect(finalItems.map((item) => item.displayName).sort()).toEqual(
      people(6)
        .map((p) => p.displayName)
        .sort(),
    );
    expect(received.at(-1)).toMatchObject({
      type: "end",
      job: { id, status: "completed", progress: { outcomes: { resolved: 6 } } },
    });
  });

  it("ends at once for a finished job, and answers 404 before streaming for an unknown one", async () => {
    const id = await storedJob(people(1));
    await finishAll(() => ({ outcome: "failed", detail: {}, now: Date.now() }));
    const { events: received } = await readEvents(await call(events, `/api/jobs/${id}/events`, id));
    expect(received.map((e) => e.type)).toEqual(["items", "end"]);
    const unknown = "4b4b4b4b-0000-4000-8000-000000000000";
    expect((await call(events, `/api/jobs/${unknown}/events`, unknown)).status).toBe(404);
  });

  it("stops reading the job when the browser goes away, although the job goes on", async () => {
    const id = await storedJob(people(2), Date.now() - 60_000);
    const browser = new AbortController();
    const seen: JobEvent[] = [];
    const context = {
      database: r.database,
      settings: await getGraphSettings(),
      tenantId,
      now: Date.now(),
    };
    const caller = await verifyCaller(await r.t.mint(), "read");
    // Resolves only once the loop has stopped: a loop that ignored the abort would time the test out.
    await followJob(
      context,
      caller,
      id,
      {
        event: (event) => {
          seen.push(event);
          browser.abort();
        },
        comment: () => undefined,
      },
      browser.signal,
    );
    expect(seen.map((event) => event.type)).toEqual(["progress"]);
    expect((await jobOf(await call(getJob, `/api/jobs/${id}`, id))).status).toBe("queued");
  });

  it("ends the stream with reconnect when the caller's token expires, so the browser opens it again with a fresh one", async () => {
    const id = await storedJob(people(2));
    const token = await r.t.mint({ expiresInSeconds: 2 });
    const res = await call(events, `/api/jobs/${id}/events`, id, token);
    expect(res.status).toBe(200);
    const opened = Date.now();
    // A stream that never re-checked would stay open: the job never finishes.
    const { events: received, closedByServer } = await readEvents(res, { closeAfterMs: 8_000 });
    expect(closedByServer, "the stream was still open after 8 s").toBe(true);
    // The job's items come first (they changed within the stream's look-back), then its progress.
    expect(received.map((event) => event.type).filter((type) => type !== "items")).toEqual([
      "progress",
      "reconnect",
    ]);
    expect(received.at(-1)).toEqual({
      type: "reconnect",
      reason: "Your access token has expired; open the stream again with a fresh one.",
    });
    const expiresAt = (decodeJwt(token).exp ?? 0) * 1000;
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
    expect(Date.now() - opened).toBeLessThan(5_000);
  });

  it("verifies the caller again while the stream runs: a token that no longer verifies ends it with reconnect", async () => {
    const id = await storedJob(people(2));
    const context = {
      database: r.database,
      settings: await getGraphSettings(),
      tenantId,
      now: Date.now(),
    };
    // As if the key that signed it had been withdrawn: the token verifies no more.
    const caller = {
      ...(await verifyCaller(await r.t.mint(), "read")),
      accessToken: await r.t.mint({ key: "foreign" }),
    };
    const seen: JobEvent[] = [];
    const sink = { event: (event: JobEvent) => seen.push(event), comment: () => undefined };
    const running = new AbortController();
    const stopped = followJob(context, caller, id, sink, running.signal, { recheckEveryMs: 300 });
    const watchdog = setTimeout(() => running.abort(), 8_000);
    await stopped;
    clearTimeout(watchdog);
    expect(running.signal.aborted, "the stream was still open after 8 s").toBe(false);
    expect(seen.map((event) => event.type).filter((type) => type !== "items")).toEqual([
      "progress",
      "reconnect",
    ]);
    expect(seen.at(-1)).toMatchObject({ type: "reconnect", reason: expect.stringMatching(/\S/) });
  });
});

describe("GET /api/jobs/{id}/results.csv", () => {
  it("downloads one row per user in item order, quoted per RFC 4180, with formulas defused", async () => {
    const tricky: NewJobItem[] = [
      {
        userId: "0d0d0d0d-0000-4000-8000-000000000001",
        upn: "a@contoso.com",
        displayName: "Gu, Lee",
      },
      {
        userId: "0d0d0d0d-0000-4000-8000-000000000002",
        upn: "b@contoso.com",
        displayName: '"Quoted" Name',
      },
      {
        userId: "0d0d0d0d-0000-4000-8000-000000000003",
        upn: "c@contoso.com",
        displayName: '=HYPERLINK("http://x")',
      },
      {
        userId: "0d0d0d0d-0000-4000-8000-000000000004",
        upn: "d@contoso.com",
        displayName: "Zoë Ångström",
      },
    ];
    const id = await storedJob(tricky);
    await finishAll((index) =>
      index === 1
        ? {
            outcome: "failed",
            detail: {
              message: "Graph refused.\nTry later",
              graphError: {
                status: 403,
                code: "Authorization_RequestDenied",
                message: "-1 access",
              },
            },
            now: Date.now(),
          }
        : {
            outcome: "resolved",
            detail: {
              message: "Resolved.",
              diffSummary: "+Office 365 E3 now active, 12 plans added",
            },
            now: Date.now(),
          },
    );
    const res = await call(resultsCsv, `/api/jobs/${id}/results.csv`, id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      new RegExp(
        `^attachment; filename="licensedesk-job-\\d{4}-\\d{2}-\\d{2}-${id.slice(0, 8)}\\.csv"$`,
      ),
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    expect(header).toEqual([...JOB_CSV_COLUMNS]);
    const byColumn = rows.map((row) => Object.fromEntries(header!.map((c, i) => [c, row[i]])));
    const listed = listJobItemsResponseSchema.parse(
      await (await call(items, `/api/jobs/${id}/items`, id)).json(),
    ).items;
    expect(byColumn.map((row) => row.user_id)).toEqual(listed.map((item) => item.userId));
    expect(byColumn.map((row) => row.display_name)).toEqual([
      "Gu, Lee",
      '"Quoted" Name',
      '\'=HYPERLINK("http://x")',
      "Zoë Ångström",
    ]);
    expect(byColumn[1]).toMatchObject({
      outcome: "failed",
      message: "Graph refused.\nTry later",
      graph_error_status: "403",
      graph_error_code: "Authorization_RequestDenied",
      graph_error_message: "'-1 access",
      attempts: "0",
    });
    expect(byColumn[0]).toMatchObject({
      outcome: "resolved",
      diff_summary: "'+Office 365 E3 now active, 12 plans added",
      finished_at: listed[0]!.finishedAt,
    });
  });
});
