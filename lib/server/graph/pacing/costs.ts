import "server-only";

/** What one request costs against Graph's identity limits: ResourceUnits, and a write when it changes something. */
export interface GraphCost {
  resourceUnits: number;
  writes: number;
}

export const FREE: GraphCost = { resourceUnits: 0, writes: 0 };

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

/** Base ResourceUnits of the reads Graph's cost table lists; any other identity read costs 1. */
function baseReadCost(segments: string[]): number {
  const [first, second, third] = segments;
  if (segments.length === 1 && first === "users") return 2;
  if (segments.length === 1 && first === "subscribedskus") return 3;
  if (segments.length === 3 && first === "groups" && third === "members") return 3;
  if (segments.length === 3 && first === "groups" && third === "transitivemembers") return 5;
  // Costs listed for me/… apply to users/{id}/… as well.
  if (first === "me" && second === "licensedetails") return 2;
  if (first === "users" && third === "licensedetails") return 2;
  return 1;
}

/**
 * Graph's published cost of one request (`path` below the version, with its query): a write is
 * 1 ResourceUnit and 1 write; a read is its base cost, $select −1, $top under 20 −1, $expand +1, at least 1.
 */
export function requestCost(method: string, path: string): GraphCost {
  if (WRITE_METHODS.has(method.toUpperCase())) return { resourceUnits: 1, writes: 1 };
  const url = new URL(path, "https://graph.invalid");
  const segments = url.pathname.toLowerCase().split("/").filter(Boolean);
  const option = (name: string) =>
    [...url.searchParams.entries()].find(([key]) => key.toLowerCase() === name)?.[1];
  let cost = baseReadCost(segments);
  if (option("$select") !== undefined) cost -= 1;
  if (option("$expand") !== undefined) cost += 1;
  const top = Number(option("$top") ?? Number.NaN);
  if (Number.isFinite(top) && top < 20) cost -= 1;
  return { resourceUnits: Math.max(1, cost), writes: 0 };
}

/** A `$batch` costs the sum of the requests inside it. */
export const sumCosts = (costs: readonly GraphCost[]): GraphCost =>
  costs.reduce(
    (sum, cost) => ({
      resourceUnits: sum.resourceUnits + cost.resourceUnits,
      writes: sum.writes + cost.writes,
    }),
    FREE,
  );
