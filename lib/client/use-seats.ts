"use client";

import { useQuery } from "@tanstack/react-query";
import { seatsQueryOptions } from "./queries/seats";
import { useSignedInApi } from "./use-signed-in-api";

/** Seats per product and how many users are in error on each. */
export function useSeats() {
  const { api, accountId, ready } = useSignedInApi();
  return useQuery({ ...seatsQueryOptions(api, accountId), enabled: ready });
}
