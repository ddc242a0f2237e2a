import type { Route } from "../http/types";
import { configControlRoutes } from "./config";
import { identityControlRoutes } from "./identity";
import { logControlRoutes } from "./log";
import { tenantControlRoutes } from "./tenant";
import { trafficControlRoutes } from "./traffic";

/** Everything under `/_emulator`, answered to loopback callers only. */
export const controlRoutes: Route[] = [
  ...tenantControlRoutes,
  ...trafficControlRoutes,
  ...identityControlRoutes,
  ...logControlRoutes,
  ...configControlRoutes,
];
