import { describe, expect, it } from "vitest";
import { emulatorPerFile } from "../testing/emulator";
import type { LoggedRequest } from "./request-log";

const emu = emulatorPerFile();

async function logged(path: string): Promise<LoggedRequest[]> {
  const res = await fetch(`${emu.url}/_emulator/requests?path=${encodeURIComponent(path)}`);
  return ((await res.json()) as { requests: LoggedRequest[] }).requests;
}

describe("request log", () => {
  it("keeps a token request's fields but masks its secret", async () => {
    await fetch(`${emu.url}/${emu.state.tenant.id}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "not-a-client",
        client_secret: "s3cret-value",
        scope: "https://graph.microsoft.com/.default",
      }),
    });
    const [entry] = await logged("/oauth2/v2.0/token");
    expect(entry?.method).toBe("POST");
    expect(entry?.status).toBe(400);
    expect(entry?.body).toMatchObject({
      grant_type: "client_credentials",
      client_secret: "[redacted]",
    });
    expect(JSON.stringify(entry)).not.toContain("s3cret-value");
  });

  it("records the status and query of each request in order", async () => {
    const before = emu.state.log.lastSeq;
    await fetch(`${emu.url}/v1.0/users?$top=1`);
    const res = await fetch(`${emu.url}/_emulator/requests?since=${before}&path=/v1.0/users`);
    const { requests } = (await res.json()) as { requests: LoggedRequest[] };
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: "GET", path: "/v1.0/users", status: 401 });
    expect(new URLSearchParams(requests[0]?.query).get("$top")).toBe("1");
  });

  it("counts only loopback addresses as control-API callers", async () => {
    // The emulator binds loopback only, so a forged remote address is checked through the guard itself.
    const { isLoopback } = await import("./loopback");
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("10.0.0.5")).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });
});
