import type { Tenant } from "../tenant/model";
import { buildTenantFrom, groupMailOf } from "./build";
import { DEMO_DOMAIN, DEMO_PASSWORD, DEMO_TENANT_ID, demoAccounts, demoApps } from "./demo";
import { asciiAlias, DEPARTMENTS, NAMES, OFFICES } from "./demo-people";
import { SeedError } from "./errors";
import {
  type GroupDescriptionInput,
  type TenantDescription,
  tenantDescriptionSchema,
  type UserDescription,
} from "./schema";

export interface GenerateOptions {
  /** Users in the directory, the six sign-in accounts included. */
  users: number;
  /** Groups: three with licenses (E3 for all staff, archive add-on, Power BI), the rest teams. */
  groups: number;
  /** Users left in error through a group, spread evenly over the six error codes. */
  usersInError: number;
  /**
   * Users whose only failing assignment is a direct license (no group has members in error because
   * of them), spread over CountViolation, ProhibitedInUsageLocationViolation and
   * MutuallyExclusiveViolation; part of `users`. 0 when absent.
   */
  directErrors?: number;
  /**
   * Of the users in error for a duplicate address, how many share it with a mail-enabled team group or
   * an organizational contact instead of a disabled former employee (the first ones, in that order).
   * None when absent, so tenants generated without it stay as they were.
   */
  duplicateHolders?: { groups?: number; contacts?: number };
  /** Same seed, same tenant. */
  seed: number;
}

const CODES = ["Prohibited", "Other", "Uniqueness", "Mutex", "Dependency", "Count"] as const;
type Cause = (typeof CODES)[number];
/** Causes a direct license can fail for on its own. */
const DIRECT_CODES = ["Count", "Prohibited", "Mutex"] as const;

const GROUP = {
  allStaff: "All staff – Office 365 E3",
  archive: "Exchange archive add-on",
  powerBi: "Power BI users",
};

/** mulberry32: a small, fast, seedable PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(items: readonly T[], next: () => number): T => {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
};

/** `total` spread evenly over `causes`, the first ones taking the remainder. */
function quotas(total: number, causes: readonly Cause[] = CODES): Map<Cause, number> {
  const n = causes.length;
  return new Map(
    causes.map((c, i) => [c, Math.floor(total / n) + (i < total % n ? 1 : 0)] as const),
  );
}

/** Which employees fail and why: positions drawn by the PRNG so errors spread over the directory. */
function drawCauses(employees: number, q: Map<Cause, number>, next: () => number): Cause[] {
  const causes: (Cause | undefined)[] = Array.from({ length: employees }, () => undefined);
  const positions = Array.from({ length: employees }, (_, i) => i);
  for (let i = positions.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [positions[i], positions[j]] = [positions[j] ?? 0, positions[i] ?? 0];
  }
  let k = 0;
  for (const cause of CODES) {
    if (cause === "Count") continue;
    for (let n = 0; n < (q.get(cause) ?? 0); n++) causes[positions[k++] ?? 0] = cause;
  }
  return causes as Cause[];
}

/** A deterministic large Contoso: same tenant id, apps and sign-in accounts as the demo. */
export function generateTenant(options: GenerateOptions): Tenant {
  return buildTenantFrom(generateDescription(options));
}

// Built already parsed: zod would spend longer on 10,000 users than building them does.
const person = (
  fields: Partial<UserDescription> &
    Pick<UserDescription, "userPrincipalName" | "displayName" | "usageLocation">,
): UserDescription => ({
  givenName: null,
  surname: null,
  jobTitle: null,
  department: null,
  officeLocation: null,
  city: null,
  country: null,
  accountEnabled: true,
  lastSignInDateTime: null,
  groups: [],
  licenses: [],
  directoryRoles: [],
  appRoles: [],
  password: DEMO_PASSWORD,
  listedForSignIn: false,
  blockedForOtherReason: false,
  ...fields,
});

