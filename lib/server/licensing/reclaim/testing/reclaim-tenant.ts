import "server-only";
import type { TestEmulator } from "@/lib/server/testing/emulator";
import { LICENSEDESK_GRAPH_PERMISSIONS, seedOwnTenant } from "@/lib/testing/seed-tenant";

// Test tooling: a tenant of the reclaim tests' own, with Power BI Pro held by disabled accounts, by
// enabled accounts signed in long ago, recently or never, and by nobody else.

const DAY_MS = 24 * 60 * 60 * 1000;
/** As Graph writes it: whole seconds, no fraction. */
export const PROCESSED_AT = "2026-11-02T08:00:00Z";
export const REPORT_AUTHORS = "Report authors";
const DOMAIN = "contoso.onmicrosoft.com";

const upn = (name: string) => `${name.toLowerCase().replace(" ", ".")}@${DOMAIN}`;
/** Whole seconds, as Graph writes date-times. */
const daysAgo = (days: number) =>
  new Date(Math.floor((Date.now() - days * DAY_MS) / 1000) * 1000).toISOString();

const POWER_BI = [{ sku: "POWER_BI_PRO" }];

/** Who holds what, and when each last signed in (null: never). */
function people() {
  const person = (
    name: string,
    accountEnabled: boolean,
    lastSignIn: string | null,
    through: { direct?: boolean; group?: boolean; sku?: string },
  ) => ({
    userPrincipalName: upn(name),
    displayName: name,
    usageLocation: "US",
    accountEnabled,
    lastSignInDateTime: lastSignIn,
    groups: through.group ? [REPORT_AUTHORS] : [],
    licenses: through.sku ? [{ sku: through.sku }] : through.direct ? POWER_BI : [],
  });
  return {
    dana: person("Dana Disabled", false, daysAgo(400), { direct: true }),
    dirk: person("Dirk Disabled", false, null, { group: true }),
    // Disabled yesterday, after a sign-in that morning: listed as disabled, never as inactive.
    dora: person("Dora Disabled", false, daysAgo(1), { direct: true, group: true }),
    ivan: person("Ivan Inactive", true, daysAgo(200), { direct: true }),
    ines: person("Ines Inactive", true, daysAgo(100), { group: true }),
    nora: person("Nora Never", true, null, { group: true }),
    mona: person("Mona Month", true, daysAgo(30), { direct: true }),
    rita: person("Rita Recent", true, daysAgo(3), { group: true }),
    // Long gone, but holding another product only.
    otto: person("Otto Other", false, daysAgo(500), { sku: "ENTERPRISEPACK" }),
    olga: person("Olga Other", true, daysAgo(500), { sku: "ENTERPRISEPACK" }),
  };
}

export type ReclaimPeople = ReturnType<typeof people>;

/** Seeds the tenant; answers the people and Power BI Pro's skuId. */
export async function seedReclaimTenant(
  t: TestEmulator,
): Promise<{ people: ReclaimPeople; powerBiSkuId: string }> {
  const seeded = people();
  const state = await seedOwnTenant(t.client, {
    skus: [
      { partNumber: "POWER_BI_PRO", prepaid: 20 },
      { partNumber: "ENTERPRISEPACK", prepaid: 10 },
    ],
    groups: [{ name: REPORT_AUTHORS, licenses: POWER_BI }],
    users: Object.values(seeded),
    processedAt: PROCESSED_AT,
  });
  const powerBi = state.skus.find((sku) => sku.skuPartNumber === "POWER_BI_PRO");
  if (!powerBi) throw new Error("The seeded tenant has no Power BI Pro.");
  return { people: seeded, powerBiSkuId: powerBi.skuId };
}

/** Grants or takes back the API app's AuditLog.Read.All; tokens minted afterwards carry the change. */
export async function grantSignInActivity(t: TestEmulator, granted: boolean): Promise<void> {
  const { apps } = await t.client.tenant();
  await t.client.setAppPermissions(apps.api!.clientId, {
    graphDelegatedPermissions: [
      ...LICENSEDESK_GRAPH_PERMISSIONS,
      ...(granted ? ["AuditLog.Read.All"] : []),
    ],
  });
}
