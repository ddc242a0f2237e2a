import type { Reply } from "../http/types";

/**
 * A fault that lets the request run as usual and spoils only its answer: the JSON body is cut in half
 * (still labelled JSON), as a proxy that drops the end of a response would leave it. The request's
 * effect (a write) has happened; the caller just cannot read the answer.
 */
export function withMalformedBody(reply: Reply): Reply {
  // A dropped connection or an empty answer (204) has no body to spoil.
  if (reply.drop || reply.body === undefined) return reply;
  const json = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
  const cut = json.slice(0, Math.max(1, Math.floor(json.length / 2)));
  return {
    ...reply,
    headers: { ...reply.headers, "content-type": "application/json; charset=utf-8" },
    body: cut,
  };
}
