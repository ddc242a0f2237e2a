import { setTimeout as sleep } from "node:timers/promises";
import type { EmulatorRequest, Reply } from "../http/types";
import type { EmulatorState } from "../state";
import { requestCost } from "../traffic/costs";
import { withMalformedBody } from "../traffic/malformed-body";
import { authenticate, authorize, type Caller } from "./auth";
import { runBatch } from "./batch";
import { GraphError, methodNotAllowed, odataError, segmentNotFound } from "./errors";
import { faultResult, retryAfterValue } from "./injected";
import {
  errorResult,
  requestIds,
  throttledResult,
  withStandardHeaders,
  type GraphResult,
} from "./respond";
import { graphRouter } from "./routes";
import type { GraphVersion } from "./routing";

const VERSIONED = /^\/(v1\.0|beta)(\/.*)?$/i;

/** Where the client reached us, so nextLinks point back at the same host. */
const originOf = (req: EmulatorRequest, state: EmulatorState) =>
  req.headers["host"] ? `http://${req.headers["host"]}` : state.config.publicUrl;

const callerForLog = (caller: Caller | GraphError): Reply["caller"] =>
  caller instanceof GraphError
    ? undefined
    : { appId: caller.appId, userId: caller.kind === "delegated" ? caller.objectId : undefined };

const toReply = (result: GraphResult, caller: Reply["caller"]): Reply => ({ ...result, caller });

async function routeAndRun(
  req: EmulatorRequest,
  state: EmulatorState,
  caller: Caller,
  version: GraphVersion,
  graphPath: string,
  inBatch: boolean,
): Promise<GraphResult | { drop: true }> {
  const ids = requestIds(req);
  const serviceRoot = `${originOf(req, state)}/${version}`;
  if (/^\/\$batch\/?$/i.test(graphPath) && req.method === "POST") {
    if (inBatch) throw odataError("Nested batch requests are not supported.");
    const batch = await runBatch(req, state, { version, execute: executeGraph });
    return "drop" in batch ? batch : withStandardHeaders(batch, ids, 1);
  }
  const found = graphRouter.lookup(req.method, graphPath, version);
  if ("unknownSegment" in found) throw segmentNotFound(found.unknownSegment);
  if ("methodNotAllowed" in found) throw methodNotAllowed();
  const cost = requestCost(req.method, graphPath, req.query);
  const { traffic, tenant } = state;
  const outcome = traffic.throttler.check(
    { appId: caller.appId, tenantId: tenant.id, userCount: tenant.users.length, cost },
    traffic.limits,
  );
  if (!outcome.allowed) {
    return withStandardHeaders(
      throttledResult(ids, {
        "retry-after": retryAfterValue(outcome.retryAfterSeconds),
        "x-ms-throttle-scope": outcome.scope,
        "x-ms-throttle-information": outcome.information,
      }),
      ids,
      cost.resourceUnits,
    );
  }
  let result: GraphResult;
  try {
    const denied = authorize(caller, found.route.requires);
    if (denied) throw denied;
    result = await found.route.handle({ req, state, caller, params: found.params, serviceRoot });
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    result = errorResult(error, ids);
  }
  const usage: Record<string, string> =
    outcome.usage > 0.8 ? { "x-ms-throttle-limit-percentage": outcome.usage.toFixed(2) } : {};
  return withStandardHeaders(
    { ...result, headers: { ...usage, ...result.headers } },
    ids,
    cost.resourceUnits,
  );
}

/**
 * One Graph request through the whole pipeline: token, injected faults, routing, throttling,
 * permissions, handler, and Graph's standard headers. `$batch` items come through here too.
 */
export async function executeGraph(
  req: EmulatorRequest,
  state: EmulatorState,
  inBatch = false,
): Promise<Reply> {
  const ids = requestIds(req);
  const idsReq = { ...req, headers: { ...req.headers, "client-request-id": ids.clientRequestId } };
  const versioned = VERSIONED.exec(req.path);
  const caller = await authenticate(req, state);
  const logged = callerForLog(caller);
  const fail = (error: GraphError) =>
    toReply(withStandardHeaders(errorResult(error, ids), ids, 1), logged);
  const fault = state.traffic.faults.take(req.method, req.path, versioned?.[2] ?? req.path);
  if (fault?.latencyMs) await sleep(fault.latencyMs);
  if (fault?.drop) return { status: 0, drop: true, caller: logged };
  if (fault?.status !== undefined) {
    return toReply(
      withStandardHeaders(faultResult({ ...fault, status: fault.status }, ids), ids, 1),
      logged,
    );
  }
  if (!versioned) return fail(odataError(`Invalid version: ${req.path.split("/")[1] ?? ""}`));
  if (caller instanceof GraphError) return fail(caller);
  // A malformed-body fault (traffic/malformed-body.ts) spoils the answer after the request has run; a
  // drop-after-handling fault loses it.
  const answer = (reply: Reply): Reply =>
    fault?.dropAfterHandling
      ? { status: 0, drop: true, caller: logged }
      : fault?.malformedBody
        ? withMalformedBody(reply)
        : reply;
  try {
    const result = await routeAndRun(
      idsReq,
      state,
      caller,
      versioned[1]!.toLowerCase() as GraphVersion,
      versioned[2] ?? "/",
      inBatch,
    );
    return answer(
      "drop" in result ? { status: 0, drop: true, caller: logged } : toReply(result, logged),
    );
  } catch (error) {
    if (error instanceof GraphError) return fail(error);
    throw error;
  }
}

/** Entry point for Graph requests over the wire: global latency first, then the pipeline. */
export async function handleGraph(req: EmulatorRequest, state: EmulatorState): Promise<Reply> {
  if (state.traffic.latencyMs > 0) await sleep(state.traffic.latencyMs);
  return executeGraph(req, state);
}
