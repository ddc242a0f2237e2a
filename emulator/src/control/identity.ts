import type { Route } from "../http/types";

/** Control API for identity: the tenant's public description and token minting. */
export const identityControlRoutes: Route[] = [];
