import { queryOptions } from "@tanstack/react-query";
import type { GetMeResponse } from "@/lib/api/me";
import { apiFetch, type ApiFetchContext } from "../api-fetch";
import { meKeys } from "../query-keys";

/** `GET /api/me` for the signed-in account. */
export const meQueryOptions = (api: ApiFetchContext, homeAccountId: string) =>
  queryOptions({
    queryKey: meKeys.detail(homeAccountId),
    queryFn: ({ signal }) => apiFetch<GetMeResponse>(api, "/api/me", { signal }),
  });
