import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";

/** One fix and the users in error it would help, most first. */
export interface FixSummary {
  key: string;
  text: string;
  /** `group`: the change reaches every member of the group; `tenant`: seats or a subscription. */
  reach: "group" | "tenant" | "user";
  userIds: string[];
  /** Of those, users that also fail in a way this fix does not touch. */
  alsoFailingOtherwise: number;
}

// Fixes that act on one user only say nothing about "the most"; these act on many at once.
const SHARED: [prefix: string, reach: FixSummary["reach"]][] = [
  ["seats:", "tenant"],
  ["subscribe:", "tenant"],
  ["group-plan:", "group"],
  ["group-add:", "group"],
  ["address:", "user"],
  ["reprocess:", "user"],
];

const reachOf = (key: string) => SHARED.find(([prefix]) => key.startsWith(prefix))?.[1];

/** The fixes that help more than one user at a time, each with the users it would clear. */
export function summarizeFixes(rows: LicenseErrorListRow[]): FixSummary[] {
  const byKey = new Map<string, FixSummary>();
  for (const row of rows) {
    if (row.resolved) continue;
    const keysPerAssignment = row.failing.map((f) => new Set(f.fixes.map((fix) => fix.key)));
    for (const failing of row.failing) {
      for (const fix of failing.fixes) {
        const reach = reachOf(fix.key);
        if (!reach) continue;
        let summary = byKey.get(fix.key);
        if (!summary) {
          summary = { key: fix.key, text: fix.text, reach, userIds: [], alsoFailingOtherwise: 0 };
          byKey.set(fix.key, summary);
        }
        if (summary.userIds.at(-1) === row.id) continue;
        summary.userIds.push(row.id);
        if (keysPerAssignment.some((keys) => !keys.has(fix.key))) summary.alsoFailingOtherwise++;
      }
    }
  }
  return [...byKey.values()].sort(
    (a, b) => b.userIds.length - a.userIds.length || a.text.localeCompare(b.text),
  );
}
