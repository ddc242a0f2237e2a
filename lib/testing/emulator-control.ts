// Test and bench tooling (no app code imports it): the one client of the emulator's control API.
import type {
  CloudLicensingApi,
  EmulatorConfig,
  EmulatorConfigPatch,
  EmulatorGroup,
  EmulatorLicense,
  EmulatorLimits,
  EmulatorLimitsPatch,
  EmulatorMemberChange,
  EmulatorNewUser,
  EmulatorSku,
  EmulatorState,
  EmulatorTenant,
  EmulatorTime,
  EmulatorUser,
  EmulatorUserFix,
  GenerateOptions,
  GraphFault,
  GraphFaultRule,
  IdentityFaults,
  LoggedRequest,
  MintRequest,
} from "./emulator-types";

export type * from "./emulator-types";

/** `PATCH /_emulator/users/{id}` body that removes every cause the emulator knows: a reprocess then resolves. */
export const EVERY_CAUSE_FIXED = {
  usageLocation: "US",
  proxyAddresses: [],
  blockedForOtherReason: false,
  directLicenses: [],
} satisfies EmulatorUserFix;

/** Graph traffic in the request log, as opposed to identity and control requests. */
export const isGraphRequest = (request: Pick<LoggedRequest, "path">) =>
  /^\/(v1\.0|beta)\//i.test(request.path);

const key = (value: string) => encodeURIComponent(value);

/** The emulator's control API (`/_emulator/*`) on `baseUrl`, over plain fetch; every non-2xx throws. */
export class EmulatorControl {
  constructor(readonly baseUrl: string) {}

  /** Any control call: the parsed answer, undefined when there is none. */
  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  // The directory.

  tenant(): Promise<EmulatorTenant> {
    return this.call("GET", "/_emulator/tenant");
  }

  /**
   * Back to the demo tenant (or the last seed), with no sessions, faults, limits or latency left;
   * `everything` also puts the settings back to their defaults and empties the request log.
   */
  reset(
    options: { to?: "demo" | "last"; everything?: boolean } = { to: "demo" },
  ): Promise<EmulatorState> {
    return this.call("POST", "/_emulator/reset", options);
  }

  /** Loads a JSON tenant description (the emulator's seed schema). */
  seed(description: object): Promise<EmulatorState> {
    return this.call("POST", "/_emulator/seed", description);
  }

  generate(options: GenerateOptions): Promise<EmulatorState> {
    return this.call("POST", "/_emulator/generate", options);
  }

  state(): Promise<EmulatorState> {
    return this.call("GET", "/_emulator/state");
  }

  /** One user by id or user principal name. */
  user(user: string): Promise<EmulatorUser> {
    return this.call("GET", `/_emulator/users/${key(user)}`);
  }

  /** Changes a user's causes; the results wait for a reprocess, as in Entra. */
  patchUser(user: string, fix: EmulatorUserFix): Promise<EmulatorUser> {
    return this.call("PATCH", `/_emulator/users/${key(user)}`, fix);
  }

  /** A new joiner in its groups, processed at once (or `at`): their licenses apply or fail. */
  createUser(user: EmulatorNewUser): Promise<EmulatorUser> {
    return this.call("POST", "/_emulator/users", user);
  }

  /**
   * What a reprocess does, at once, stamped `at` (now by default): states it changes get that time,
   * so users can wait "since" different moments without sleeping.
   */
  processUser(user: string, options: { at?: EmulatorTime } = {}): Promise<EmulatorUser> {
    return this.call("POST", `/_emulator/users/${key(user)}/process`, options);
  }

  /** Buys (or, negative, cancels) seats of a product, e.g. `addSeats("POWER_BI_PRO", 10)`. */
  addSeats(sku: string, add: number): Promise<EmulatorSku> {
    return this.call("POST", `/_emulator/skus/${key(sku)}/seats`, { add });
  }

  setSeats(sku: string, enabled: number): Promise<EmulatorSku> {
    return this.call("POST", `/_emulator/skus/${key(sku)}/seats`, { enabled });
  }

  /** Adds and removes members by id or UPN; Entra processes membership changes at once (here `at`, if given). */
  changeMembers(group: string, members: EmulatorMemberChange): Promise<EmulatorGroup> {
    return this.call("POST", `/_emulator/groups/${key(group)}/members`, members);
  }

