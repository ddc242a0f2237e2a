import { describe, expect, it } from "vitest";
import type { JobItemView } from "@/lib/api/jobs";
import { addLiveEvent, EMPTY_LIVE_JOB, itemsNewerThanList } from "./jobs";

const item = (userId: string, finishedAt: string | null): JobItemView => ({
  id: userId.length,
  userId,
  userPrincipalName: `${userId}@contoso.onmicrosoft.com`,
  displayName: userId,
  state: finishedAt ? "final" : "written",
  outcome: finishedAt ? "resolved" : null,
  message: null,
  diffSummary: null,
  graphError: null,
  attempts: 1,
  finishedAt,
});

const items = new Map([
  ["before", item("before", "2026-11-30T10:00:00.000Z")],
  ["after", item("after", "2026-11-30T10:05:00.000Z")],
  ["running", item("running", null)],
]);

describe("itemsNewerThanList", () => {
  it("keeps outcomes recorded after the list was read and items still on their way", () => {
    const kept = itemsNewerThanList(items, "2026-11-30T10:02:00.000Z");
    expect([...kept.keys()]).toEqual(["after", "running"]);
  });

  it("keeps no outcome while the list is still being read", () => {
    expect([...itemsNewerThanList(items, null).keys()]).toEqual(["running"]);
  });
});

describe("addLiveEvent", () => {
  it("keeps a final outcome when an older copy of the item arrives after it", () => {
    const final = item("u1", "2026-11-30T10:05:00.000Z");
    const writing = { ...item("u1", null), state: "in_flight" as const };
    let data = addLiveEvent(EMPTY_LIVE_JOB, { type: "items", items: [final] });
    data = addLiveEvent(data, { type: "items", items: [writing] });
    expect(data.items.get("u1")).toBe(final);
  });

  it("lets an item step back while it is not final (a retry queues it again)", () => {
    const writing = { ...item("u1", null), state: "in_flight" as const };
    const queued = { ...item("u1", null), state: "pending" as const };
    let data = addLiveEvent(EMPTY_LIVE_JOB, { type: "items", items: [writing] });
    data = addLiveEvent(data, { type: "items", items: [queued] });
    expect(data.items.get("u1")?.state).toBe("pending");
    expect(EMPTY_LIVE_JOB.items.size).toBe(0);
  });
});
