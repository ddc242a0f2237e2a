import { queryOptions } from "@tanstack/react-query";
import type { GetSeatsResponse } from "@/lib/api/seats";
import { apiFetch, type ApiFetchContext } from "../api-fetch";
import { seatKeys } from "../query-keys";

/** `GET /api/seats`: every product with its seats and users in error. */
export const seatsQueryOptions = (api: ApiFetchContext, homeAccountId: string) =>
  queryOptions({
    queryKey: seatKeys.list(homeAccountId),
    queryFn: ({ signal }) => apiFetch<GetSeatsResponse>(api, "/api/seats", { signal }),
  });
