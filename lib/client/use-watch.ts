"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  CreateWebhookBody,
  TestWebhookResponse,
  UpdateWatchSettingsBody,
  WatchSettingsResponse,
  WebhookView,
} from "@/lib/api/watch";
import { apiFetch } from "./api-fetch";
import { historyKeys, watchKeys } from "./query-keys";
import { useSignedInApi } from "./use-signed-in-api";

const json = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: body === undefined ? undefined : { "content-type": "application/json" },
  body: body === undefined ? undefined : JSON.stringify(body),
});

/** The watch's settings, its last run and the webhooks, read again as checks happen. */
export function useWatchSettings() {
  const { api, accountId, ready } = useSignedInApi();
  return useQuery({
    queryKey: watchKeys.settings(accountId),
    queryFn: ({ signal }) =>
      apiFetch<WatchSettingsResponse>(api, "/api/settings/watch", { signal }),
    enabled: ready,
    // Soon while a check is on its way (asked for, or the first after turning it on); now and then otherwise.
    refetchInterval: (query) => {
      const data = query.state.data;
      return data?.runPending || (data?.enabled && !data.lastRun) ? 2_000 : 30_000;
    },
  });
}

/** Every change here is recorded: the history is read again after each. */
function useWatchMutation<T, R>(send: (body: T) => [string, RequestInit]) {
  const { api, accountId } = useSignedInApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => apiFetch<R>(api, ...send(body)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: watchKeys.settings(accountId) });
      void queryClient.invalidateQueries({ queryKey: historyKeys.all });
    },
  });
}

export const useUpdateWatch = () =>
  useWatchMutation<UpdateWatchSettingsBody, WatchSettingsResponse>((body) => [
    "/api/settings/watch",
    json("PUT", body),
  ]);

export const useCheckNow = () =>
  useWatchMutation<void, WatchSettingsResponse>(() => ["/api/settings/watch/run", json("POST")]);

export const useAddWebhook = () =>
  useWatchMutation<CreateWebhookBody, WebhookView>((body) => [
    "/api/settings/webhooks",
    json("POST", body),
  ]);

export const useRemoveWebhook = () =>
  useWatchMutation<string, { removed: string }>((id) => [
    `/api/settings/webhooks/${encodeURIComponent(id)}`,
    json("DELETE"),
  ]);

export const useTestWebhook = () =>
  useWatchMutation<string, TestWebhookResponse>((id) => [
    `/api/settings/webhooks/${encodeURIComponent(id)}/test`,
    json("POST"),
  ]);

export const useSetSeatsRule = () =>
  useWatchMutation<{ skuId: string; enabled: boolean }, WatchSettingsResponse>(
    ({ skuId, enabled }) => [
      `/api/settings/rules/${encodeURIComponent(skuId)}`,
      json("PUT", { enabled }),
    ],
  );
