import { PathPattern } from "../http/router";
import type { EmulatorRequest } from "../http/types";
import type { EmulatorState } from "../state";
import type { Caller } from "./auth";
import type { Requirement } from "./permissions";
import type { GraphResult } from "./respond";

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
  requires: Requirement;
  handle(call: GraphCall): GraphResult | Promise<GraphResult>;
}

interface Compiled {
  route: GraphRoute;
  pattern: PathPattern;
}

export type RouteLookup =
  | { route: GraphRoute; params: Record<string, string> }
  | { methodNotAllowed: true }
  | { unknownSegment: string };

/** Matches Graph paths (below the version) to routes, and names the segment Graph would complain about. */
export class GraphRouter {
  private readonly compiled: Compiled[];
  private readonly roots: Set<string>;

  constructor(routes: GraphRoute[]) {
    this.compiled = routes.map((route) => ({ route, pattern: new PathPattern(route.pattern) }));
    this.roots = new Set(routes.map((r) => r.pattern.split("/")[1]!.toLowerCase()));
  }

  lookup(method: string, path: string): RouteLookup {
    let pathMatched = false;
    for (const { route, pattern } of this.compiled) {
      const params = pattern.match(path);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      return { route, params };
    }
    if (pathMatched) return { methodNotAllowed: true };
    const segments = path.split("/").filter(Boolean);
    const first = segments[0] ?? "";
    const unknown = this.roots.has(first.toLowerCase()) ? segments[segments.length - 1]! : first;
    return { unknownSegment: unknown };
  }
}
