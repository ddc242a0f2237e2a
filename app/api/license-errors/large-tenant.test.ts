import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LicenseErrorsStreamEvent,
  licenseErrorsStreamEventSchema,
} from "@/lib/api/license-errors";
import {
  apiRequest,
  readNdjsonAsItComes,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import { GET } from "./route";

let t: TestEmulator;

beforeAll(async () => {
  // The directory's pages of 999 users show the streaming; the beta API would answer in one page.
  t = await startTestEmulator({ LICENSE_ERRORS_READ: "directory" });
  await t.control("POST", "/_emulator/generate", {
    users: 3000,
    groups: 40,
    usersInError: 600,
    seed: 7,
  });
});
afterAll(() => t.close());

/** Reads the stream as the browser does, noting when each event arrived. */
async function readTimed(res: Response) {
  const events: { event: LicenseErrorsStreamEvent; at: number }[] = [];
  await readNdjsonAsItComes(res, (line) => {
    events.push({ event: licenseErrorsStreamEventSchema.parse(line), at: Date.now() });
  });
  return events;
}

describe("GET /api/license-errors on a large tenant", () => {
  it("sends rows while later pages are still being read, and ends with everyone in error", async () => {
    // Some latency per Graph request, as over the internet, so the stream's pacing is visible.
    await t.control("PUT", "/_emulator/latency", { ms: 50 });
    const seq = await t.lastSeq();
    const res = await GET(apiRequest("/api/license-errors?refresh=1", await t.mint()));
    const events = await readTimed(res);

    const rowEvents = events.filter((e) => e.event.type === "rows");
    const done = events.at(-1)!;
    expect(done.event).toMatchObject({ type: "done", fromCache: false });
    // A row event per page of 999 users with someone in error in it.
    expect(rowEvents.length).toBeGreaterThanOrEqual(3);
    expect(done.at - rowEvents[0]!.at).toBeGreaterThan(100);

    const ids = rowEvents.flatMap((e) =>
      e.event.type === "rows" ? e.event.rows.map((r) => r.id) : [],
    );
    const state = await t.control<{ usersInError: { id: string }[] }>("GET", "/_emulator/state");
    expect(ids.sort()).toEqual(state.usersInError.map((u) => u.id).sort());
    expect(state.usersInError.length).toBe(600);

    const calls = await t.graphCallsSince(seq);
    const userPages = calls.filter((c) => c.path === "/v1.0/users");
    expect(userPages).toHaveLength(Math.ceil(3000 / 999));
    expect(calls.filter((c) => c.path === "/v1.0/$batch")).toHaveLength(0);
  });
});