/** The description of the generated tenant (see generateTenant). */
export function generateDescription(options: GenerateOptions): TenantDescription {
  const { users, groups, usersInError, seed, directErrors = 0 } = options;
  const q = quotas(usersInError);
  const employees = users - demoAccounts.length - (q.get("Uniqueness") ?? 0) - directErrors;
  if (groups < 3) throw new SeedError("groups: at least 3 (the licensed groups).");
  if (usersInError + directErrors > Math.floor(users / 3)) {
    throw new SeedError("usersInError and directErrors: together at most a third of the users.");
  }
  if (employees < 1) throw new SeedError("users: too few for the sign-in accounts and errors.");

  const next = random(seed);
  const causes = drawCauses(employees, q, next);
  const teams = Array.from(
    { length: groups - 3 },
    (_, i) => `Team ${String(i + 1).padStart(3, "0")}`,
  );
  const clean = causes.flatMap((c, i) => (c === undefined ? [i] : []));
  // Seats run out for the last members in directory order: those are the Count errors.
  const powerBiSize = Math.min(
    clean.length,
    Math.max(2 * (q.get("Count") ?? 0), Math.ceil(employees / 10)),
  );
  const powerBi = new Set(
    clean
      .filter((_, n) => n % Math.max(1, Math.floor(clean.length / powerBiSize)) === 0)
      .slice(0, powerBiSize),
  );
  const counted = Math.min(q.get("Count") ?? 0, Math.max(0, powerBi.size - 1));

  // john.smith, john.smith2, john.smith3... as directories name namesakes.
  const namesakes = new Map<string, number>(
    demoAccounts.map((a) => [a.userPrincipalName.split("@")[0] ?? "", 1]),
  );
  const aliasFor = (first: string, last: string) => {
    const base = `${asciiAlias(first)}.${asciiAlias(last)}`;
    const n = (namesakes.get(base) ?? 0) + 1;
    namesakes.set(base, n);
    return n === 1 ? base : `${base}${n}`;
  };

  /** A new employee's office and name, drawn from the PRNG. */
  const newcomer = () => {
    const office = pick(OFFICES, next);
    const pool = NAMES[office.pool];
    const givenName = pick(pool.first, next);
    const surname = pick(pool.last, next);
    const alias = aliasFor(givenName, surname);
    return { office, pool, givenName, surname, alias, upn: `${alias}@${DEMO_DOMAIN}` };
  };

  const formers: UserDescription[] = [];
  const staff = causes.map((cause, i): UserDescription => {
    const { office, pool, givenName, surname, alias, upn } = newcomer();
    const department = DEPARTMENTS[i % DEPARTMENTS.length] ?? "Sales";
    const proxyAddresses = [`SMTP:${upn}`];
    if (cause === "Uniqueness") {
      const shared = `${alias[0] ?? "x"}${asciiAlias(surname)}${i}@${DEMO_DOMAIN}`;
      proxyAddresses.push(`smtp:${shared}`);
      const formerName = pick(pool.first, next);
      const former = aliasFor(formerName, surname);
      formers.push(
        person({
          userPrincipalName: `${former}@${DEMO_DOMAIN}`,
          displayName: `${formerName} ${surname}`,
          givenName: formerName,
          surname,
          accountEnabled: false,
          usageLocation: office.usageLocation,
          proxyAddresses: [`SMTP:${former}@${DEMO_DOMAIN}`, `smtp:${shared}`],
        }),
      );
    }
    const memberOf = [teams.length > 0 ? teams[i % teams.length] : undefined].filter(
      (g): g is string => g !== undefined,
    );
    if (cause !== "Dependency") memberOf.push(GROUP.allStaff);
    if (cause === "Dependency" || (cause === undefined && i % 7 === 0))
      memberOf.push(GROUP.archive);
    if (powerBi.has(i)) memberOf.push(GROUP.powerBi);
    return person({
      userPrincipalName: upn,
      displayName: `${givenName} ${surname}`,
      givenName,
      surname,
      department,
      city: office.city,
      country: office.country,
      officeLocation: office.city,
      usageLocation: cause === "Prohibited" ? null : office.usageLocation,
      proxyAddresses,
      groups: memberOf,
      licenses: cause === "Mutex" ? [{ sku: "EXCHANGESTANDARD", disabledPlans: [] }] : [],
      blockedForOtherReason: cause === "Other",
    });
  });

  // Drawn after everyone else, so tenants without direct errors stay as they were.
  const teamOf = (i: number) => (teams.length > 0 ? [teams[i % teams.length]!] : []);
  const direct = [...quotas(directErrors, DIRECT_CODES)].flatMap(([cause, n]) =>
    Array.from({ length: n }, (_, k): UserDescription => {
      const { office, givenName, surname, upn } = newcomer();
      const memberOf = teamOf(employees + k);
      return person({
        userPrincipalName: upn,
        displayName: `${givenName} ${surname}`,
        givenName,
        surname,
        city: office.city,
        country: office.country,
        officeLocation: office.city,
        usageLocation: cause === "Prohibited" ? null : office.usageLocation,
        // Count: the Power BI group has taken every seat; Mutex: Exchange Plan 1 after E3's Plan 2.
        groups: cause === "Count" ? [GROUP.allStaff, ...memberOf] : memberOf,
        licenses:
          cause === "Count"
            ? [{ sku: "POWER_BI_PRO", disabledPlans: [] }]
            : cause === "Prohibited"
              ? [{ sku: "ENTERPRISEPACK", disabledPlans: [] }]
              : [
                  { sku: "ENTERPRISEPACK", disabledPlans: [] },
                  { sku: "EXCHANGESTANDARD", disabledPlans: [] },
                ],
      });
    }),
  );

  const groupDescriptions: GroupDescriptionInput[] = [
    { name: GROUP.allStaff, licenses: [{ sku: "ENTERPRISEPACK" }] },
    { name: GROUP.archive, licenses: [{ sku: "EXCHANGEARCHIVE_ADDON" }] },
    { name: GROUP.powerBi, licenses: [{ sku: "POWER_BI_PRO" }] },
    ...teams.map((name) => ({ name, mailEnabled: true })),
  ];
  const description = tenantDescriptionSchema.parse({
    tenant: { id: DEMO_TENANT_ID, displayName: "Contoso", defaultDomain: DEMO_DOMAIN },
    apps: demoApps,
    skus: [
      { partNumber: "ENTERPRISEPACK", prepaid: users + 50 },
      { partNumber: "EXCHANGESTANDARD", prepaid: (q.get("Mutex") ?? 0) + 10 },
      {
        partNumber: "EXCHANGEARCHIVE_ADDON",
        prepaid: Math.ceil(employees / 7) + usersInError + 10,
      },
      { partNumber: "POWER_BI_PRO", prepaid: powerBi.size - counted },
    ],
    groups: groupDescriptions,
    users: demoAccounts.map((a) => ({ ...a, groups: [GROUP.allStaff] })),
  });
  description.users.push(...staff, ...formers, ...direct);
  moveDuplicateAddresses(description, staff, formers, options.duplicateHolders);
  return description;
}

