"use client";

import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";
import type {
  CreateJobResponse,
  GetJobResponse,
  JobAction,
  JobEstimate,
  JobSelection,
  JobView,
} from "@/lib/api/jobs";
import { apiDownload, apiFetch } from "./api-fetch";
import { jobPath, type LiveJobData } from "./queries/jobs";
import { jobActionKeys, jobKeys } from "./query-keys";
import { saveFile } from "./save-file";
import { useSignedInApi } from "./use-signed-in-api";

const postJson = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** The job as the server now has it, in the list and in the live view, before the next event. */
function storeJob(queryClient: QueryClient, accountId: string, job: JobView) {
  queryClient.setQueryData<{ jobs: JobView[] }>(jobKeys.list(accountId), (data) => {
    const others = (data?.jobs ?? []).filter((j) => j.id !== job.id);
    return { jobs: [job, ...others].toSorted((a, b) => b.createdAt.localeCompare(a.createdAt)) };
  });
  queryClient.setQueryData<LiveJobData>(jobKeys.live(accountId, job.id), (live) =>
    live ? { ...live, job } : live,
  );
}

/** `POST /api/jobs/estimate`: how many users a selection holds and how long they would take. */
export function useEstimateJob() {
  const { api } = useSignedInApi();
  return useMutation({
    mutationKey: jobActionKeys.estimate(),
    mutationFn: (selection: JobSelection) =>
      apiFetch<JobEstimate>(api, "/api/jobs/estimate", postJson({ selection })),
  });
}

/** `POST /api/jobs`: stores the job; it shows in the jobs panel at once. */
export function useCreateJob() {
  const { api, accountId } = useSignedInApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: jobActionKeys.create(),
    mutationFn: async (selection: JobSelection) =>
      (await apiFetch<CreateJobResponse>(api, "/api/jobs", postJson({ selection }))).job,
    onSuccess: (job) => {
      storeJob(queryClient, accountId, job);
      void queryClient.invalidateQueries({ queryKey: jobKeys.list(accountId) });
    },
  });
}

/** `POST /api/jobs/{id}/pause|resume|cancel` */
export function useControlJob(jobId: string) {
  const { api, accountId } = useSignedInApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: jobActionKeys.control(jobId),
    mutationFn: async (action: JobAction) =>
      (await apiFetch<GetJobResponse>(api, `${jobPath(jobId)}/${action}`, { method: "POST" })).job,
    onSuccess: (job) => storeJob(queryClient, accountId, job),
  });
}

/** `GET /api/jobs/{id}/results.csv` with the bearer token, saved as a file. */
export function useDownloadJobCsv(jobId: string) {
  const { api } = useSignedInApi();
  return useMutation({
    mutationFn: async () => {
      const { blob, filename } = await apiDownload(
        api,
        `${jobPath(jobId)}/results.csv`,
        `licensedesk-job-${jobId}.csv`,
      );
      saveFile(blob, filename);
    },
  });
}
