import type { EmulatorConfig } from "../config";

export interface IdentityEndpoints {
  openidConfiguration: string;
  authorization: string;
  token: string;
  logout: string;
  jwks: string;
}

/** The identity endpoints on the emulator's own origin for a published tenant segment. */
export function identityEndpoints(config: EmulatorConfig, segment: string): IdentityEndpoints {
  const base = `${config.publicUrl}/${segment}`;
  return {
    openidConfiguration: `${base}/v2.0/.well-known/openid-configuration`,
    authorization: `${base}/oauth2/v2.0/authorize`,
    token: `${base}/oauth2/v2.0/token`,
    logout: `${base}/oauth2/v2.0/logout`,
    jwks: `${base}/discovery/v2.0/keys`,
  };
}

/** The v2 issuer; multi-tenant segments publish Entra's `{tenantid}` template instead of an id. */
export const v2Issuer = (config: EmulatorConfig, tenantIdOrTemplate: string): string =>
  `${config.issuerBase}/${tenantIdOrTemplate}/v2.0`;

/** The v1 issuer that Graph and other v1 tokens carry. */
export const v1Issuer = (tenantId: string): string => `https://sts.windows.net/${tenantId}/`;
