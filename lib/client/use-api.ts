"use client";

import { useMsal } from "@azure/msal-react";
import { useMemo } from "react";
import type { ApiFetchContext } from "./api-fetch";
import { useAuthConfig } from "./auth-config-context";

/** What `apiFetch` needs to call the Licensedesk API as the signed-in user. */
export function useApi(): ApiFetchContext {
  const { instance } = useMsal();
  const { apiScope } = useAuthConfig();
  return useMemo(() => ({ msal: instance, scopes: [apiScope] }), [instance, apiScope]);
}
