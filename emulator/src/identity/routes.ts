import { route } from "../http/router";
import type { Route } from "../http/types";
import { authorize } from "./authorize";
import { getInstanceDiscovery, getJwks, getOpenidConfiguration } from "./discovery";
import { logout } from "./logout";
import { signIn } from "./sign-in";
import { token, tokenWrongMethod } from "./token";

/** Entra v2 endpoints under `/{tenant}/` (tenant id, default domain, `common` or `organizations`). */
export const identityRoutes: Route[] = [
  route("GET", "/:tenant/v2.0/.well-known/openid-configuration", getOpenidConfiguration),
  route("GET", "/:tenant/.well-known/openid-configuration", getOpenidConfiguration),
  route("GET", "/:tenant/discovery/v2.0/keys", getJwks),
  route("GET", "/:tenant/discovery/keys", getJwks),
  route("GET", "/:tenant/discovery/instance", getInstanceDiscovery),
  route("GET", "/:tenant/oauth2/v2.0/authorize", authorize),
  route("POST", "/:tenant/oauth2/v2.0/authorize", authorize),
  route("POST", "/:tenant/login", signIn),
  route("POST", "/:tenant/oauth2/v2.0/token", token),
  route("GET", "/:tenant/oauth2/v2.0/token", tokenWrongMethod),
  route("GET", "/:tenant/oauth2/v2.0/logout", logout),
  route("POST", "/:tenant/oauth2/v2.0/logout", logout),
];
