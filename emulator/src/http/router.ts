import type { EmulatorRequest, Handler, Route } from "./types";

/** A path pattern, matched case-insensitively; `:name` captures one path segment. */
export class PathPattern {
  private readonly regex: RegExp;
  private readonly names: string[] = [];

  constructor(pattern: string) {
    const source = pattern
      .split("/")
      .map((segment) => {
        if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        this.names.push(segment.slice(1));
        return "([^/]+)";
      })
      .join("/");
    this.regex = new RegExp(`^${source}/?$`, "i");
  }

  /** The captured segments by name when `path` matches. */
  match(path: string): Record<string, string> | undefined {
    const m = this.regex.exec(path);
    if (!m) return undefined;
    return Object.fromEntries(this.names.map((name, i) => [name, m[i + 1] ?? ""]));
  }
}

interface CompiledRoute {
  method: string;
  pattern: PathPattern;
  handler: Handler;
}

/** Builds a route; `:name` captures one path segment. */
export function route(method: string, pattern: string, handler: Handler): Route {
  return { method: method.toUpperCase(), pattern, handler };
}

export interface RouteMatch {
  handler: Handler;
  params: Record<string, string>;
}

/** Matches paths case-insensitively, as Graph and the identity platform do. */
export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: Route[]) {
    this.compiled = routes.map((r) => ({
      method: r.method,
      pattern: new PathPattern(r.pattern),
      handler: r.handler,
    }));
  }

  /** Returns the matching route, `"method"` when only the method differs, or undefined. */
  match(method: string, path: string): RouteMatch | "method" | undefined {
    let pathMatched = false;
    for (const r of this.compiled) {
      const params = r.pattern.match(path);
      if (!params) continue;
      pathMatched = true;
      if (r.method !== method.toUpperCase()) continue;
      return { handler: r.handler, params };
    }
    return pathMatched ? "method" : undefined;
  }
}

export function withParams(req: EmulatorRequest, params: Record<string, string>): EmulatorRequest {
  return { ...req, params };
}
