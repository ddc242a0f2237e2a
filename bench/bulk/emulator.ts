import { type EmulatorProcess, startEmulatorProcess } from "@/lib/server/testing/emulator-process";
import {
  EmulatorControl,
  type EmulatorLimits,
  type EmulatorUserFix,
} from "@/lib/testing/emulator-control";

/** The emulator's limits, as its control API takes them. */
export type LimitShape = Omit<EmulatorLimits, "enabled">;

// Each cause the generator uses, removed; E3 assigned directly covers the archive add-on's dependency.
const FIX: EmulatorUserFix = {
  usageLocation: "US",
  proxyAddresses: [],
  blockedForOtherReason: false,
  directLicenses: [{ sku: "ENTERPRISEPACK", disabledPlans: [] }],
};

/** The emulator as a separate process, driven over HTTP only through its control client. */
export class BenchEmulator {
  readonly client: EmulatorControl;

  private constructor(private readonly process: EmulatorProcess) {
    this.client = new EmulatorControl(process.url);
  }

  static async start(): Promise<BenchEmulator> {
    return new BenchEmulator(await startEmulatorProcess());
  }

  get url(): string {
    return this.process.url;
  }

  stop(): Promise<void> {
    return this.process.stop();
  }

  /** Any control call, through the one client. */
  control<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.client.call<T>(method, path, body);
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
    const { client } = this;
    const { usersInError } = await client.generate({
      users: options.inError * 3 + 100,
      groups: 20,
      usersInError: options.inError,
      seed: 2026,
    });
    const ids = usersInError.map((u) => u.id);
    for (const id of ids) await client.patchUser(id, FIX);
    await client.addSeats("POWER_BI_PRO", options.inError);
    await client.clearGraphFaults();
    await client.setLatency(options.latencyMs);
    await client.setLimits({ enabled: true, ...options.limits });
    await client.clearRequests();
    return ids;
  }

  /** Users of `ids` still in error now. */
  async stillInError(ids: readonly string[]): Promise<number> {
    const { usersInError } = await this.client.state();
    const wanted = new Set(ids);
    return usersInError.filter((u) => wanted.has(u.id)).length;
  }

  /** Graph requests answered since the log was cleared: `$batch` items count, envelopes do not. */
  async requestCounts(): Promise<{
    requests: number;
    throttled: number;
    /** When the first and the last accepted reprocess reached the emulator. */
    writes: { first: number; last: number };
  }> {
    const graph = (await this.client.graphRequests()).filter((r) => !/\/\$batch$/i.test(r.path));
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
