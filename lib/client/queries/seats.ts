import { queryOptions } from "@tanstack/react-query";
import type { GetReclaimableSeatsResponse, GetSeatsResponse } from "@/lib/api/seats";
import { apiFetch, type ApiFetchContext } from "../api-fetch";
import { seatKeys } from "../query-keys";

/** `GET /api/seats`: every product with its seats and users in error. */
export const seatsQueryOptions = (api: ApiFetchContext, homeAccountId: string) =>
  queryOptions({
    queryKey: seatKeys.list(homeAccountId),
    queryFn: ({ signal }) => apiFetch<GetSeatsResponse>(api, "/api/seats", { signal }),
  });

/** `/api/seats/{skuId}/reclaimable` (or its `.csv`) for holders inactive for `inactiveDays`. */
export const reclaimableSeatsPath = (
  skuId: string,
  inactiveDays: number,
  format: "json" | "csv" = "json",
) =>
  `/api/seats/${encodeURIComponent(skuId)}/reclaimable${format === "csv" ? ".csv" : ""}` +
  `?inactiveDays=${inactiveDays}`;

/** `GET /api/seats/{skuId}/reclaimable`: disabled holders, and inactive ones when Graph shows sign-ins. */
export const reclaimableSeatsQueryOptions = (
  api: ApiFetchContext,
  homeAccountId: string,
  skuId: string,
  inactiveDays: number,
) =>
  queryOptions({
    queryKey: seatKeys.reclaimable(homeAccountId, skuId, inactiveDays),
    queryFn: ({ signal }) =>
      apiFetch<GetReclaimableSeatsResponse>(api, reclaimableSeatsPath(skuId, inactiveDays), {
        signal,
      }),
  });
