"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { apiDownload } from "./api-fetch";
import {
  reclaimableSeatsPath,
  reclaimableSeatsQueryOptions,
  seatsQueryOptions,
} from "./queries/seats";
import { saveFile } from "./save-file";
import { useSignedInApi } from "./use-signed-in-api";

/** Seats per product and how many users are in error on each. */
export function useSeats() {
  const { api, accountId, ready } = useSignedInApi();
  return useQuery({ ...seatsQueryOptions(api, accountId), enabled: ready });
}

/** A product's holders that could give their seat back; the last list stays while another loads. */
export function useReclaimableSeats(skuId: string, inactiveDays: number) {
  const { api, accountId, ready } = useSignedInApi();
  return useQuery({
    ...reclaimableSeatsQueryOptions(api, accountId, skuId, inactiveDays),
    enabled: ready,
    // Another threshold's list of the same product, never another product's.
    placeholderData: (previous) =>
      previous?.skuId.toLowerCase() === skuId.toLowerCase() ? previous : undefined,
  });
}

/** `GET /api/seats/{skuId}/reclaimable.csv` with the bearer token, saved as a file. */
export function useDownloadReclaimableCsv(skuId: string) {
  const { api } = useSignedInApi();
  return useMutation({
    mutationFn: async (inactiveDays: number) => {
      const { blob, filename } = await apiDownload(
        api,
        reclaimableSeatsPath(skuId, inactiveDays, "csv"),
        `licensedesk-reclaimable-${skuId}.csv`,
      );
      saveFile(blob, filename);
    },
  });
}
