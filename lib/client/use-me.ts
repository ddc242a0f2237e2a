"use client";

import { InteractionStatus } from "@azure/msal-browser";
import { useAccount, useMsal } from "@azure/msal-react";
import { useQuery } from "@tanstack/react-query";
import { meQueryOptions } from "./queries/me";
import { useApi } from "./use-api";

/** The signed-in caller as the API sees them; waits until MSAL has finished any interaction. */
export function useMe() {
  const { inProgress } = useMsal();
  const account = useAccount();
  const api = useApi();
  return useQuery({
    ...meQueryOptions(api, account?.homeAccountId ?? ""),
    enabled: account !== null && inProgress === InteractionStatus.None,
  });
}
