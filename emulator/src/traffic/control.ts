import { FaultRules } from "./faults";
import { defaultLimits, type TrafficLimits } from "./limits";
import { Throttler } from "./throttle";

/** Throttling buckets, injected faults and latency for Graph traffic. */
export class TrafficControl {
  limits: TrafficLimits = defaultLimits();
  /** Added before every Graph request over the wire is answered. */
  latencyMs = 0;
  readonly throttler = new Throttler();
  readonly faults = new FaultRules();

  /** New limits start from full buckets, so a test's arithmetic does not depend on earlier traffic. */
  setLimits(limits: TrafficLimits): void {
    this.limits = limits;
    this.throttler.reset();
  }

  reset(): void {
    this.limits = defaultLimits();
    this.latencyMs = 0;
    this.throttler.reset();
    this.faults.clear();
  }
}
