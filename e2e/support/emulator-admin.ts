import { callEmulatorControl, EVERY_CAUSE_FIXED } from "../../lib/testing/emulator-control";

/** One Graph request in the emulator's log, with what the multi-instance specs read. */
export interface GraphLogEntry {
  seq: number;
  /** When the emulator answered it (ISO time). */
  time: string;
  method: string;
  path: string;
  status: number;
  /** For a request inside a `$batch`: the outer request's sequence number, given when it arrived. */
  batchSeq?: number;
}

/** A reprocess call that Graph accepted or refused, and whose it was. */
export interface LoggedWrite extends GraphLogEntry {
  userId: string;
}

const REPROCESS_PATH = /\/users\/([^/]+)\/reprocessLicenseAssignment$/i;

/** The emulator's control API for the job specs: big tenants, limits, latency and the Graph log. */
export class EmulatorAdmin {
  constructor(private readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return callEmulatorControl<T>(this.baseUrl, method, path, body);
  }

  /**
   * A generated tenant whose first `count` users in error have had their causes fixed, and enough
   * seats everywhere: reprocessing each of them resolves it. Answers their ids. Users missing a
   * required license are left out: only a license change fixes them, and it reprocesses them at once.
   */
  async usersInErrorWithCausesFixed(count: number, seed: number): Promise<string[]> {
    // The generator spreads errors evenly over six causes; one of them is left out.
    const usersInError = Math.ceil((count * 6) / 5) + 6;
    await this.call("POST", "/_emulator/generate", {
      users: usersInError * 3 + 100,
      groups: 6,
      usersInError,
      seed,
    });
    const state = await this.call<{
      skus: { skuPartNumber: string }[];
      usersInError: { id: string; failing: { error: string }[] }[];
    }>("GET", "/_emulator/state");
    const ids = state.usersInError
      .filter((user) => user.failing.every((failing) => failing.error !== "DependencyViolation"))
      .slice(0, count)
      .map((user) => user.id);
    if (ids.length < count) throw new Error(`The emulator generated only ${ids.length} to fix.`);
    for (const sku of state.skus) {
      await this.call("POST", `/_emulator/skus/${sku.skuPartNumber}/seats`, { add: count });
    }
    for (let i = 0; i < ids.length; i += 25) {
      await Promise.all(
        ids
          .slice(i, i + 25)
          .map((id) => this.call("PATCH", `/_emulator/users/${id}`, EVERY_CAUSE_FIXED)),
      );
    }
    return ids;
  }

  /** Graph's write limit per app+tenant, with windows divided by `timeScale`. */
  async setWriteLimit(limit: { limit: number; windowSeconds: number; timeScale: number }) {
    await this.call("PUT", "/_emulator/limits", {
      timeScale: limit.timeScale,
      appTenantWrites: { limit: limit.limit, windowSeconds: limit.windowSeconds },
    });
  }

  async setLatency(ms: number): Promise<void> {
    await this.call("PUT", "/_emulator/latency", { ms });
  }

  async setReprocessDelay(ms: number): Promise<void> {
    await this.call("PATCH", "/_emulator/config", { reprocessDelayMs: ms });
  }

  async reprocessDelay(): Promise<number> {
    return (await this.call<{ reprocessDelayMs: number }>("GET", "/_emulator/config"))
      .reprocessDelayMs;
  }

  /** Puts the demo tenant, default limits, no latency and no faults back for the specs after. */
  async resetToDemo(reprocessDelayMs: number): Promise<void> {
    await this.call("POST", "/_emulator/reset", { to: "demo" });
    await this.setReprocessDelay(reprocessDelayMs);
  }

  /** A token of the SPA for the Licensedesk API, as the browser would send it for `user`. */
  async apiToken(user: string): Promise<string> {
    return (await this.call<{ token: string }>("POST", "/_emulator/tokens", { kind: "api", user }))
      .token;
  }

  /** Holds the next reprocess call `ms` before Graph acts on it; resolves once one is being held. */
  async holdNextReprocess(ms: number): Promise<void> {
    const rule = await this.call<{ id: string }>("POST", "/_emulator/faults", {
      method: "POST",
      path: "/users/*/reprocessLicenseAssignment",
      latencyMs: ms,
    });
    for (;;) {
      const { faults } = await this.call<{ faults: { id: string; applied: number }[] }>(
        "GET",
        "/_emulator/faults",
      );
      if (faults.some((fault) => fault.id === rule.id && fault.applied > 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Waits until the emulator has answered (and logged) every request numbered after `since` up to `upTo`. */
  async waitForAnswers(since: number, upTo: number): Promise<void> {
    for (;;) {
      const { requests } = await this.call<{ requests: { seq: number }[] }>(
        "GET",
        `/_emulator/requests?since=${since}`,
      );
      const logged = new Set(requests.map((request) => request.seq));
      let missing = false;
      for (let seq = since + 1; seq <= upTo && !missing; seq++) missing = !logged.has(seq);
      if (!missing) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async lastSeq(): Promise<number> {
    return (await this.call<{ lastSeq: number }>("GET", "/_emulator/requests?path=/_nothing"))
      .lastSeq;
  }

  /** Graph requests (not control or identity ones) logged after `since`. */
  async graphRequests(since: number): Promise<GraphLogEntry[]> {
    const query = new URLSearchParams({ since: String(since), path: "/v1.0/" });
    return (await this.call<{ requests: GraphLogEntry[] }>("GET", `/_emulator/requests?${query}`))
      .requests;
  }

  /** Reprocess calls logged after `since`, each with the user it was for. */
  async writes(since: number): Promise<LoggedWrite[]> {
    return (await this.graphRequests(since)).flatMap((entry) => {
      const userId = REPROCESS_PATH.exec(entry.path)?.[1];
      return userId && entry.method === "POST" ? [{ ...entry, userId }] : [];
    });
  }
}
