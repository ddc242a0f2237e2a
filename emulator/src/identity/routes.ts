import type { Route } from "../http/types";

/** Entra v2 endpoints under `/{tenant}/`. */
export const identityRoutes: Route[] = [];
