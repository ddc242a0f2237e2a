"use client";

import { useQuery } from "@tanstack/react-query";
import { licenseCausesQueryOptions } from "./queries/license-causes";
import { useSignedInApi } from "./use-signed-in-api";

/** One user's named license causes; `enabled` false keeps a resolved user from being read again. */
export function useLicenseCauses(userId: string, enabled: boolean) {
  const { api, accountId, ready } = useSignedInApi();
  return useQuery({
    ...licenseCausesQueryOptions(api, accountId, userId),
    enabled: ready && enabled,
  });
}
