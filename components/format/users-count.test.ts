import { describe, expect, it } from "vitest";
import { usersCount } from "./users-count";

describe("usersCount", () => {
  it("says one user in the singular and more in the plural", () => {
    expect(usersCount(1)).toBe("1 user");
    expect(usersCount(212)).toBe("212 users");
  });
});
