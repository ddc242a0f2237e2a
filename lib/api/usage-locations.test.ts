import { describe, expect, it } from "vitest";
import { countryName, isUsageLocation, USAGE_LOCATIONS } from "./usage-locations";

describe("usage locations", () => {
  it("lists each ISO 3166-1 alpha-2 code once, in order", () => {
    expect(USAGE_LOCATIONS).toHaveLength(250);
    expect(USAGE_LOCATIONS.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
    expect(USAGE_LOCATIONS).toEqual([...new Set(USAGE_LOCATIONS)].sort());
  });

  it("has an English name from the runtime for every code", () => {
    expect(USAGE_LOCATIONS.filter((code) => countryName(code) === code)).toEqual([]);
    expect(countryName("US")).toBe("United States");
  });

  it("takes only listed codes and names nothing else", () => {
    expect(isUsageLocation("DE")).toBe(true);
    expect(["de", "ZZ", "USA", ""].filter(isUsageLocation)).toEqual([]);
    expect(countryName("USA")).toBe("USA");
  });
});
