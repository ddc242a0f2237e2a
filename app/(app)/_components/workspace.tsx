"use client";

import { useId, useMemo } from "react";
import type { JobView } from "@/lib/api/jobs";
import type { GetMeResponse } from "@/lib/api/me";
import { itemsNewerThanList } from "@/lib/client/queries/jobs";
import { useFollowedJobs, useJobOutcomesInList, useJobs } from "@/lib/client/use-jobs";
import { useLicenseErrors } from "@/lib/client/use-license-errors";
import { useSeats } from "@/lib/client/use-seats";
import { usersWaitingForSeats } from "./license-error-values";
import { JobsPanel } from "./jobs-panel";
import { LicenseErrorsView } from "./license-errors-view";
import { READ_ONLY_REASON_ID, reprocessPermission } from "./reprocess-permission";
import { seatAdvice } from "./seat-advice";
import { SeatsOverview } from "./seats-overview";
import { useListUrlState } from "./use-list-url-state";
import { tabId, tabPanelId, WorkspaceTabs } from "./workspace-tabs";

/** How many products need seats bought or freed, for the Seats tab's label. */
function useProductsNeedingSeats(): number {
  const seats = useSeats();
  const list = useLicenseErrors();
  const waiting = usersWaitingForSeats(list.data?.rows ?? []);
  return (seats.data?.products ?? []).filter(
    (product) => seatAdvice(product, waiting.get(product.skuId) ?? 0).kind === "buy",
  ).length;
}

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
          <section aria-labelledby="seats-heading" className="space-y-4">
            <div>
              <h1 id="seats-heading" className="text-2xl font-semibold tracking-tight">
                Seats
              </h1>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                Where buying or freeing seats is the real fix, it is marked first.
              </p>
            </div>
            <SeatsOverview />
          </section>
        )}
      </div>
    </div>
  );
}
