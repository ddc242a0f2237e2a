import type { FaultRule } from "../traffic/faults";
import { GraphError } from "./errors";
import { errorResult, throttledResult, type GraphResult, type RequestIds } from "./respond";

const FAULT_ERRORS: Record<number, [code: string, message: string]> = {
  400: ["BadRequest", "The request is malformed or incorrect."],
  401: ["InvalidAuthenticationToken", "Access token validation failure."],
  403: ["Authorization_RequestDenied", "Insufficient privileges to complete the operation."],
  404: ["Request_ResourceNotFound", "The requested resource does not exist."],
  409: [
    "Request_MultipleObjectsWithSameKeyValue",
    "Another object with the same value for property already exists.",
  ],
  500: ["generalException", "An unexpected error occurred."],
  502: ["BadGateway", "The server received an invalid response from an upstream server."],
  503: ["serviceNotAvailable", "The service is temporarily unavailable. Please retry later."],
  504: ["GatewayTimeout", "The operation timed out."],
  507: ["quotaLimitReached", "The user has reached their quota limit."],
};

/** Retry-After in seconds with up to three decimals, e.g. `2.128`, as Graph sends it. */
export const retryAfterValue = (value: number) => String(Number(value.toFixed(3)));

/** The answer an injected fault gives, shaped exactly like the real failure it imitates. */
export function faultResult(rule: FaultRule & { status: number }, ids: RequestIds): GraphResult {
  const retryAfter = rule.omitRetryAfter
    ? undefined
    : (rule.retryAfter ?? (rule.status === 429 ? 1 : undefined));
  const headers: Record<string, string> =
    retryAfter === undefined ? {} : { "retry-after": retryAfterValue(retryAfter) };
  if (rule.status === 429) return throttledResult(ids, headers);
  const [code, message] = FAULT_ERRORS[rule.status] ?? [
    "UnknownError",
    "The service failed to process the request.",
  ];
  return errorResult(new GraphError(rule.status, code, message, headers), ids);
}
