import type { EmulatorRequest, Handler, Route } from "./types";

interface CompiledRoute {
  method: string;
  regex: RegExp;
  names: string[];
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
    this.compiled = routes.map((r) => {
      const names: string[] = [];
      const source = r.pattern
        .split("/")
        .map((segment) => {
          if (segment.startsWith(":")) {
            names.push(segment.slice(1));
            return "([^/]+)";
          }
          return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        })
        .join("/");
      return {
        method: r.method,
        regex: new RegExp(`^${source}/?$`, "i"),
        names,
        handler: r.handler,
      };
    });
  }

  /** Returns the matching route, `"method"` when only the method differs, or undefined. */
  match(method: string, path: string): RouteMatch | "method" | undefined {
    let pathMatched = false;
    for (const r of this.compiled) {
      const m = r.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method.toUpperCase()) continue;
      const params: Record<string, string> = {};
      r.names.forEach((name, i) => {
        params[name] = m[i + 1] ?? "";
      });
      return { handler: r.handler, params };
    }
    return pathMatched ? "method" : undefined;
  }
}

export function withParams(req: EmulatorRequest, params: Record<string, string>): EmulatorRequest {
  return { ...req, params };
}
