import { defaultConfig, type EmulatorConfig } from "./config";
import { RequestLog } from "./http/request-log";
import { KeyStore } from "./identity/keys";
import { IdentityStore } from "./identity/store";
import { LicensingRuntime } from "./licensing/runtime";
import type { Tenant } from "./tenant/model";
import { TrafficControl } from "./traffic/control";

/** Everything the emulator knows; one instance per running emulator. */
export class EmulatorState {
  readonly log = new RequestLog();
  readonly identity = new IdentityStore();
  readonly traffic = new TrafficControl();
  readonly licensing = new LicensingRuntime();

  private constructor(
    public tenant: Tenant,
    readonly keys: KeyStore,
    readonly config: EmulatorConfig,
  ) {}

  static async create(tenant: Tenant, publicUrl: string): Promise<EmulatorState> {
    return new EmulatorState(tenant, await KeyStore.create(), defaultConfig(publicUrl));
  }

  /** Swaps in a new directory and forgets sessions, pending work, faults and limits state. */
  replaceTenant(tenant: Tenant): void {
    this.licensing.reset();
    this.identity.reset();
    this.traffic.reset();
    this.tenant = tenant;
  }

  /** Token lifetimes, issuer and reprocess delay back to their defaults; the origin stays. */
  resetConfig(): void {
    Object.assign(this.config, defaultConfig(this.config.publicUrl));
  }

  /** The v2 issuer for this tenant, e.g. `https://login.microsoftonline.com/{tid}/v2.0`. */
  get issuer(): string {
    return `${this.config.issuerBase}/${this.tenant.id}/v2.0`;
  }
}
