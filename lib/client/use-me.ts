"use client";

import { useQuery } from "@tanstack/react-query";
import { meQueryOptions } from "./queries/me";
import { useSignedInApi } from "./use-signed-in-api";

/** The signed-in caller as the API sees them; waits until MSAL has finished any interaction. */
export function useMe() {
  const { api, accountId, ready } = useSignedInApi();
  return useQuery({ ...meQueryOptions(api, accountId), enabled: ready });
}
