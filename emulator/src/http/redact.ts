const SECRET_FIELDS = new Set([
  "client_secret",
  "client_assertion",
  "assertion",
  "code",
  "code_verifier",
  "refresh_token",
  "password",
  "passwd",
]);

/** What the request log keeps of a body: form secrets and credentials masked, the rest as sent. */
export function redactBody(body: unknown): unknown {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([key, value]) => [
      key,
      SECRET_FIELDS.has(key.toLowerCase()) ? "[redacted]" : value,
    ]),
  );
}
