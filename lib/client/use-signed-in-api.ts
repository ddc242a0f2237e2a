"use client";

import { InteractionStatus } from "@azure/msal-browser";
import { useAccount, useMsal } from "@azure/msal-react";
import type { ApiFetchContext } from "./api-fetch";
import { useApi } from "./use-api";

export interface SignedInApi {
  api: ApiFetchContext;
  /** Part of every query key, so another sign-in never sees this account's answers. */
  accountId: string;
  /** An account is signed in and MSAL is not busy with a redirect: queries may run. */
  ready: boolean;
}

/** What queries of the signed-in account need, and whether they may run yet. */
export function useSignedInApi(): SignedInApi {
  const { inProgress } = useMsal();
  const account = useAccount();
  const api = useApi();
  return {
    api,
    accountId: account?.homeAccountId ?? "",
    ready: account !== null && inProgress === InteractionStatus.None,
  };
}
