import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "./date-time";

describe("formatDate and formatDateTime", () => {
  it("show a dash when there is no timestamp", () => {
    expect(formatDate(null)).toBe("—");
    expect(formatDateTime(null)).toBe("—");
  });

  it("show the date, and the date-time starts with it", () => {
    const at = "2025-03-14T09:26:00Z";
    expect(formatDate(at)).not.toBe("—");
    expect(formatDateTime(at)).toContain(formatDate(at));
    expect(formatDateTime(at)).not.toBe(formatDate(at));
  });
});
