// Test and bench tooling (no app code imports it): calls the emulator's control API over HTTP.

/** Calls `/_emulator/*` on `baseUrl` and returns the parsed answer; throws on a non-2xx status. */
export async function callEmulatorControl<T>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** `PATCH /_emulator/users/{id}` body that removes every cause the emulator knows: a reprocess then resolves. */
export const EVERY_CAUSE_FIXED = {
  usageLocation: "US",
  proxyAddresses: [],
  blockedForOtherReason: false,
  directLicenses: [],
};
