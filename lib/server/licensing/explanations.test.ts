import { describe, expect, it } from "vitest";
import { explainLicenseError, needsFixFirst } from "./explanations";

const context = {
  productName: "Power BI Pro",
  groupName: "Power BI users",
  usageLocation: null,
  seats: null,
};

describe("explainLicenseError", () => {
  it.each([
    ["CountViolation", "Not enough licenses", true],
    ["MutuallyExclusiveViolation", "Conflicting licenses", true],
    ["DependencyViolation", "A required license is missing", true],
    ["ProhibitedInUsageLocationViolation", "Not available in the user's country", true],
    ["UniquenessViolation", "Duplicate email address", true],
    ["Other", "Licensing service error", false],
    ["Others", "Licensing service error", false],
  ])("explains %s in plain words", (code, title, fixFirst) => {
    const explanation = explainLicenseError(code, context);
    expect(explanation).toMatchObject({ title, fixFirst });
    expect(explanation.cause).toMatch(/Power BI Pro|another object/i);
    expect(explanation.fix).toMatch(/reprocess/i);
    expect(needsFixFirst(code)).toBe(fixFirst);
  });

  it("keeps an unknown code and says so honestly", () => {
    const explanation = explainLicenseError("LicenseCapReached", context);
    expect(explanation.title).toBe('Unrecognised error "LicenseCapReached"');
    expect(explanation.cause).toContain('"LicenseCapReached"');
    expect(explanation.fixFirst).toBe(false);
  });

  it("gives the seats for CountViolation and the country for a usage location", () => {
    const seats = explainLicenseError("CountViolation", {
      ...context,
      seats: { prepaid: 40, consumed: 40, available: 0 },
    });
    expect(seats.cause).toBe(
      'All 40 Power BI Pro licenses are taken (40 in use, 0 free), so the group "Power BI users" could not give this user one.',
    );
    const country = explainLicenseError("ProhibitedInUsageLocationViolation", {
      ...context,
      usageLocation: "CU",
    });
    expect(country.cause).toBe(
      "Power BI Pro cannot be used in Cuba (CU), the user's usage location.",
    );
  });
});
