import {
  asciiAlias,
  contosoStaff,
  daysBefore,
  type Department,
  NAMES,
  type Person,
} from "./demo-people";
import type { UserDescriptionInput } from "./schema";

/** Demo group names (the UI and tests refer to them). */
export const DEMO_GROUPS = {
  allStaff: "All staff – Office 365 E3",
  leadership: "Leadership – Office 365 E5",
  archive: "Exchange archive add-on",
  powerBi: "Power BI users",
  visio: "Visio",
  project: "Project",
  audio: "Audio conferencing",
} as const;

export const departmentGroup = (department: string) => `Department – ${department}`;

/** Why a person ends up in error (or not): each cohort stands for one real cause. */
type Role =
  | "staff"
  | "leader"
  | "contractor" // not in All staff: add-ons without their prerequisite (DependencyViolation)
  | "noUsageLocation" // synced from HR without a usage location (ProhibitedInUsageLocation)
  | "china" // audio conferencing is not sold in CN (ProhibitedInUsageLocation)
  | "sharedAlias" // an alias a former employee still carries (UniquenessViolation)
  | "blocked" // a cause the service does not name (Other)
  | "legacyMailbox"; // kept an Exchange Plan 1 license from before E3 (MutuallyExclusiveViolation)

const QUOTAS: [Role, number][] = [
  ["noUsageLocation", 5],
  ["blocked", 5],
  ["sharedAlias", 6],
  ["legacyMailbox", 7],
];

function assignRoles(people: Person[]): Map<Person, Role> {
  const roles = new Map<Person, Role>();
  people.slice(-6).forEach((p) => roles.set(p, "contractor"));
  people.forEach((p, i) => {
    if (i % 24 === 12 && !roles.has(p)) roles.set(p, "leader");
  });
  people
    .filter((p) => p.office.usageLocation === "CN" && !roles.has(p))
    .slice(0, 3)
    .forEach((p) => roles.set(p, "china"));
  // Spread the remaining causes over the directory: every ninth free person, causes taking turns.
  const turns = [0, 1, 2, 3, 4, 5, 6].flatMap((round) =>
    QUOTAS.filter(([, quota]) => quota > round).map(([role]) => role),
  );
  const free = people.filter((p) => !roles.has(p));
  turns.forEach((role, j) => {
    const person = free[4 + 9 * j];
    if (person) roles.set(person, role);
  });
  return roles;
}

/**
 * Seats that could be reclaimed, by position in the Power BI group (all within its 40 seats) and
 * days since the last sign-in: people who left, whose accounts were disabled but kept the group and
 * the seat (they last signed in on their last day), and people still here who stopped signing in.
 */
const POWER_BI_LEAVERS = new Map([
  [8, 62],
  [21, 75],
  [34, 88],
]);
const POWER_BI_IDLE = new Map([
  [14, 120],
  [26, 150],
  [37, 200],
]);
/** Everyone else enabled signed in within the last 20 days; former employees two years ago or more. */
const RECENT_DAYS = 20;
const FORMER_DAYS = 730;

const firstOf = (people: Person[], departments: Department[], count: number) =>
  people.filter((p) => departments.includes(p.department)).slice(0, count);

/** Group memberships beyond department and All staff; seat counts in demo.ts decide who fails. */
function licenseGroups(people: Person[], roles: Map<Person, Role>): Map<Person, string[]> {
  const staff = people.filter((p) => (roles.get(p) ?? "staff") === "staff");
  const contractors = people.filter((p) => roles.get(p) === "contractor");
  const powerBi = firstOf(staff, ["Finance", "Sales"], 45);
  const project = firstOf(
    staff.filter((p) => !powerBi.includes(p)),
    ["Operations", "Engineering"],
    15,
  );
  const memberships: [string, Person[]][] = [
    [DEMO_GROUPS.leadership, people.filter((p) => roles.get(p) === "leader")],
    [DEMO_GROUPS.powerBi, powerBi],
    [DEMO_GROUPS.project, project],
    [DEMO_GROUPS.visio, firstOf(staff, ["Engineering", "Marketing"], 25)],
    [
      DEMO_GROUPS.archive,
      [...firstOf(staff, ["Finance", "Human Resources", "IT"], 27), ...contractors.slice(0, 3)],
    ],
    [
      DEMO_GROUPS.audio,
      [
        ...firstOf(staff, ["Sales", "Customer Support"], 34),
        ...people.filter((p) => roles.get(p) === "china"),
        ...contractors.slice(3),
      ],
    ],
  ];
  const groups = new Map<Person, string[]>();
  for (const [name, members] of memberships) {
    for (const p of members) groups.set(p, [...(groups.get(p) ?? []), name]);
  }
  return groups;
}

