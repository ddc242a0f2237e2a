import "server-only";
import type { ReadWay } from "@/lib/api/license-errors";
import { READ_WAY_LABELS } from "@/lib/api/read-way-labels";
import type { GraphClient } from "../graph/client";
import { GraphRequestError } from "../graph/errors";
import { graphRequests } from "../graph/requests";
import { graphGroupSchema } from "../graph/types";
import { ApiError } from "../http/api-error";
import { GroupNames, readSubscribedSkus } from "./context";
import { betaUnavailable, type BetaPages, openBetaPages, readBeta } from "./reading/beta-way";
import { readDirectory } from "./reading/directory-way";
import { readGroups } from "./reading/groups-way";
import { estimateWays, fallbackReason } from "./reading/estimates";
import type { ReadPreference, ReadingTools } from "./reading/read-way";
import { RowBuilder } from "./reading/row-builder";
import { readUserCount } from "./reading/user-count";
import type { ScanRun } from "./scan-run";

/**
 * Every user in error across the tenant, read the cheapest way the tenant allows: the beta assignment
 * errors when the app may read them, else the whole directory through v1.0 (see reading/estimates.ts).
 * Rows go to the run as each page is ready.
 */
export async function scanLicenseErrors(
  graph: GraphClient,
  run: ScanRun,
  preference: ReadPreference,
): Promise<void> {
  const startedAt = Date.now();
  const sentBefore = graph.requestsSent;
  const { skus, groupsInError, beta, count } = survey(graph, preference);
  const groupNames = new GroupNames();
  const groups = await groupsInError;
  for (const group of groups)
    if (group.displayName) groupNames.remember(group.id, group.displayName);
  const tools: ReadingTools = {
    graph,
    run,
    rows: await RowBuilder.create(graph, await skus, groupNames),
    directoryUsers: await count,
  };
  const opened = await beta;
  const estimates = estimateWays({
    directoryUsers: tools.directoryUsers,
    groupsInError: groups.length,
    beta: isOpen(opened) ? "available" : opened,
  });
  const way = chooseWay(preference, opened);
  run.plan({
    way,
    reason: reasonFor(way, preference, opened),
    directoryUsers: tools.directoryUsers,
    estimates,
  });

  let read: ReadWay = way;
  if (way === "beta" && isOpen(opened)) {
    try {
      await readBeta(tools, opened);
    } catch (error) {
      if (!betaUnavailable(error) || preference === "beta") throw error;
      // The beta API stopped making sense part-way: everything is read again through v1.0.
      run.reset(`${fallbackReason(error)} Reading the whole directory through v1.0 instead.`);
      read = "directory";
    }
  }
  if (read === "directory") {
    const { directoryUsers } = await readDirectory(tools);
    tools.directoryUsers ??= directoryUsers;
  }
  if (read === "groups") await readGroups(tools, groups);
  run.finish({
    way: read,
    directoryUsers: tools.directoryUsers,
    elapsedMs: Date.now() - startedAt,
    requests: graph.requestsSent - sentBefore,
  });
}

/** Awaited later or not at all; this keeps an early failure from being reported as unhandled meanwhile. */
function quietly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * What the choice and the rows need, asked for at once: the products, the groups with members in error
 * (their names), the directory's size, and the beta API's first page (which is also its test).
 */
function survey(graph: GraphClient, preference: ReadPreference) {
  const wantsBeta = preference === "auto" || preference === "beta";
  return {
    skus: quietly(readSubscribedSkus(graph)),
    groupsInError: quietly(
      graph.listAll(graphRequests.groupsWithLicenseErrors(), graphGroupSchema),
    ),
    beta: wantsBeta
      ? quietly(
          openBetaPages(graph).catch((error: unknown): BetaAnswer => {
            if (betaUnavailable(error)) return error;
            throw error;
          }),
        )
      : Promise.resolve<BetaAnswer>("not asked"),
    count: quietly(readUserCount(graph)),
  };
}

/** The beta API's first page, or why it cannot be used, or that it was not tried. */
type BetaAnswer = BetaPages | GraphRequestError | "not asked";

const isOpen = (beta: BetaAnswer): beta is BetaPages =>
  beta !== "not asked" && !(beta instanceof GraphRequestError);

function chooseWay(preference: ReadPreference, beta: BetaAnswer): ReadWay {
  if (preference === "beta") {
    if (beta instanceof GraphRequestError) throw beta;
    return "beta";
  }
  if (preference !== "auto") return preference;
  return isOpen(beta) ? "beta" : "directory";
}

function reasonFor(way: ReadWay, preference: ReadPreference, beta: BetaAnswer): string {
  if (preference !== "auto") {
    return `Reading through ${READ_WAY_LABELS[way]}, as LICENSE_ERRORS_READ says.`;
  }
  if (way === "beta") {
    return `Reading through ${READ_WAY_LABELS.beta}: the fewest requests, direct and group assignments alike.`;
  }
  const why = beta instanceof GraphRequestError ? fallbackReason(beta) : "";
  return (
    `Reading through ${READ_WAY_LABELS.directory}, the only v1.0 way that also sees licenses assigned ` +
    `directly. ${why}`
  ).trim();
}

/** A failure once the stream has started says that the list is partial, how far it got and why. */
function partial(run: ScanRun, error: ApiError): ApiError {
  if (!run.way) return error;
  const progress = run.lastProgress;
  const read = progress
    ? `, ${progress.read}${progress.total === null ? "" : ` of ${progress.total}`} ${progress.unit} read`
    : ", before the first page was read";
  return new ApiError(
    error.code,
    `The list of users in error is incomplete: it stopped with ${run.rows.size} users found${read}. ` +
      error.message,
    error.details,
  );
}

/** Runs the scan in the background of `run`; a failure becomes the run's error event. */
export function startScan(graph: GraphClient, run: ScanRun, preference: ReadPreference): void {
  scanLicenseErrors(graph, run, preference).catch((error: unknown) => {
    if (error instanceof ApiError) return run.fail(partial(run, error));
    const requestId = crypto.randomUUID();
    console.error(`[license-errors] scan failed, request id ${requestId}:`, error);
    run.fail(
      partial(
        run,
        new ApiError("internal_error", `The scan failed on the server (request id ${requestId}).`),
      ),
    );
  });
}
