"use client";

import {
  type MutationState,
  MutationObserver,
  mutationOptions,
  type QueryClient,
  useMutation,
  useMutationState,
  useQueryClient,
} from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import type { ReprocessResult } from "@/lib/api/reprocess";
import { apiFetch, type ApiFetchContext } from "./api-fetch";
import { applyReprocessResult, type LicenseErrorsData } from "./queries/license-errors";
import {
  historyKeys,
  licenseCauseKeys,
  licenseErrorKeys,
  seatKeys,
  userActionKeys,
} from "./query-keys";
import { useSignedInApi } from "./use-signed-in-api";

interface ActionContext {
  api: ApiFetchContext;
  accountId: string;
  queryClient: QueryClient;
}

/** The row changes in place; seat counts, named causes and the history have moved, so they are read again. */
function afterUserAction(
  { queryClient, accountId }: ActionContext,
  userId: string,
  result: ReprocessResult,
) {
  queryClient.setQueryData<LicenseErrorsData>(licenseErrorKeys.list(accountId), (data) =>
    applyReprocessResult(data, userId, result),
  );
  void queryClient.invalidateQueries({ queryKey: seatKeys.all });
  void queryClient.invalidateQueries({ queryKey: licenseCauseKeys.all });
  void queryClient.invalidateQueries({ queryKey: historyKeys.all });
}

const userPath = (userId: string, action: string) =>
  `/api/users/${encodeURIComponent(userId)}/${action}`;

/** `POST /api/users/{id}/reprocess`, then the list shows the user's new state. */
const reprocessMutationOptions = (context: ActionContext, userId: string) =>
  mutationOptions({
    mutationKey: userActionKeys.reprocess(userId),
    mutationFn: () =>
      apiFetch<ReprocessResult>(context.api, userPath(userId, "reprocess"), {
        method: "POST",
      }),
    onSuccess: (result: ReprocessResult) => afterUserAction(context, userId, result),
  });

/** `POST /api/users/{id}/usage-location`: sets it, reprocesses and verifies in one call. */
const usageLocationMutationOptions = (context: ActionContext, userId: string) =>
  mutationOptions({
    mutationKey: userActionKeys.usageLocation(userId),
    mutationFn: (usageLocation: string) =>
      apiFetch<ReprocessResult>(context.api, userPath(userId, "usage-location"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ usageLocation }),
      }),
    onSuccess: (result: ReprocessResult) => afterUserAction(context, userId, result),
  });

function useActionContext(): ActionContext {
  const { api, accountId } = useSignedInApi();
  const queryClient = useQueryClient();
  return useMemo(() => ({ api, accountId, queryClient }), [api, accountId, queryClient]);
}

export function useSetUsageLocation(userId: string) {
  return useMutation(usageLocationMutationOptions(useActionContext(), userId));
}

/**
 * Starts a reprocess of any user without a hook per row (a virtualized grid mounts rows as it
 * scrolls); the result is read back with `useLatestUserAction`.
 */
export function useStartReprocess(): (userId: string) => void {
  const context = useActionContext();
  return useCallback(
    (userId: string) => {
      const observer = new MutationObserver(
        context.queryClient,
        reprocessMutationOptions(context, userId),
      );
      // A failure is kept in the mutation's state, where the user's panel shows it.
      observer.mutate().catch(() => undefined);
    },
    [context],
  );
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

/** The users with an action running, so a second one is not started on top. */
export function useUsersWithActionRunning(): Set<string> {
  const userIds = useMutationState({
    filters: { mutationKey: userActionKeys.all, status: "pending" },
    select: (mutation) => String(mutation.options.mutationKey?.[1]),
  });
  const key = userIds.toSorted().join(",");
  // The set changes only when who is running changes, not on every cache notification.
  return useMemo(() => new Set(key ? key.split(",") : []), [key]);
}
