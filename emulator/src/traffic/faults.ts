import { randomUUID } from "node:crypto";

/** A scripted fault: the next `times` requests that match fail (or slow down) this way. */
export interface FaultRuleInput {
  method?: string;
  // Substring of the Graph path, or a glob where * matches anything: /users/*/reprocessLicenseAssignment.
  path: string;
  /** Status to answer with; absent for a latency-only rule. */
  status?: number;
  times: number;
  /** Seconds, fractional allowed; a 429 says 1 unless told otherwise, other statuses send none unless told. */
  retryAfter?: number;
  omitRetryAfter?: boolean;
  /** Destroy the connection instead of answering; the request does not run. */
  drop?: boolean;
  /** Let the request run, then destroy the connection instead of answering: the caller cannot tell it ran. */
  dropAfterHandling?: boolean;
  latencyMs?: number;
  /** Let the request run, then answer its JSON cut in half (malformed-body.ts). */
  malformedBody?: boolean;
}

export interface FaultRule extends FaultRuleInput {
  id: string;
  /** How many more matching requests this rule will fail. */
  remaining: number;
  /** How many requests it has failed so far. */
  applied: number;
}

const globToRegex = (glob: string) =>
  new RegExp(
    `^${glob
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "i",
  );

/** Matches the path with and without its version prefix (`/v1.0/users` and `/users`). */
function pathMatches(pattern: string, paths: string[]): boolean {
  if (pattern.includes("*")) {
    const regex = globToRegex(pattern);
    return paths.some((path) => regex.test(path));
  }
  const needle = pattern.toLowerCase();
  return paths.some((path) => path.toLowerCase().includes(needle));
}

/** Deterministic fault injection: rules fire in the order they were added, never at random. */
export class FaultRules {
  private rules: FaultRule[] = [];

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...input, id: randomUUID(), remaining: input.times, applied: 0 };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The first live rule matching this request, counted down; undefined when none matches. */
  take(method: string, fullPath: string, graphPath: string): FaultRule | undefined {
    const rule = this.rules.find(
      (r) =>
        r.remaining > 0 &&
        (r.method === undefined || r.method.toUpperCase() === method.toUpperCase()) &&
        pathMatches(r.path, [graphPath, fullPath]),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    rule.applied += 1;
    return { ...rule };
  }
}
