import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LicenseErrorsStreamEvent,
  licenseErrorsStreamEventSchema,
} from "@/lib/api/license-errors";
import { apiRequest, startTestEmulator, type TestEmulator } from "@/lib/server/testing/emulator";
import { GET } from "./route";

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
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
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { event: LicenseErrorsStreamEvent; at: number }[] = [];
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines.filter(Boolean)) {
      events.push({
        event: licenseErrorsStreamEventSchema.parse(JSON.parse(line)),
        at: Date.now(),
      });
    }
  }
  return events;
}

describe("GET /api/license-errors on a large tenant", () => {
  it("sends rows while later pages are still being read, and ends with everyone in error", async () => {
    // Some latency per Graph request, as over the internet, so the stream's pacing is visible.
    await t.control("PUT", "/_emulator/latency", { ms: 15 });
    const seq = await t.lastSeq();
    const res = await GET(apiRequest("/api/license-errors?refresh=1", await t.mint()));
    const events = await readTimed(res);

    const rowEvents = events.filter((e) => e.event.type === "rows");
    const done = events.at(-1)!;
    expect(done.event).toMatchObject({ type: "done", fromCache: false });
    expect(rowEvents.length).toBeGreaterThan(5);
    expect(done.at - rowEvents[0]!.at).toBeGreaterThan(100);

    const ids = rowEvents.flatMap((e) =>
      e.event.type === "rows" ? e.event.rows.map((r) => r.id) : [],
    );
    const state = await t.control<{ usersInError: { id: string }[] }>("GET", "/_emulator/state");
    expect(ids.sort()).toEqual(state.usersInError.map((u) => u.id).sort());
    expect(state.usersInError.length).toBe(600);

    const calls = await t.graphCallsSince(seq);
    const memberPages = calls.filter((c) => c.path.endsWith("/membersWithLicenseErrors"));
    expect(memberPages.length).toBeGreaterThan(new Set(memberPages.map((c) => c.path)).size);
    const batches = calls.filter((c) => c.path === "/v1.0/$batch");
    expect(batches.length).toBeGreaterThanOrEqual(600 / 20);
  });
});
