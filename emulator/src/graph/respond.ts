import { randomUUID } from "node:crypto";
import type { EmulatorRequest } from "../http/types";
import { GraphError } from "./errors";

/** A Graph answer before the pipeline adds its standard headers. */
export interface GraphResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

/** Graph echoes the caller's client-request-id and makes one up when there is none. */
export const requestIds = (req: EmulatorRequest): RequestIds => ({
  requestId: req.requestId,
  clientRequestId: req.headers["client-request-id"] || randomUUID(),
});

/** `innerError.date` is UTC without a zone suffix or fraction, e.g. `2025-07-14T16:14:05`. */
export const innerErrorDate = (now = new Date()) => now.toISOString().slice(0, 19);

export const JSON_TYPE =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

const DIAGNOSTIC = JSON.stringify({
  ServerInfo: {
    DataCenter: "Emulator",
    Slice: "E",
    Ring: "0",
    ScaleUnit: "000",
    RoleInstance: "LICENSEDESK-EMULATOR",
  },
});

export function errorResult(error: GraphError, ids: RequestIds): GraphResult {
  return {
    status: error.status,
    headers: { "content-type": "application/json", ...error.headers },
    body: {
      error: {
        code: error.code,
        message: error.message,
        innerError: {
          date: innerErrorDate(),
          "request-id": ids.requestId,
          "client-request-id": ids.clientRequestId,
        },
      },
    },
  };
}

/** The 429 body is Graph's throttling sample, which differs from other errors. */
export function throttledResult(ids: RequestIds, headers: Record<string, string>): GraphResult {
  return {
    status: 429,
    headers: { "content-type": "application/json", ...headers },
    body: {
      error: {
        code: "TooManyRequests",
        message: "Please retry again later.",
        innerError: {
          code: "429",
          date: innerErrorDate(),
          message: "Please retry after",
          "request-id": ids.requestId,
          status: "429",
        },
      },
    },
  };
}

/** Headers every Graph response carries (lower-case names, as the server writes them); the result's own win. */
export function withStandardHeaders(
  result: GraphResult,
  ids: RequestIds,
  resourceUnits: number,
): GraphResult {
  // Error bodies are plain JSON in Graph; only successful payloads carry OData metadata headers.
  const odataBody =
    result.body !== undefined && typeof result.body !== "string" && result.status < 400;
  return {
    ...result,
    headers: {
      "cache-control": "no-cache",
      ...(odataBody ? { "content-type": JSON_TYPE, "odata-version": "4.0" } : {}),
      "request-id": ids.requestId,
      "client-request-id": ids.clientRequestId,
      "x-ms-ags-diagnostic": DIAGNOSTIC,
      "x-ms-resource-unit": String(resourceUnits),
      date: new Date().toUTCString(),
      ...result.headers,
    },
  };
}
