import { describe, expect, it } from "vitest";
import { csvField, csvRow } from "./csv-field";

describe("csvField", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+SUM(A1)", "'+SUM(A1)"],
    ["-2", "'-2"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["\rx", '"\'\rx"'],
  ])("prefixes an apostrophe to %j so a spreadsheet shows it as text", (value, expected) =>
    expect(csvField(value)).toBe(expected),
  );

  it.each(['＝HYPERLINK("x")', "＋1", "－1", "＠SUM(A1)"])(
    "treats the full-width formula sign of %j like the ASCII one",
    (value) => expect(csvField(value)).toMatch(/^"?'/u),
  );

  it("leaves ordinary text, numbers and empty values as they are", () => {
    expect(csvField("Adele Vance")).toBe("Adele Vance");
    expect(csvField("a-b=c")).toBe("a-b=c");
    expect(csvField(3)).toBe("3");
    expect(csvField(null)).toBe("");
  });

  it("quotes fields with commas, quotes and line breaks and doubles the quotes", () => {
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
  });

  it("ends each row with CRLF", () => {
    expect(csvRow(["a", 1, null])).toBe("a,1,\r\n");
  });
});
