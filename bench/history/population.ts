// Who and what the history scenario's records are about: fixed ids and names drawn from a seed, so the
// generator and the shapes that filter on them agree without reading the database.
import type { HistoryActor } from "@/lib/server/history/draft";
export const DAY_MS = 86_400_000;
/** The data ends here ("now" for the shapes), two years after it starts. */
export const END_AT = Date.UTC(2026, 11, 1);
export const START_AT = END_AT - 730 * DAY_MS;

export const BENCH_TENANT = "7d1c5e0a-4b8f-4c2e-9a61-3f0b2d9e8c41";
export const OTHER_TENANT = "e2a94f17-8c3d-4e5b-b0a2-6d7f1c9e3b58";

export const CODES = [
  "CountViolation",
  "MutuallyExclusiveViolation",
  "DependencyViolation",
  "ProhibitedInUsageLocationViolation",
  "UniquenessViolation",
  "Other",
] as const;

// Seats running out dominate; each product sees most codes, some rarely.
export const CODE_WEIGHTS = [60, 12, 10, 10, 3, 5];

export const PRODUCT_NAMES = [
  "Microsoft 365 E3",
  "Microsoft 365 E5",
  "Office 365 E1",
  "Office 365 E3",
  "Microsoft 365 Business Premium",
  "Microsoft 365 Business Standard",
  "Power BI Pro",
  "Power BI Premium Per User",
  "Visio Plan 2",
  "Project Plan 3",
  "Project Plan 5",
  "Teams Phone Standard",
  "Teams Rooms Pro",
  "Microsoft 365 F3",
  "Exchange Online Plan 1",
  "Exchange Online Plan 2",
  "Enterprise Mobility + Security E3",
  "Enterprise Mobility + Security E5",
  "Entra ID P1",
  "Entra ID P2",
  "Defender for Endpoint P2",
  "Intune Plan 1",
  "Microsoft 365 Copilot",
  "Dynamics 365 Sales Enterprise",
  "Power Apps Premium",
  "Power Automate Premium",
  "Windows 10/11 Enterprise E3",
  "Microsoft Purview Suite",
  "Audio Conferencing",
  "Microsoft Stream",
] as const;

const FIRST = [
  "Adele",
  "Alex",
  "Diego",
  "Grady",
  "Isaiah",
  "Johanna",
  "Joni",
  "Lee",
  "Lidia",
  "Lynne",
];
const LAST = [
  "Vance",
  "Wilber",
  "Siciliani",
  "Archie",
  "Langer",
  "Lorenz",
  "Sherman",
  "Gu",
  "Holloway",
];

/** A small fast PRNG (mulberry32): the same seed, the same data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const guid = (rand: () => number) => {
  let hex = "";
  for (let i = 0; i < 4; i++)
    hex += Math.floor(rand() * 2 ** 32)
      .toString(16)
      .padStart(8, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
};

/** An index in [0, n) drawn with the given weights. */
export function weighted(weights: readonly number[]): (rand: () => number) => number {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  const cumulative = weights.map((w) => (sum += w / total));
  return (rand) => {
    const u = rand();
    const i = cumulative.findIndex((c) => u < c);
    return i === -1 ? weights.length - 1 : i;
  };
}

export interface BenchUser {
  id: string;
  upn: string;
  name: string;
}

/** Who and what the records are about: drawn from a seed of its own, so the shapes can name them too. */
export interface Population {
  actors: HistoryActor[];
  users: BenchUser[];
  products: { skuId: string; name: string }[];
  /** A user index, skewed: the first users come back far more often than the rest. */
  userIndex: (rand: () => number) => number;
}

export function population(users = 50_000): Population {
  const rand = random(20261206);
  const name = (i: number) =>
    `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
  return {
    actors: Array.from({ length: 50 }, (_, i) => ({
      kind: "person" as const,
      oid: guid(rand),
      name: name(i),
    })),
    users: Array.from({ length: users }, (_, i) => {
      const display = `${name(i)} ${i}`;
      return {
        id: guid(rand),
        upn: `${display.toLowerCase().replaceAll(" ", ".")}@contoso.onmicrosoft.com`,
        name: display,
      };
    }),
    products: PRODUCT_NAMES.map((n) => ({ skuId: guid(rand), name: n })),
    // u² gives the most frequent user about 0.5% of the records and the median one about a dozen.
    userIndex: (r) => Math.floor(users * r() ** 2),
  };
}
