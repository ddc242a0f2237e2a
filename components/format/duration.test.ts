import { describe, expect, it } from "vitest";
import { formatDuration } from "./duration";

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [44.6, "45 s"],
    [60, "1 min"],
    [70, "1 min 10 s"],
    [3_600, "1 h"],
    [7_500, "2 h 5 min"],
  ])("says %s seconds as %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
