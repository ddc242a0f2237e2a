/** Throttling buckets, injected faults and latency for Graph traffic. */
export class TrafficControl {
  reset(): void {}
}
