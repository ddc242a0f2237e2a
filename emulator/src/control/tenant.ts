import type { Route } from "../http/types";

/** Control API for the directory: reset, seed, generate, state, fixes. */
export const tenantControlRoutes: Route[] = [];