/**
 * Gives the first users in error for a duplicate address another holder: the mail of a team group (the user
 * carries that address instead), then a new contact that carries it; the former employee lets it go.
 */
function moveDuplicateAddresses(
  description: TenantDescription,
  staff: UserDescription[],
  formers: UserDescription[],
  holders: GenerateOptions["duplicateHolders"],
): void {
  const sharing = staff.filter((u) => (u.proxyAddresses?.length ?? 0) > 1);
  const teams = description.groups.filter((g) => g.mailEnabled);
  const toGroups = Math.min(holders?.groups ?? 0, teams.length, sharing.length);
  const toContacts = Math.min(holders?.contacts ?? 0, sharing.length - toGroups);
  if (toGroups + toContacts === 0) return;
  const domain = description.tenant.defaultDomain;
  for (let k = 0; k < toGroups + toContacts; k++) {
    const user = sharing[k]!;
    const former = formers[k]!;
    const shared = user.proxyAddresses![1]!;
    former.proxyAddresses = former.proxyAddresses!.filter((a) => a !== shared);
    if (k < toGroups) {
      const team = teams[k]!;
      user.proxyAddresses = [user.proxyAddresses![0]!, `smtp:${groupMailOf(team, domain)}`];
      continue;
    }
    const address = shared.replace(/^smtp:/i, "");
    description.contacts.push({
      displayName: `${user.displayName} (old partner address)`,
      givenName: null,
      surname: null,
      companyName: "Fabrikam Partners",
      mail: `partner${k}@partners.example`,
      proxyAddresses: [`SMTP:partner${k}@partners.example`, `smtp:${address}`],
    });
  }
}
