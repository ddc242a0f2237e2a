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
  /** How long Graph takes to apply a reprocess. */
  reprocessDelayMs: number;
}

/** A failing assignment as `GET /_emulator/state` reports it. */
export interface EmulatorFailing {
  skuId: string;
  skuPartNumber: string | null;
  groupName: string | null;
  error: string;
  state: string;
}

/** `GET /_emulator/state`, the parts the tests read. */
export interface EmulatorState {
  counts: { users: number; usersInError: number };
  usersInErrorByCode: Record<string, number>;
  skus: { skuPartNumber: string; prepaidUnits: { enabled: number }; consumedUnits: number }[];
  usersInError: {
    id: string;
    userPrincipalName: string;
    displayName: string;
    usageLocation: string | null;
    failing: EmulatorFailing[];
  }[];
}

/** `GET /_emulator/users/{user}`: one user's causes and licensing results. */
export interface EmulatorUser {
  id: string;
  displayName: string;
  usageLocation: string | null;
  licenseAssignmentStates: { skuId: string; state: string; error: string }[];
  assignedPlans: { servicePlanId: string; capabilityStatus: string }[];
}

/** The emulator's control API, as the tests use it: tenant, seats, settings, faults, the request log. */
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

  /** Puts the seeded demo tenant back, so each story starts from the same directory. */
  async resetToDemo(): Promise<void> {
    await this.call("POST", "/_emulator/reset", { to: "demo" });
  }

  state(): Promise<EmulatorState> {
    return this.call("GET", "/_emulator/state");
  }

  user(key: string): Promise<EmulatorUser> {
    return this.call("GET", `/_emulator/users/${encodeURIComponent(key)}`);
  }

  /** Buys (or, negative, cancels) seats of a product, e.g. `addSeats("POWER_BI_PRO", 10)`. */
  async addSeats(skuPartNumber: string, add: number): Promise<void> {
    await this.call("POST", `/_emulator/skus/${skuPartNumber}/seats`, { add });
  }

  /** Scripts Graph failures, e.g. a 429 on one user's reprocessLicenseAssignment. */
  async injectGraphFault(fault: {
    path: string;
    method?: string;
    status: number;
    times?: number;
    retryAfter?: number;
  }): Promise<void> {
    await this.call("POST", "/_emulator/faults", fault);
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
