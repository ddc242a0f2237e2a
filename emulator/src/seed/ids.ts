import { createHash } from "node:crypto";

const namespaceBytes = new Map<string, Buffer>();

/** Name-based UUID (RFC 4122 version 5, SHA-1), so a seed gives the same ids on every build. */
export function nameUuid(namespace: string, name: string): string {
  let ns = namespaceBytes.get(namespace);
  if (!ns) {
    ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
    namespaceBytes.set(namespace, ns);
  }
  const hex = createHash("sha1").update(ns).update(name, "utf8").digest("hex");
  // Version 5 in the 13th digit, RFC 4122 variant in the 17th.
  const version = `5${hex.slice(13, 16)}`;
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16) + hex.slice(17, 20);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${version}-${variant}-${hex.slice(20, 32)}`;
}

/** The id of a directory object of one kind (`user`, `group`, `subscription`...) in a tenant. */
export const objectId = (tenantId: string, kind: string, name: string): string =>
  nameUuid(tenantId, `${kind}:${name.toLowerCase()}`);
