import { isIP } from "node:net";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export const isLoopback = (address: string | undefined): boolean =>
  address !== undefined && (LOOPBACK.has(address) || address.startsWith("127."));

/** A host name that always means this machine: no DNS answer can point it elsewhere. */
export function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase();
  if (name === "localhost" || name === "[::1]") return true;
  return isIP(name) === 4 && name.startsWith("127.");
}

/** `host[:port]` as in a Host header or a URL's host; undefined when it is neither. */
export function splitHost(host: string): { name: string; port: string | undefined } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host);
  return match?.[1] ? { name: match[1], port: match[2] } : undefined;
}
