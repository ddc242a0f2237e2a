import { createHash } from "node:crypto";

/** Name-based UUID (RFC 4122 version 5, SHA-1), so a seed gives the same ids on every build. */
export function nameUuid(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of a directory object of one kind (`user`, `group`, `subscription`...) in a tenant. */
export const objectId = (tenantId: string, kind: string, name: string): string =>
  nameUuid(tenantId, `${kind}:${name.toLowerCase()}`);
