import { queryOptions } from "@tanstack/react-query";
import type { GetUserLicenseCausesResponse } from "@/lib/api/license-causes";
import { apiFetch, type ApiFetchContext } from "../api-fetch";
import { licenseCauseKeys } from "../query-keys";

/** `GET /api/users/{id}/license-causes`: why each failing license fails, and the fixes. */
export const licenseCausesQueryOptions = (
  api: ApiFetchContext,
  homeAccountId: string,
  userId: string,
) =>
  queryOptions({
    queryKey: licenseCauseKeys.user(homeAccountId, userId),
    queryFn: ({ signal }) =>
      apiFetch<GetUserLicenseCausesResponse>(
        api,
        `/api/users/${encodeURIComponent(userId)}/license-causes`,
        { signal },
      ),
  });
