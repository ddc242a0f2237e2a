import type { EmulatorState } from "../state";

/** One request as the emulator's handlers see it, whether it came over the wire or out of a $batch. */
export interface EmulatorRequest {
  method: string;
  /** Decoded path without the query string, e.g. `/v1.0/users/abc`. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON or form body; undefined when there is none. */
  body: unknown;
  rawBody: string;
  /** Named segments captured by the route pattern. */
  params: Record<string, string>;
  remoteAddress: string;
  requestId: string;
  /** Sequence number in the request log (a $batch item carries its outer request's). */
  seq: number;
}

/** What a handler answers; the server turns it into an HTTP response. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are (set content-type in headers). */
  body?: unknown;
  /** Destroy the socket instead of answering (a fault). */
  drop?: boolean;
  /** Who called, for the request log. */
  caller?: { appId?: string; userId?: string };
}

export type Handler = (req: EmulatorRequest, state: EmulatorState) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
}
