import { type APIRequestContext, expect } from "@playwright/test";

/** One entry of the emulator's request log (`GET /_emulator/requests`). */
export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  query: string;
  status: number;
  body?: unknown;
}

export interface EmulatorConfig {
  accessTokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
}

/** The emulator's control API, as the tests use it: settings, scripted faults, the request log. */
export class EmulatorControl {
  constructor(private readonly request: APIRequestContext) {}

  private async call<T>(method: "GET" | "PATCH" | "POST", path: string, data?: unknown) {
    const res = await this.request.fetch(path, { method, data });
    expect(res.ok(), `${method} ${path} answered ${res.status()}: ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  }

  config(): Promise<EmulatorConfig> {
    return this.call("GET", "/_emulator/config");
  }

  updateConfig(patch: Partial<EmulatorConfig>): Promise<EmulatorConfig> {
    return this.call("PATCH", "/_emulator/config", patch);
  }

  /** Scripts identity failures, e.g. `{ refreshToken: { error: "invalid_grant", times: 1 } }`. */
  async injectIdentityFaults(faults: Record<string, unknown>): Promise<void> {
    await this.call("POST", "/_emulator/identity/faults", faults);
  }

  /** The sequence number of the last request the emulator has seen; pass it as `since` later. */
  async lastSeq(): Promise<number> {
    // A path nothing has, so the answer carries lastSeq without the whole log.
    const body = await this.call<{ lastSeq: number }>("GET", "/_emulator/requests?path=/_nothing");
    return body.lastSeq;
  }

  async requests(filter: { path: string; since?: number }): Promise<LoggedRequest[]> {
    const query = new URLSearchParams({ path: filter.path });
    if (filter.since !== undefined) query.set("since", String(filter.since));
    const body = await this.call<{ requests: LoggedRequest[] }>(
      "GET",
      `/_emulator/requests?${query}`,
    );
    return body.requests;
  }
}
