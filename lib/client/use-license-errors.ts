"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { licenseErrorsQueryOptions } from "./queries/license-errors";
import { useSignedInApi } from "./use-signed-in-api";

/** Every user in error across the tenant, filling in as the server streams them. */
export function useLicenseErrors() {
  const { api, accountId, ready } = useSignedInApi();
  return useQuery({ ...licenseErrorsQueryOptions(api, accountId), enabled: ready });
}

/** Reads the list again from Graph, past the server's short cache. */
export function useRefreshLicenseErrors(): () => void {
  const { api, accountId } = useSignedInApi();
  const queryClient = useQueryClient();
  return useCallback(() => {
    const options = licenseErrorsQueryOptions(api, accountId, { refresh: true });
    void (async () => {
      await queryClient.cancelQueries({ queryKey: options.queryKey });
      // A failure lands in the query's state, where the list shows it; nothing to do here.
      await queryClient.fetchQuery({ ...options, staleTime: 0 }).catch(() => undefined);
    })();
  }, [api, accountId, queryClient]);
}
