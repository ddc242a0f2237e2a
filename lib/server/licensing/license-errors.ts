import "server-only";
import {
  LICENSE_ERRORS_CONTENT_TYPE,
  type LicenseErrorsStreamEvent,
  type ListLicenseErrorsQuery,
} from "@/lib/api/license-errors";
import { getServerEnv } from "../env";
import { type CallerGraph, graphFor } from "../graph/for-caller";
import type { Caller } from "../http/with-auth";
import { acquireScan } from "./scan-cache";
import type { ScanRun } from "./scan-run";
import { startScan } from "./scan";

/**
 * The tenant's scan for this caller: cached, joined while running, or started now. `ttlMs` defaults to
 * the configured cache time.
 */
export function licenseErrorsScan(
  { graph, accessKey }: CallerGraph,
  { refresh, ttlMs = getServerEnv().licenseErrorsCacheMs }: { refresh: boolean; ttlMs?: number },
): ScanRun {
  return acquireScan(accessKey, {
    ttlMs,
    refresh,
    start: (run) => startScan(graph, run, getServerEnv().licenseErrorsRead),
  });
}

const encoder = new TextEncoder();
const line = (event: LicenseErrorsStreamEvent) => encoder.encode(`${JSON.stringify(event)}\n`);

/**
 * `GET /api/license-errors` as NDJSON. The first event is awaited before answering, so a failure to
 * start (consent, throttling, Graph down) is an HTTP error; later failures end the stream with an error event.
 */
export async function streamLicenseErrors(
  caller: Caller,
  query: ListLicenseErrorsQuery,
): Promise<Response> {
  const run = licenseErrorsScan(await graphFor(caller), { refresh: query.refresh === "1" });
  const events = run.events();
  const first = await events.next();
  if (!first.done && first.value.type === "error" && run.failure) throw run.failure;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(line(first.value));
    },
    async pull(controller) {
      const next = await events.next();
      if (next.done) controller.close();
      else controller.enqueue(line(next.value));
    },
    async cancel() {
      // The scan itself goes on for the cache and for other listeners.
      await events.return(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": `${LICENSE_ERRORS_CONTENT_TYPE}; charset=utf-8`,
      "x-content-type-options": "nosniff",
    },
  });
}
