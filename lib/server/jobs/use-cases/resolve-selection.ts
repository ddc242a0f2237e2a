import "server-only";
import { z } from "zod";
import type { JobSelection } from "@/lib/api/jobs";
import type { LicenseErrorRow } from "@/lib/api/license-errors";
import type { CallerGraph } from "@/lib/server/graph/for-caller";
import { graphRequests } from "@/lib/server/graph/requests";
import { ApiError } from "@/lib/server/http/api-error";
import { licenseErrorsScan } from "@/lib/server/licensing/license-errors";
import type { ScanRun } from "@/lib/server/licensing/scan-run";
import type { NewJobItem } from "@/lib/server/jobs/store/types";

export interface ResolvedSelection {
  items: NewJobItem[];
  description: string;
  criteria: unknown;
}

/** How many unknown ids an error names; the count says how many there are in all. */
const NAMED_UNKNOWN = 10;

const userNamesSchema = z.object({
  id: z.string(),
  displayName: z.string().nullable().optional(),
  userPrincipalName: z.string().nullable().optional(),
});

const toItem = (row: {
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
}) => ({
  userId: row.id,
  upn: row.userPrincipalName ?? "",
  displayName: row.displayName ?? row.userPrincipalName ?? row.id,
});

async function settledRows(run: ScanRun): Promise<LicenseErrorRow[]> {
  await run.settled();
  if (run.failure) throw run.failure;
  return [...run.rows.values()];
}

/** Users whose names are read per round: each round's answers are reduced to names before the next. */
const NAMES_PER_ROUND = 1_000;

/**
 * Names from Graph, 20 users per `$batch`, a round of NAMES_PER_ROUND at a time so that a 50,000-user
 * selection never holds more than one round of answers; ids Graph does not know are returned apart.
 */
async function readUserNames(
  { graph }: CallerGraph,
  ids: string[],
): Promise<{ found: NewJobItem[]; unknown: string[] }> {
  const found: NewJobItem[] = [];
  const unknown: string[] = [];
  for (let start = 0; start < ids.length; start += NAMES_PER_ROUND) {
    const round = ids.slice(start, start + NAMES_PER_ROUND);
    const results = await graph.batch(round.map((id) => graphRequests.userNames(id)));
    results.forEach((result, index) => {
      if (result.ok) found.push(toItem(userNamesSchema.parse(result.body)));
      else if (result.error.graph.status === 404) unknown.push(round[index]!);
      else throw result.error;
    });
  }
  return { found, unknown };
}

/**
 * Explicit users: names from the tenant's scan already in memory (the grid's), the rest read from Graph.
 * Ids the directory does not know refuse the whole selection, naming them: nothing is stored.
 */
async function resolveUsers(
  callerGraph: CallerGraph,
  selection: Extract<JobSelection, { kind: "users" }>,
): Promise<ResolvedSelection> {
  const wanted = [...new Set(selection.userIds)];
  // Any scan in memory names users well enough, however old; only with none is one started.
  const run = licenseErrorsScan(callerGraph, { refresh: false, ttlMs: Number.POSITIVE_INFINITY });
  const rows = await settledRows(run);
  const byKey = new Map<string, LicenseErrorRow>();
  for (const row of rows) {
    byKey.set(row.id.toLowerCase(), row);
    byKey.set(row.userPrincipalName.toLowerCase(), row);
  }
  const items: NewJobItem[] = [];
  const missing: string[] = [];
  for (const id of wanted) {
    const row = byKey.get(id.toLowerCase());
    if (row) items.push(toItem(row));
    else missing.push(id);
  }
  const { found, unknown } = await readUserNames(callerGraph, missing);
  if (unknown.length > 0) {
    const named = unknown.slice(0, NAMED_UNKNOWN).join(", ");
    const more =
      unknown.length > NAMED_UNKNOWN ? ` and ${unknown.length - NAMED_UNKNOWN} more` : "";
    throw new ApiError(
      "bad_request",
      `${unknown.length} of the selected users ${unknown.length === 1 ? "does" : "do"} not exist in ` +
        `this tenant: ${named}${more}. Nothing was started; refresh the list and select again.`,
    );
  }
  items.push(...found);
  const count = new Set(items.map((item) => item.userId)).size;
  return {
    items,
    description: selection.description ?? `${count.toLocaleString("en")} selected users`,
    criteria: { kind: "users" },
  };
}

/**
 * Everyone in error with this code, or through this group, in a fresh scan of the tenant: the one
 * running, one finished within LICENSE_ERRORS_CACHE_SECONDS (kept true by reprocesses), or a new one.
 */
async function resolveFromScan(
  callerGraph: CallerGraph,
  selection: Exclude<JobSelection, { kind: "users" }>,
): Promise<ResolvedSelection> {
  const rows = await settledRows(licenseErrorsScan(callerGraph, { refresh: false }));
  if (selection.kind === "errorCode") {
    const matching = rows.filter((row) => row.failing.some((f) => f.error === selection.code));
    return {
      items: matching.map(toItem),
      description: `Everyone in error with ${selection.code}`,
      criteria: selection,
    };
  }
  const matching = rows.filter((row) => row.failing.some((f) => f.groupId === selection.groupId));
  const groupName = matching
    .flatMap((row) => row.failing)
    .find((f) => f.groupId === selection.groupId)?.groupName;
  return {
    items: matching.map(toItem),
    description: `Everyone in error through group ${groupName ?? selection.groupId}`,
    criteria: selection,
  };
}

/** Who a selection means, with names for the job page. */
export const resolveSelection = (callerGraph: CallerGraph, selection: JobSelection) =>
  selection.kind === "users"
    ? resolveUsers(callerGraph, selection)
    : resolveFromScan(callerGraph, selection);
