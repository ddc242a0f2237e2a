import { PathPattern } from "../http/router";
import type { EmulatorRequest } from "../http/types";
import type { EmulatorState } from "../state";
import type { Caller } from "./auth";
import type { Requirement } from "./permissions";
import type { GraphResult } from "./respond";

/** Graph's service versions, lower-cased as the pipeline passes them. */
export type GraphVersion = "v1.0" | "beta";

/** One authenticated Graph request as a route handler sees it. */
export interface GraphCall {
  req: EmulatorRequest;
  state: EmulatorState;
  caller: Caller;
  params: Record<string, string>;
  /** The service root as the client addressed it, e.g. `http://127.0.0.1:4010/v1.0`. */
  serviceRoot: string;
}

export interface GraphRoute {
  method: string;
  /** Path below the version, e.g. `/users/:id/licenseDetails`; matched case-insensitively. */
  pattern: string;
  /** The versions that serve it; both when absent (beta is a superset of v1.0). */
  versions?: readonly GraphVersion[];
  requires: Requirement;
  handle(call: GraphCall): GraphResult | Promise<GraphResult>;
}

interface Compiled {
  route: GraphRoute;
  pattern: PathPattern;
  /** Lower-cased literal segments, undefined where the pattern captures a parameter. */
  segments: (string | undefined)[];
}

export type RouteLookup =
  | { route: GraphRoute; params: Record<string, string> }
  | { methodNotAllowed: true }
  | { unknownSegment: string };

const splitPath = (path: string) => path.split("/").filter(Boolean);

/** How many leading segments of `path` the pattern accepts. */
function matchedPrefix(compiled: Compiled, path: string[]): number {
  let n = 0;
  while (n < path.length && n < compiled.segments.length) {
    const literal = compiled.segments[n];
    if (literal !== undefined && literal !== path[n]!.toLowerCase()) break;
    n += 1;
  }
  return n;
}

/** Matches Graph paths (below the version) to routes, and names the segment Graph would complain about. */
export class GraphRouter {
  private readonly compiled: Compiled[];

  constructor(routes: GraphRoute[]) {
    this.compiled = routes.map((route) => ({
      route,
      pattern: new PathPattern(route.pattern),
      segments: splitPath(route.pattern).map((s) =>
        s.startsWith(":") ? undefined : s.toLowerCase(),
      ),
    }));
  }

  lookup(method: string, path: string, version: GraphVersion): RouteLookup {
    const served = this.compiled.filter((c) => c.route.versions?.includes(version) ?? true);
    let pathMatched = false;
    for (const { route, pattern } of served) {
      const params = pattern.match(path);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      return { route, params };
    }
    if (pathMatched) return { methodNotAllowed: true };
    // Graph names the first segment that nothing in this version has at that position.
    const segments = splitPath(path);
    const known = Math.max(0, ...served.map((c) => matchedPrefix(c, segments)));
    return { unknownSegment: segments[Math.min(known, segments.length - 1)] ?? "" };
  }
}
