import { findCatalogProduct } from "../../licensing/catalog";
import { processTenant } from "../../licensing/engine";
import type { Group, Sku, Tenant, User } from "../../tenant/model";

export const TEST_TENANT_ID = "9b1f4c2e-3d5a-4e6b-8c7d-0e1f2a3b4c5d";
export const E3_SKU_ID = "6fd2c87f-b296-42f0-b197-1e91e994b900";
export const EXCHANGE_SKU_ID = "4b9405b0-7788-4568-add1-99614e613b69";

const DOMAIN = "fabrikam.test";
const CREATED = "2026-01-05T09:00:00Z";

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
const fixedId = (kind: number, n: number) => `${hex(kind, 8)}-0000-4000-8000-${hex(n, 12)}`;

function sku(partNumber: string, prepaid: number, index: number): Sku {
  const product = findCatalogProduct(partNumber);
  if (!product) throw new Error(`no catalog product ${partNumber}`);
  return {
    skuId: product.skuId,
    skuPartNumber: product.skuPartNumber,
    appliesTo: "User",
    capabilityStatus: "Enabled",
    prepaidUnits: { enabled: prepaid, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: structuredClone(product.servicePlans),
    subscriptionIds: [fixedId(3, index)],
    notSoldIn: [...product.notSoldIn],
  };
}

function group(n: number, displayName: string, skuIds: string[]): Group {
  const mailNickname = displayName.replace(/\W+/g, "").toLowerCase();
  return {
    id: fixedId(2, n),
    displayName,
    description: `${displayName} (Graph test group)`,
    mailNickname,
    mail: null,
    mailEnabled: false,
    securityEnabled: true,
    groupTypes: [],
    createdDateTime: CREATED,
    memberIds: [],
    assignedLicenses: skuIds.map((skuId) => ({ skuId, disabledPlans: [] })),
    licenseProcessingState: "QueuedForProcessing",
  };
}

const DEPARTMENTS = ["Sales", "Finance", "Engineering"];

function user(n: number): User {
  const alias = `user${String(n).padStart(3, "0")}`;
  const upn = `${alias}@${DOMAIN}`;
  return {
    id: fixedId(1, n),
    userPrincipalName: upn,
    displayName: `Test User ${String(n).padStart(3, "0")}`,
    givenName: "Test",
    surname: `User ${n}`,
    mail: upn,
    jobTitle: n % 2 === 0 ? "Analyst" : "Engineer",
    department: DEPARTMENTS[n % DEPARTMENTS.length]!,
    officeLocation: null,
    city: "Oslo",
    country: "Norway",
    accountEnabled: n % 10 !== 0,
    usageLocation: "NO",
    proxyAddresses: [`SMTP:${upn}`],
    createdDateTime: CREATED,
    password: "Test-Pass-1!",
    directoryRoleIds: [],
    appRoleAssignments: {},
    directLicenses: [],
    listedForSignIn: false,
    blockedForOtherReason: false,
    licenseAssignmentStates: [],
    assignedLicenses: [],
    assignedPlans: [],
  };
}

/**
 * A small directory for Graph tests (under 50 users: Graph's "small" tenant): users 1–4 are in
 * "E3 users" with 3 seats, so user 4 gets CountViolation; user 5 has no usage location and is
 * in "Exchange users", so it gets ProhibitedInUsageLocationViolation; "Sales" licenses nothing.
 */
export function graphTestTenant(userCount = 12): Tenant {
  const users = Array.from({ length: userCount }, (_, i) => user(i + 1));
  users[4]!.usageLocation = null;
  const e3 = group(1, "E3 users", [E3_SKU_ID]);
  const exchange = group(2, "Exchange users", [EXCHANGE_SKU_ID]);
  const sales = group(3, "Sales", []);
  e3.memberIds = users.slice(0, 4).map((u) => u.id);
  exchange.memberIds = users.slice(4, 6).map((u) => u.id);
  sales.memberIds = users.filter((u) => u.department === "Sales").map((u) => u.id);
  const tenant: Tenant = {
    id: TEST_TENANT_ID,
    displayName: "Fabrikam Test",
    defaultDomain: DOMAIN,
    countryLetterCode: "NO",
    apps: [],
    skus: [sku("ENTERPRISEPACK", 3, 1), sku("EXCHANGESTANDARD", 10, 2)],
    groups: [e3, exchange, sales],
    users,
  };
  processTenant(tenant, new Date(CREATED));
  return tenant;
}
