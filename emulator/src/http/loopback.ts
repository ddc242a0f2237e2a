const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export const isLoopback = (address: string | undefined): boolean =>
  address !== undefined && (LOOPBACK.has(address) || address.startsWith("127."));