  setGroupLicenses(group: string, licenses: EmulatorLicense[]): Promise<EmulatorGroup> {
    return this.call("PUT", `/_emulator/groups/${key(group)}/licenses`, { licenses });
  }

  /** Consent granted or taken back: tokens issued from now on carry the app's new Graph permissions. */
  setAppPermissions(
    appId: string,
    permissions: { graphDelegatedPermissions?: string[]; graphApplicationPermissions?: string[] },
  ): Promise<{
    appId: string;
    graphDelegatedPermissions: string[];
    graphApplicationPermissions: string[];
  }> {
    return this.call("PATCH", `/_emulator/apps/${key(appId)}`, permissions);
  }

  // Settings, throttling and faults.

  config(): Promise<EmulatorConfig> {
    return this.call("GET", "/_emulator/config");
  }

  updateConfig(patch: EmulatorConfigPatch): Promise<EmulatorConfig> {
    return this.call("PATCH", "/_emulator/config", patch);
  }

  /** Makes the beta cloud licensing API answer as a tenant without it would (`forbidden`, `notFound`). */
  setCloudLicensingApi(mode: CloudLicensingApi): Promise<EmulatorConfig> {
    return this.updateConfig({ cloudLicensingApi: mode });
  }

  limits(): Promise<EmulatorLimits & { tenantSize: string }> {
    return this.call("GET", "/_emulator/limits");
  }

  /** Graph's limits, e.g. a smaller write bucket; buckets start full. */
  setLimits(patch: EmulatorLimitsPatch): Promise<EmulatorLimits> {
    return this.call("PUT", "/_emulator/limits", patch);
  }

  /** Every Graph answer takes this long. */
  async setLatency(ms: number): Promise<void> {
    await this.call("PUT", "/_emulator/latency", { ms });
  }

  graphFaults(): Promise<{ latencyMs: number; faults: GraphFaultRule[] }> {
    return this.call("GET", "/_emulator/faults");
  }

  /** Scripts a Graph failure, e.g. a 429 on one user's reprocessLicenseAssignment. */
  injectGraphFault(fault: GraphFault): Promise<GraphFaultRule> {
    return this.call("POST", "/_emulator/faults", fault);
  }

  async clearGraphFaults(): Promise<void> {
    await this.call("DELETE", "/_emulator/faults");
  }

  identityFaults(): Promise<IdentityFaults> {
    return this.call("GET", "/_emulator/identity/faults");
  }

  /** Scripts identity failures, e.g. `{ refreshToken: { error: "invalid_grant", untilCleared: true } }`. */
  injectIdentityFaults(faults: IdentityFaults): Promise<IdentityFaults> {
    return this.call("POST", "/_emulator/identity/faults", faults);
  }

  async clearIdentityFaults(): Promise<void> {
    await this.call("DELETE", "/_emulator/identity/faults");
  }

  /** A token the emulator signs with chosen claims, algorithm or key. */
  mint(request: MintRequest): Promise<{ token: string; claims: Record<string, unknown> }> {
    return this.call("POST", "/_emulator/tokens", request);
  }

  // The request log.

  /** The sequence number of the last request the emulator has seen; pass it as `since` later. */
  async lastSeq(): Promise<number> {
    // A path nothing has, so the answer carries lastSeq without the whole log.
    const { lastSeq } = await this.call<{ lastSeq: number }>(
      "GET",
      "/_emulator/requests?path=/_nothing",
    );
    return lastSeq;
  }

  /** Requests logged after `since` whose path contains `path` (case-insensitive). */
  async requests(
    filter: { since?: number; path?: string; method?: string } = {},
  ): Promise<LoggedRequest[]> {
    const query = new URLSearchParams();
    if (filter.since !== undefined) query.set("since", String(filter.since));
    if (filter.path !== undefined) query.set("path", filter.path);
    if (filter.method !== undefined) query.set("method", filter.method);
    const { requests } = await this.call<{ requests: LoggedRequest[] }>(
      "GET",
      `/_emulator/requests?${query}`,
    );
    return requests;
  }

  /** Graph requests (not identity or control ones) logged after `since`. */
  async graphRequests(since = 0): Promise<LoggedRequest[]> {
    return (await this.requests({ since })).filter(isGraphRequest);
  }

  async clearRequests(): Promise<void> {
    await this.call("DELETE", "/_emulator/requests");
  }
}
