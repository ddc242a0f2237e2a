import { z } from "zod";
import { newRequestId } from "../http/ids";
import type { EmulatorRequest, Reply } from "../http/types";
import type { EmulatorState } from "../state";
import { GraphError } from "./errors";
import { errorResult, requestIds, type GraphResult } from "./respond";

const MAX_REQUESTS = 20;

const itemSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  method: z.string().min(1),
  url: z.string().min(1),
  headers: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
});

type BatchItem = z.infer<typeof itemSchema>;

export interface BatchContext {
  version: string;
  execute(req: EmulatorRequest, state: EmulatorState, inBatch: boolean): Promise<Reply>;
}

const invalid = (message: string) => new GraphError(400, "BadRequest", message);

/** Parses and checks the batch as Graph does before running anything; throws a 400 otherwise. */
function readBatch(raw: string): BatchItem[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid(
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    );
  }
  const requests = (parsed as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0)
    throw invalid("Invalid batch payload format.");
  if (requests.length > MAX_REQUESTS) {
    throw invalid(`Number of batch requests exceeds the maximum of ${MAX_REQUESTS}.`);
  }
  const items = requests.map((request, i) => {
    const item = itemSchema.safeParse(request);
    if (!item.success) {
      const field = item.error.issues[0]?.path[0] ?? "request";
      throw invalid(
        `Invalid batch payload format. Request ${i + 1} has a missing or invalid '${String(field)}'.`,
      );
    }
    return item.data;
  });
  const ids = new Set<string>();
  for (const item of items) {
    const key = item.id.toLowerCase();
    if (ids.has(key)) throw invalid(`Batch request contains a duplicate request id '${item.id}'.`);
    ids.add(key);
    const contentType = Object.keys(item.headers ?? {}).some(
      (h) => h.toLowerCase() === "content-type",
    );
    if (item.body !== undefined && !contentType) {
      throw invalid(`Write request id : ${item.id} does not contain Content-Type header or body.`);
    }
  }
  return ordered(items);
}

/** Items in an order that runs every dependency first; unknown ids and cycles are a 400. */
function ordered(items: BatchItem[]): BatchItem[] {
  const byId = new Map(items.map((item) => [item.id.toLowerCase(), item]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const result: BatchItem[] = [];
  const visit = (item: BatchItem) => {
    const key = item.id.toLowerCase();
    if (done.has(key)) return;
    if (visiting.has(key)) throw invalid(`Request ${item.id} has a circular dependency.`);
    visiting.add(key);
    for (const dep of item.dependsOn ?? []) {
      const target = byId.get(dep.toLowerCase());
      if (!target)
        throw invalid(`Request ${item.id} depends on request '${dep}', which is not in the batch.`);
      visit(target);
    }
    visiting.delete(key);
    done.add(key);
    result.push(item);
  };
  items.forEach(visit);
  return result;
}

const ITEM_HEADERS: Record<string, string> = {
  "cache-control": "Cache-Control",
  "content-type": "Content-Type",
  "odata-version": "OData-Version",
  "x-ms-resource-unit": "x-ms-resource-unit",
  "retry-after": "Retry-After",
  "x-ms-throttle-scope": "x-ms-throttle-scope",
  "x-ms-throttle-information": "x-ms-throttle-information",
  "x-ms-throttle-limit-percentage": "x-ms-throttle-limit-percentage",
  location: "Location",
};

/** The headers Graph puts on a batch item, in its casing. */
const itemHeaders = (headers: Record<string, string> = {}) =>
  Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) => {
      const canonical = ITEM_HEADERS[name.toLowerCase()];
      return canonical ? [[canonical, value]] : [];
    }),
  );

function itemRequest(
  outer: EmulatorRequest,
  item: BatchItem,
  version: string,
  seq: number,
): EmulatorRequest {
  const relative = item.url.startsWith("/") ? item.url : `/${item.url}`;
  const url = new URL(relative, "http://batch.invalid");
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(item.headers ?? {}))
    headers[name.toLowerCase()] = value;
  for (const name of ["authorization", "host"]) {
    const value = outer.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return {
    method: item.method.toUpperCase(),
    // The Graph SDK sends `/v1.0/users` (its absolute URL minus the host); Graph accepts both forms.
    path: /^\/(v1\.0|beta)(\/|$)/i.test(path) ? path : `/${version}${path}`,
    query: url.searchParams,
    headers,
    body: item.body,
    rawBody: item.body === undefined ? "" : JSON.stringify(item.body),
    params: {},
    remoteAddress: outer.remoteAddress,
    requestId: newRequestId(),
    seq,
  };
}

function failedDependency(dependency: string, req: EmulatorRequest): GraphResult {
  const result = errorResult(
    new GraphError(
      424,
      "FailedDependency",
      `The request depends on request '${dependency}', which failed.`,
    ),
    requestIds(req),
  );
  return { ...result, headers: { "content-type": "application/json" } };
}

/**
 * `POST /$batch`: runs up to 20 requests through the same pipeline with the outer token, in
 * dependency order; a failed dependency makes its dependants 424, and a dropped item drops the batch.
 */
export async function runBatch(
  req: EmulatorRequest,
  state: EmulatorState,
  context: BatchContext,
): Promise<GraphResult | { drop: true }> {
  const items = readBatch(req.rawBody);
  const statuses = new Map<string, number>();
  const responses: unknown[] = [];
  for (const item of items) {
    const seq = state.log.nextSeq();
    const itemReq = itemRequest(req, item, context.version, seq);
    const failedDep = (item.dependsOn ?? []).find((dep) => {
      const status = statuses.get(dep.toLowerCase()) ?? 0;
      return status < 200 || status > 299;
    });
    const reply: Reply = failedDep
      ? failedDependency(failedDep, itemReq)
      : await context.execute(itemReq, state, true);
    if (reply.drop) return { drop: true };
    statuses.set(item.id.toLowerCase(), reply.status);
    state.log.add({
      seq,
      time: new Date().toISOString(),
      method: itemReq.method,
      path: itemReq.path,
      query: itemReq.query.toString(),
      batchSeq: req.seq,
      status: reply.status,
      requestId: itemReq.requestId,
      clientRequestId: itemReq.headers["client-request-id"],
      appId: reply.caller?.appId,
      userId: reply.caller?.userId,
    });
    responses.push({
      id: item.id,
      status: reply.status,
      headers: itemHeaders(reply.headers),
      ...(reply.body === undefined ? {} : { body: reply.body }),
    });
  }
  return { status: 200, body: { responses } };
}
