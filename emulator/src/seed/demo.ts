import type { Tenant } from "../tenant/model";

/** The seeded demo tenant. */
export function buildDemoTenant(): Tenant {
  return {
    id: "5f3b7c1e-2a4d-4e8f-9b6a-1c2d3e4f5a6b",
    displayName: "Contoso",
    defaultDomain: "contoso.onmicrosoft.com",
    countryLetterCode: "US",
    apps: [],
    skus: [],
    groups: [],
    users: [],
  };
}
