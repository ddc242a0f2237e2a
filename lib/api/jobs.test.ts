import { describe, expect, it } from "vitest";
import { jobDescription } from "./job-description";
import { jobSelectionSchema } from "./jobs";

const selection = (description: string | undefined) => ({
  kind: "users" as const,
  userIds: ["4f8c2a1e-0000-4000-8000-000000000001"],
  description,
});

describe("a job's description from the browser's words", () => {
  it("turns a tab, newline or NUL pasted into a search into spaces the server takes", () => {
    const words = 'All 3 users matching "Adele\tVance\n\u0000"';
    expect(jobSelectionSchema.safeParse(selection(words)).success).toBe(false);
    const description = jobDescription(words);
    expect(description).toBe('All 3 users matching "Adele Vance "');
    expect(jobSelectionSchema.safeParse(selection(description)).success).toBe(true);
  });

  it("keeps at most 300 characters and leaves out words that were only control characters", () => {
    expect(jobDescription("x".repeat(400))).toHaveLength(300);
    expect(jobDescription("\u0007\r\n")).toBeUndefined();
    expect(jobSelectionSchema.safeParse(selection(jobDescription("\r\n"))).success).toBe(true);
  });
});
