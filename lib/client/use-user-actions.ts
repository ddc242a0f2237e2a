"use client";

import {
  type MutationState,
  type QueryClient,
  useMutation,
  useMutationState,
  useQueryClient,
} from "@tanstack/react-query";
import { type ReprocessResult, reprocessResultSchema } from "@/lib/api/reprocess";
import { apiFetch } from "./api-fetch";
import { applyReprocessResult, type LicenseErrorsData } from "./queries/license-errors";
import { licenseErrorKeys, seatKeys, userActionKeys } from "./query-keys";
import { useSignedInApi } from "./use-signed-in-api";

/** The row changes in place; seat counts may have moved, so they are read again. */
function afterUserAction(
  queryClient: QueryClient,
  accountId: string,
  userId: string,
  result: ReprocessResult,
) {
  queryClient.setQueryData<LicenseErrorsData>(licenseErrorKeys.list(accountId), (data) =>
    applyReprocessResult(data, userId, result),
  );
  void queryClient.invalidateQueries({ queryKey: seatKeys.all });
}

const userPath = (userId: string, action: string) =>
  `/api/users/${encodeURIComponent(userId)}/${action}`;

/** `POST /api/users/{id}/reprocess`, then the list shows the user's new state. */
export function useReprocessUser(userId: string) {
  const { api, accountId } = useSignedInApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: userActionKeys.reprocess(userId),
    mutationFn: () =>
      apiFetch(api, userPath(userId, "reprocess"), reprocessResultSchema, { method: "POST" }),
    onSuccess: (result) => afterUserAction(queryClient, accountId, userId, result),
  });
}

/** `POST /api/users/{id}/usage-location`: sets it, reprocesses and verifies in one call. */
export function useSetUsageLocation(userId: string) {
  const { api, accountId } = useSignedInApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: userActionKeys.usageLocation(userId),
    mutationFn: (usageLocation: string) =>
      apiFetch(api, userPath(userId, "usage-location"), reprocessResultSchema, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ usageLocation }),
      }),
    onSuccess: (result) => afterUserAction(queryClient, accountId, userId, result),
  });
}

export type UserActionState = MutationState<ReprocessResult, Error, unknown>;

/** The latest reprocess or usage-location change of a user, wherever it was started. */
export function useLatestUserAction(userId: string): UserActionState | undefined {
  const states = useMutationState({
    filters: { mutationKey: userActionKeys.user(userId) },
    select: (mutation) => mutation.state as UserActionState,
  });
  return states.at(-1);
}

/** Whether any action on the user is running (so a second one is not started on top). */
export function useIsUserActionRunning(userId: string): boolean {
  const states = useMutationState({
    filters: { mutationKey: userActionKeys.user(userId), status: "pending" },
  });
  return states.length > 0;
}
