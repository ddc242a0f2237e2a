import { describe, expect, it } from "vitest";
import { accessDenial, isOperator, isReader } from "./roles";
import type { AccessTokenClaims } from "./verify-access-token";

const LICENSE_ADMIN = "4d6ac14f-3453-41d0-bef9-a3e0c569773a";
const GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
const DEFAULT_USER = "b79fbf4d-3ef9-4689-8143-76b194e85509";

const caller = (roles: string[], wids: string[]) =>
  ({ roles, wids: [...wids, DEFAULT_USER] }) as unknown as AccessTokenClaims;

describe("who may reprocess", () => {
  it("lets a License Administrator reprocess in either Graph mode", () => {
    const admin = caller([], [LICENSE_ADMIN]);
    expect(isOperator(admin, "delegated")).toBe(true);
    expect(isOperator(admin, "app-only")).toBe(true);
  });

  it("lets the operator app role alone reprocess only when Licensedesk calls Graph as itself", () => {
    const operator = caller(["Licensedesk.Operator"], []);
    expect(isOperator(operator, "app-only")).toBe(true);
    expect(isOperator(operator, "delegated")).toBe(false);
    expect(accessDenial(operator, "write", "delegated")).toMatch(/Graph would refuse/);
    expect(accessDenial(operator, "read", "delegated")).toBeNull();
  });

  it("lets readers look but not change", () => {
    for (const reader of [caller(["Licensedesk.Reader"], []), caller([], [GLOBAL_READER])]) {
      expect(isReader(reader)).toBe(true);
      expect(accessDenial(reader, "read", "app-only")).toBeNull();
      expect(accessDenial(reader, "write", "app-only")).toMatch(/look but not change/);
    }
  });

  it("refuses an account with no role even a look", () => {
    const nobody = caller([], []);
    expect(isReader(nobody)).toBe(false);
    expect(accessDenial(nobody, "read", "delegated")).toMatch(/You need a Licensedesk role/);
    expect(accessDenial(nobody, "signed-in", "delegated")).toBeNull();
  });
});
