import { type EmulatorProcess, startEmulatorProcess } from "@/lib/server/testing/emulator-process";
import { callEmulatorControl } from "@/lib/testing/emulator-control";

/** The emulator's limits, as its control API takes them. */
export interface LimitShape {
  timeScale: number;
  resourceUnits: { small: number; medium: number; large: number; windowSeconds: number };
  appTenantWrites: { limit: number; windowSeconds: number };
  tenantWrites: { limit: number; windowSeconds: number };
}

interface LoggedRequest {
  seq: number;
  time: string;
  method: string;
  path: string;
  status: number;
  batchSeq?: number;
}

// Each cause the generator uses, removed; E3 assigned directly covers the archive add-on's dependency.
const FIX = {
  usageLocation: "US",
  proxyAddresses: [],
  blockedForOtherReason: false,
  directLicenses: [{ sku: "ENTERPRISEPACK", disabledPlans: [] }],
};

/** The emulator as a separate process, driven over HTTP only. */
export class BenchEmulator {
  private constructor(private readonly process: EmulatorProcess) {}

  static async start(): Promise<BenchEmulator> {
    return new BenchEmulator(await startEmulatorProcess());
  }

  get url(): string {
    return this.process.url;
  }

  stop(): Promise<void> {
    return this.process.stop();
  }

  async control<T>(method: string, path: string, body?: unknown): Promise<T> {
    return callEmulatorControl<T>(this.url, method, path, body);
  }

  /**
   * A fresh tenant with `inError` users in error whose causes are then fixed, so that a reprocess resolves
   * each of them; fresh limits (full buckets), latency, no faults. Returns the ids of the users in error.
   */
  async freshTenant(options: {
    inError: number;
    limits: LimitShape;
    latencyMs: number;
  }): Promise<string[]> {
    await this.control("POST", "/_emulator/generate", {
      users: options.inError * 3 + 100,
      groups: 20,
      usersInError: options.inError,
      seed: 2026,
    });
    const state = await this.control<{ usersInError: { id: string }[] }>("GET", "/_emulator/state");
    const ids = state.usersInError.map((u) => u.id);
    for (const id of ids) await this.control("PATCH", `/_emulator/users/${id}`, FIX);
    await this.control("POST", "/_emulator/skus/POWER_BI_PRO/seats", { add: options.inError });
    await this.control("DELETE", "/_emulator/faults");
    await this.control("PUT", "/_emulator/latency", { ms: options.latencyMs });
    await this.control("PUT", "/_emulator/limits", { enabled: true, ...options.limits });
    await this.control("DELETE", "/_emulator/requests");
    return ids;
  }

  /** Users of `ids` still in error now. */
  async stillInError(ids: readonly string[]): Promise<number> {
    const state = await this.control<{ usersInError: { id: string }[] }>("GET", "/_emulator/state");
    const wanted = new Set(ids);
    return state.usersInError.filter((u) => wanted.has(u.id)).length;
  }

  /** Graph requests answered since the log was cleared: `$batch` items count, envelopes do not. */
  async requestCounts(): Promise<{
    requests: number;
    throttled: number;
    /** When the first and the last accepted reprocess reached the emulator. */
    writes: { first: number; last: number };
  }> {
    const { requests } = await this.control<{ requests: LoggedRequest[] }>(
      "GET",
      "/_emulator/requests?since=0",
    );
    const graph = requests.filter(
      (r) => /^\/(v1\.0|beta)\//i.test(r.path) && !/\/\$batch$/i.test(r.path),
    );
    const written = graph
      .filter(
        (r) =>
          r.method === "POST" && r.status < 300 && r.path.endsWith("reprocessLicenseAssignment"),
      )
      .map((r) => Date.parse(r.time));
    return {
      requests: graph.length,
      throttled: graph.filter((r) => r.status === 429).length,
      writes: { first: Math.min(...written), last: Math.max(...written) },
    };
  }
}
