import { describe, expect, it } from "vitest";
import { formatTable, judge, ratioTo, type RunFigures, theoreticalMinimumMs } from "./table";

const ours: RunFigures = {
  name: "ours",
  wallMs: 60_000,
  requests: 10_000,
  throttled: 50,
  lostOrFailed: 0,
  inErrorAfter: 0,
};

describe("bench table", () => {
  it("takes the first full bucket free and paces the rest at the refill rate, plus one round trip", () => {
    const shape = { capacity: 300, perSecond: 20, roundTripMs: 150 };
    expect(theoreticalMinimumMs(2_000, shape)).toBe(85_150);
    expect(theoreticalMinimumMs(200, shape)).toBe(150);
  });

  it("fails ours on each missed target and passes it on the edges", () => {
    expect(judge(ours, 60_000 / 1.1).failures).toEqual([]);
    expect(judge({ ...ours, wallMs: 66_001 }, 60_000).failures).toHaveLength(1);
    expect(judge({ ...ours, throttled: 101 }, 60_000).failures).toHaveLength(1);
    expect(judge({ ...ours, lostOrFailed: 1 }, 60_000).failures).toHaveLength(1);
  });

  it("shows ratios to ours, and none against a zero", () => {
    expect(ratioTo(300, 60)).toBe("5.00×");
    expect(ratioTo(0.2, 0)).toBe("— (ours 0)");
    const table = formatTable(
      [ours, { ...ours, name: "naive", wallMs: 300_000, throttled: 0 }],
      55_000,
    );
    expect(table).toContain("| naive");
    expect(table).toMatch(/300\.0 s .*5\.00×/);
    expect(table).toContain("theoretical minimum under the write budget: 55.0 s");
  });
});
