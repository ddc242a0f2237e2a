import "server-only";
import { mapWithConcurrency } from "../async/pool";
import { ApiError } from "../http/api-error";
import type { GraphClient } from "../graph/client";
import { graphRequests } from "../graph/requests";
import {
  graphDirectoryObjectSchema,
  graphGroupSchema,
  type GraphUserLicensing,
  graphUserLicensingSchema,
} from "../graph/types";
import { loadLicensingContext, readSubscribedSkus } from "./context";
import { toLicenseErrorRow } from "./failing";
import type { ScanRun } from "./scan-run";

/** Groups whose members are listed at the same time; each may have `$batch` reads in flight. */
const GROUP_CONCURRENCY = 3;

const isUser = (object: { "@odata.type"?: string }) =>
  object["@odata.type"] === undefined || object["@odata.type"] === "#microsoft.graph.user";

/** The license properties of these users, read through `$batch`; users deleted meanwhile are skipped. */
export async function readUsersForScan(
  graph: GraphClient,
  ids: string[],
): Promise<GraphUserLicensing[]> {
  const results = await graph.batch(ids.map((id) => graphRequests.userForScan(id)));
  return results.flatMap((result) => {
    if (!result.ok) {
      if (result.error.code === "not_found") return [];
      throw result.error;
    }
    const user = graphUserLicensingSchema.safeParse(result.body);
    if (!user.success)
      throw new ApiError(
        "upstream_error",
        "Microsoft Graph returned a user in an unexpected shape.",
      );
    return [user.data];
  });
}

/**
 * Every user in error across the tenant: groups with members in error → their members in error
 * (all pages) → each new user's licenses (batched) → rows, added to the run as they are ready.
 */
export async function scanLicenseErrors(graph: GraphClient, run: ScanRun): Promise<void> {
  const skus = readSubscribedSkus(graph);
  // Awaited below; this keeps an early failure from being reported as unhandled meanwhile.
  skus.catch(() => undefined);
  const groups = await graph.listAll(graphRequests.groupsWithLicenseErrors(), graphGroupSchema);
  const groupNames = new Map(groups.map((g) => [g.id.toLowerCase(), g.displayName ?? g.id]));
  const context = await loadLicensingContext(await skus, groupNames);
  const progress = { groupsDone: 0, groupsTotal: groups.length, usersRead: 0 };
  run.progress(progress);

  const seen = new Set<string>();
  await mapWithConcurrency(groups, GROUP_CONCURRENCY, async (group) => {
    const members = graph.pages(
      graphRequests.membersWithLicenseErrors(group.id),
      graphDirectoryObjectSchema,
    );
    for await (const page of members) {
      // Another group's failure has ended the scan; stop reading for it.
      if (run.state !== "running") return;
      const ids = page
        .filter(isUser)
        .map((member) => member.id)
        .filter((id) => !seen.has(id.toLowerCase()));
      if (ids.length === 0) continue;
      ids.forEach((id) => seen.add(id.toLowerCase()));
      const users = await readUsersForScan(graph, ids);
      progress.usersRead += ids.length;
      run.addRows(users.flatMap((user) => toLicenseErrorRow(user, context) ?? []));
      run.progress({ ...progress });
    }
    progress.groupsDone += 1;
    run.progress({ ...progress });
  });
  run.finish();
}

/** A failure once rows may have been sent says that the list is partial, how far it got and why. */
function partial(run: ScanRun, error: ApiError): ApiError {
  const progress = run.lastProgress;
  if (!progress) return error;
  const { groupsDone, groupsTotal } = progress;
  return new ApiError(
    error.code,
    `The list of users in error is incomplete: it stopped with ${run.rows.size} users found, ` +
      `${groupsDone} of ${groupsTotal} groups read. ${error.message}`,
    error.details,
  );
}

/** Runs the scan in the background of `run`; a failure becomes the run's error event. */
export function startScan(graph: GraphClient, run: ScanRun): void {
  scanLicenseErrors(graph, run).catch((error: unknown) => {
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
