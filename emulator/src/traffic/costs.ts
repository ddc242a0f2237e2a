/** What one Graph request costs against the identity limits. */
export interface RequestCost {
  resourceUnits: number;
  writes: number;
}

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

/** Base ResourceUnits of the GETs Graph lists; any other identity GET costs 1. */
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
 * Cost of a request to `graphPath` (without the version, e.g. `/users/abc/licenseDetails`):
 * reads per Graph's table with $select −1, $top < 20 −1, $expand +1 and a minimum of 1;
 * writes 1 ResourceUnit and 1 write.
 */
export function requestCost(
  method: string,
  graphPath: string,
  query: URLSearchParams,
): RequestCost {
  if (WRITE_METHODS.has(method.toUpperCase())) return { resourceUnits: 1, writes: 1 };
  const segments = graphPath.toLowerCase().split("/").filter(Boolean);
  const option = (name: string) => [...query.keys()].some((key) => key.toLowerCase() === name);
  let cost = baseReadCost(segments);
  if (option("$select")) cost -= 1;
  if (option("$expand")) cost += 1;
  const top = Number(
    [...query.entries()].find(([key]) => key.toLowerCase() === "$top")?.[1] ?? Number.NaN,
  );
  if (Number.isFinite(top) && top < 20) cost -= 1;
  return { resourceUnits: Math.max(1, cost), writes: 0 };
}
