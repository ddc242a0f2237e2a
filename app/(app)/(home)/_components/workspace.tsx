"use client";

import { useId, useMemo } from "react";
import type { JobView } from "@/lib/api/jobs";
import type { GetMeResponse } from "@/lib/api/me";
import { itemsNewerThanList } from "@/lib/client/queries/jobs";
import { useFollowedJobs, useJobOutcomesInList, useJobs } from "@/lib/client/use-jobs";
import { useLicenseErrors } from "@/lib/client/use-license-errors";
import { JobsPanel } from "./jobs-panel/jobs-panel";
import { SeatsView } from "./seats/seats-view";
import { useProductsNeedingSeats } from "./seats/use-products-needing-seats";
import { useListUrlState } from "./use-list-url-state";
import { LicenseErrorsView } from "./users-in-error/license-errors-view";
import { READ_ONLY_REASON_ID, reprocessPermission } from "./users-in-error/reprocess-permission";
import { tabId, tabPanelId, WorkspaceTabs } from "./workspace-tabs";

const NO_JOBS: JobView[] = [];

/** Running and recent jobs, each in its freshest state (live when followed), and users' items. */
function useWorkspaceJobs() {
  const list = useJobs();
  const listed = list.data?.jobs ?? NO_JOBS;
  const followed = useFollowedJobs(listed, list.dataUpdatedAt);
  const jobs = listed.map((job) => followed.jobs.get(job.id) ?? job);
  const readAt = useLicenseErrors().data?.done?.generatedAt ?? null;
  const itemsByUser = useMemo(
    () => itemsNewerThanList(followed.itemsByUser, readAt),
    [followed.itemsByUser, readAt],
  );
  useJobOutcomesInList(itemsByUser);
  return { jobs, error: list.error, itemsByUser };
}

/** The signed-in workspace: users in error and seats, for anyone who may read them. */
export function Workspace({ me }: { me: GetMeResponse }) {
  const idBase = useId();
  const urlState = useListUrlState();
  const permission = useMemo(() => reprocessPermission(me), [me]);
  const needingSeats = useProductsNeedingSeats();
  const { tab } = urlState;
  const jobs = useWorkspaceJobs();
  return (
    <div className="space-y-6">
      {!permission.allowed && (
        <p
          id={READ_ONLY_REASON_ID}
          className="rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
        >
          <span className="font-semibold">Read-only.</span> {permission.reason}
        </p>
      )}
      <JobsPanel jobs={jobs.jobs} error={jobs.error} canControl={permission.allowed} />
      <WorkspaceTabs
        idBase={idBase}
        tab={tab}
        onChange={urlState.setTab}
        labels={{
          errors: "Users in error",
          seats: needingSeats
            ? `Seats (${needingSeats} product${needingSeats === 1 ? "" : "s"} short)`
            : "Seats",
        }}
      />
      <div role="tabpanel" id={tabPanelId(idBase, tab)} aria-labelledby={tabId(idBase, tab)}>
        {tab === "errors" ? (
          <LicenseErrorsView
            permission={permission}
            urlState={urlState}
            jobItems={jobs.itemsByUser}
          />
        ) : (
          <SeatsView />
        )}
      </div>
    </div>
  );
}
