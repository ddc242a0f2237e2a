import { describe, expect, it } from "vitest";
import { reprocessUserParamsSchema, setUsageLocationBodySchema } from "./reprocess";

const accepts = (id: string) => reprocessUserParamsSchema.safeParse({ id }).success;

describe("reprocessUserParamsSchema", () => {
  it("accepts object ids and userPrincipalNames", () => {
    expect(accepts("8d2f0c4e-1a3b-4c5d-9e6f-7a8b9c0d1e2f")).toBe(true);
    expect(accepts("adele.vance@contoso.onmicrosoft.com")).toBe(true);
    expect(accepts("o'brien_j@contoso.com")).toBe(true);
  });

  it.each([
    ["a path escape", "../groups"],
    ["a query", "x?$filter=1"],
    ["an encoded dot-dot", "%2e%2e"],
    ["a decoded dot-dot", ".."],
    ["the empty string", ""],
    ["1,000 characters", "a".repeat(1000)],
    ["a slash inside a UPN", "a/b@contoso.com"],
    ["a fragment", "a#b@contoso.com"],
    ["a backslash", "a\\b@contoso.com"],
    ["a double dot in a UPN", "a..b@contoso.com"],
    ["a UPN over 113 characters", `${"a".repeat(64)}@${"b".repeat(45)}.com`],
    ["a domain without a dot", "adele@contoso"],
  ])("rejects %s", (_, id) => {
    expect(accepts(id)).toBe(false);
  });
});

describe("setUsageLocationBodySchema", () => {
  it("accepts ISO 3166-1 alpha-2 codes", () => {
    expect(setUsageLocationBodySchema.parse({ usageLocation: "US" })).toEqual({
      usageLocation: "US",
    });
  });

  it.each(["XX", "us", "USA", "840", "", "U"])("rejects %j", (usageLocation) => {
    expect(setUsageLocationBodySchema.safeParse({ usageLocation }).success).toBe(false);
  });
});