/** Exchange Plan 1 kept from before E3; the first two also hold E3 directly with Exchange off. */
const legacyLicenses = (n: number) =>
  n < 2
    ? [
        { sku: "EXCHANGESTANDARD" },
        { sku: "ENTERPRISEPACK", disabledPlans: ["EXCHANGE_S_ENTERPRISE"] },
      ]
    : [{ sku: "EXCHANGESTANDARD" }];

function jobTitleOf(p: Person, role: Role, left: boolean): string {
  if (role === "contractor") return "Contractor";
  if (role === "leader") return `Director of ${p.department}`;
  return left ? `Former ${p.jobTitle}` : p.jobTitle;
}

/** A former employee who still carries the alias `shared` (accounts are kept, disabled, unlicensed). */
function formerEmployee(
  p: Person,
  shared: string,
  domain: string,
  taken: Set<string>,
  lastSignInDateTime: string,
): UserDescriptionInput {
  const surnameAlias = p.alias.split(".")[1] ?? "user";
  const pool = NAMES[p.office.pool].first;
  const givenName =
    pool.find((n) => n[0] === p.givenName[0] && n !== p.givenName) ??
    pool.find((n) => n !== p.givenName) ??
    "Alex";
  let alias = `${asciiAlias(givenName)}.${surnameAlias}`;
  for (let n = 2; taken.has(alias); n++) alias = `${asciiAlias(givenName)}.${surnameAlias}${n}`;
  taken.add(alias);
  return {
    userPrincipalName: `${alias}@${domain}`,
    displayName: `${givenName} ${p.surname}`,
    givenName,
    surname: p.surname,
    accountEnabled: false,
    usageLocation: p.office.usageLocation,
    officeLocation: p.office.city,
    city: p.office.city,
    country: p.office.country,
    proxyAddresses: [`SMTP:${alias}@${domain}`, `smtp:${shared}`],
    createdDateTime: "2017-05-15T09:00:00Z",
    lastSignInDateTime,
  };
}

/**
 * Contoso's ~290 employees plus the disabled accounts of former staff, as seed users; sign-ins are
 * counted back from `day`, the day the tenant is built.
 */
export function demoStaff(domain: string, taken: Set<string>, day: Date): UserDescriptionInput[] {
  const people = contosoStaff(taken);
  const roles = assignRoles(people);
  const extraGroups = licenseGroups(people, roles);
  const powerBi = people.filter((p) => extraGroups.get(p)?.includes(DEMO_GROUPS.powerBi));
  const byMember = (positions: Map<number, number>) =>
    new Map([...positions].map(([n, days]) => [powerBi[n], days]));
  const leavers = byMember(POWER_BI_LEAVERS);
  const idle = byMember(POWER_BI_IDLE);
  // New joiners synced from HR who have not signed in yet (Graph omits their signInActivity).
  const neverSignedIn = people.filter((p) => roles.get(p) === "noUsageLocation").slice(-2);
  const lastSignIn = (p: Person, i: number) =>
    neverSignedIn.includes(p)
      ? null
      : daysBefore(day, leavers.get(p) ?? idle.get(p) ?? 1 + (i % RECENT_DAYS));
  const formers: UserDescriptionInput[] = [];
  let legacy = 0;
  const staff = people.map((p, i): UserDescriptionInput => {
    const role = roles.get(p) ?? "staff";
    const left = leavers.has(p);
    const upn = `${p.alias}@${domain}`;
    const shared = `${p.alias[0]}${p.alias.split(".")[1]}@${domain}`;
    if (role === "sharedAlias") {
      // Former employees left a month apart.
      const lastDay = daysBefore(day, FORMER_DAYS + 30 * formers.length);
      formers.push(formerEmployee(p, shared, domain, taken, lastDay));
    }
    return {
      userPrincipalName: upn,
      displayName: `${p.givenName} ${p.surname}`,
      givenName: p.givenName,
      surname: p.surname,
      jobTitle: jobTitleOf(p, role, left),
      department: p.department,
      officeLocation: p.office.city,
      city: p.office.city,
      country: p.office.country,
      // Leavers' accounts were disabled, never cleaned up: still in their groups, still licensed.
      accountEnabled: !left,
      usageLocation: role === "noUsageLocation" ? null : p.office.usageLocation,
      proxyAddresses: role === "sharedAlias" ? [`SMTP:${upn}`, `smtp:${shared}`] : [`SMTP:${upn}`],
      createdDateTime:
        role === "noUsageLocation"
          ? `2026-10-${String(20 + (i % 8)).padStart(2, "0")}T09:00:00Z`
          : p.createdDateTime,
      lastSignInDateTime: lastSignIn(p, i),
      groups: [
        departmentGroup(p.department),
        ...(role === "contractor" ? [] : [DEMO_GROUPS.allStaff]),
        ...(extraGroups.get(p) ?? []),
      ],
      licenses: role === "legacyMailbox" ? legacyLicenses(legacy++) : [],
      blockedForOtherReason: role === "blocked",
    };
  });
  return [...staff, ...formers];
}
