import { experimental_streamedQuery as streamedQuery, queryOptions } from "@tanstack/react-query";
import { errorCodes } from "@/lib/api/error-codes";
import type { LicenseErrorRow, LicenseErrorsStreamEvent } from "@/lib/api/license-errors";
import type { ReprocessResult } from "@/lib/api/reprocess";
import { ApiClientError, type ApiFetchContext, apiStream, signInAgain } from "../api-fetch";
import { licenseErrorKeys } from "../query-keys";

/** A user in the list; `resolved` once a reprocess from this page fixed every failing assignment. */
export interface LicenseErrorListRow extends LicenseErrorRow {
  resolved: boolean;
}

type PlanEvent = Extract<LicenseErrorsStreamEvent, { type: "plan" }>;
type ProgressEvent = Extract<LicenseErrorsStreamEvent, { type: "progress" }>;
type DoneEvent = Extract<LicenseErrorsStreamEvent, { type: "done" }>;

/** The list as it builds up: how the server reads, rows so far, how far it is, and how it ended. */
export interface LicenseErrorsData {
  plan: Omit<PlanEvent, "type"> | null;
  rows: LicenseErrorListRow[];
  progress: Omit<ProgressEvent, "type"> | null;
  done: Omit<DoneEvent, "type"> | null;
}

type ListEvent = Exclude<LicenseErrorsStreamEvent, { type: "error" }>;

const EMPTY: LicenseErrorsData = { plan: null, rows: [], progress: null, done: null };

/** The rows with `incoming` added; a user already listed is replaced where they are, not doubled. */
function mergeRows(
  rows: LicenseErrorListRow[],
  incoming: LicenseErrorRow[],
): LicenseErrorListRow[] {
  const fresh = new Map(incoming.map((row) => [row.id, { ...row, resolved: false }]));
  const merged = rows.map((row) => {
    const replacement = fresh.get(row.id);
    if (!replacement) return row;
    fresh.delete(row.id);
    return replacement;
  });
  merged.push(...fresh.values());
  return merged;
}

function addEvent(data: LicenseErrorsData, event: ListEvent): LicenseErrorsData {
  switch (event.type) {
    case "plan": {
      const { type: _type, ...plan } = event;
      return { ...data, plan };
    }
    case "rows":
      return { ...data, rows: mergeRows(data.rows, event.rows) };
    case "reset":
      return { ...data, rows: [], progress: null };
    case "progress": {
      const { type: _type, ...progress } = event;
      return { ...data, progress };
    }
    case "done": {
      const { type: _type, ...done } = event;
      return { ...data, done };
    }
  }
}

/** The stream's events until `done`; an error event or a stream cut short becomes an error. */
async function* listEvents(
  api: ApiFetchContext,
  path: string,
  signal: AbortSignal,
): AsyncGenerator<ListEvent> {
  for await (const event of apiStream<LicenseErrorsStreamEvent>(api, path, { signal })) {
    if (event.type === "error") {
      const { code, message, retryAfterSeconds, claims } = event.error;
      if (code === "interaction_required") throw await signInAgain(api, claims);
      throw new ApiClientError(code, errorCodes[code], message, retryAfterSeconds, claims);
    }
    yield event;
    if (event.type === "done") return;
  }
  throw new ApiClientError("service_unavailable", 0, "The list ended before it was complete.");
}

/**
 * `GET /api/license-errors` as a streamed query: rows show up as each group is read.
 * `refresh` asks the server to skip its short cache.
 */
export const licenseErrorsQueryOptions = (
  api: ApiFetchContext,
  homeAccountId: string,
  { refresh = false }: { refresh?: boolean } = {},
) =>
  queryOptions({
    queryKey: licenseErrorKeys.list(homeAccountId),
    queryFn: streamedQuery<ListEvent, LicenseErrorsData, ReturnType<typeof licenseErrorKeys.list>>({
      streamFn: ({ signal }) =>
        listEvents(api, `/api/license-errors${refresh ? "?refresh=1" : ""}`, signal),
      reducer: addEvent,
      initialValue: EMPTY,
    }),
    // Comparing ten thousand rows deeply on every chunk costs more than it saves.
    structuralSharing: false,
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });

/** The list after a reprocess of `userId`: the row shows what is still failing, or that it is fixed. */
export function applyReprocessResult(
  data: LicenseErrorsData | undefined,
  userId: string,
  { outcome, after }: ReprocessResult,
): LicenseErrorsData | undefined {
  if (!data) return data;
  const rows = data.rows.map((row): LicenseErrorListRow => {
    if (row.id !== userId) return row;
    const updated = { ...row, usageLocation: after.usageLocation };
    const [first, ...rest] = outcome.remaining;
    // Nothing left failing is resolved, whether this reprocess fixed it or it was already fixed.
    if (outcome.kind === "resolved" || (outcome.kind === "unchanged" && !first)) {
      return { ...updated, resolved: true };
    }
    if (outcome.kind === "still_in_error" && first) {
      return { ...updated, failing: [first, ...rest], resolved: false };
    }
    return updated;
  });
  return { ...data, rows };
}

/** The list with these users marked resolved (a bulk job fixed them); the same object if none changed. */
export function markResolved(
  data: LicenseErrorsData | undefined,
  userIds: Set<string>,
): LicenseErrorsData | undefined {
  if (!data) return data;
  let changed = false;
  const rows = data.rows.map((row) => {
    if (row.resolved || !userIds.has(row.id)) return row;
    changed = true;
    return { ...row, resolved: true };
  });
  return changed ? { ...data, rows } : data;
}
