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
  regex: RegExp;
  names: string[];
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
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.pattern
        .split("/")
        .map((segment) => {
          if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(segment.slice(1));
          return "([^/]+)";
        })
        .join("/");
      return { route, regex: new RegExp(`^${source}/?$`, "i"), names };
    });
    this.roots = new Set(routes.map((r) => r.pattern.split("/")[1]!.toLowerCase()));
  }

  lookup(method: string, path: string): RouteLookup {
    let pathMatched = false;
    for (const { route, regex, names } of this.compiled) {
      const m = regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      return { route, params: Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? ""])) };
    }
    if (pathMatched) return { methodNotAllowed: true };
    const segments = path.split("/").filter(Boolean);
    const first = segments[0] ?? "";
    const unknown = this.roots.has(first.toLowerCase()) ? segments[segments.length - 1]! : first;
    return { unknownSegment: unknown };
  }
}
