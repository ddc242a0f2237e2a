import { describe, expect, it } from "vitest";
import { credentialKey, decryptCredential, encryptCredential } from "./cipher";

describe("job credential encryption", () => {
  const key = credentialKey("api-client-secret");
  const token = "eyJhbGciOiJSUzI1NiJ9.payload.signature";

  it("reads back what it sealed, and never stores the token in the clear", () => {
    const sealed = encryptCredential(key, "job-1", token);
    expect(sealed).not.toContain("payload");
    expect(decryptCredential(key, "job-1", sealed)).toBe(token);
  });

  it("seals the same token differently each time", () => {
    expect(encryptCredential(key, "job-1", token)).not.toBe(encryptCredential(key, "job-1", token));
  });

  it("cannot read a credential after the client secret changed, or moved to another job, or altered", () => {
    const sealed = encryptCredential(key, "job-1", token);
    expect(decryptCredential(credentialKey("rotated-secret"), "job-1", sealed)).toBeUndefined();
    expect(decryptCredential(key, "job-2", sealed)).toBeUndefined();
    const bytes = Buffer.from(sealed, "base64");
    bytes[bytes.length - 1]! ^= 1;
    expect(decryptCredential(key, "job-1", bytes.toString("base64"))).toBeUndefined();
    expect(decryptCredential(key, "job-1", "c2hvcnQ=")).toBeUndefined();
  });
});
