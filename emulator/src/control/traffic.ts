import type { Route } from "../http/types";

/** Control API for throttling limits, latency and faults. */
export const trafficControlRoutes: Route[] = [];
