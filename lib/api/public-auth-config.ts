import type { AuthMode } from "./me";

/** What the browser needs to sign in: no secrets, built on the server at request time. */
export interface PublicAuthConfig {
  mode: AuthMode;
  tenantId: string;
  tenantDisplayName: string;
  spaClientId: string;
  /** The delegated scope the SPA asks for, e.g. `api://{apiClientId}/access_as_user`. */
  apiScope: string;
  authority: string;
  knownAuthorities: string[];
  /** JSON of an openid-configuration document; set in emulator mode so MSAL never looks the authority up. */
  authorityMetadata?: string;
  /** Resolved by MSAL against the page's origin, so one build serves localhost and 127.0.0.1 alike. */
  redirectPath: string;
  postLogoutRedirectPath: string;
}
