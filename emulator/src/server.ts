import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { controlRoutes } from "./control/routes";
import { handleGraph } from "./graph/pipeline";
import { parseBody, readBody } from "./http/body";
import { writeJson } from "./http/json-writer";
import { corsHeaders, preflightReply } from "./http/cors";
import { newRequestId } from "./http/ids";
import { redactBody } from "./http/redact";
import { refuseForeignCaller } from "./http/request-guard";
import { Router } from "./http/router";
import type { EmulatorRequest, Reply } from "./http/types";
import { identityRoutes } from "./identity/routes";
import { buildDemoTenant } from "./seed/demo";
import { EmulatorState } from "./state";
import type { Tenant } from "./tenant/model";

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** The directory to start with; the demo tenant by default. */
  tenant?: Tenant;
}

export interface RunningEmulator {
  url: string;
  port: number;
  state: EmulatorState;
  close(): Promise<void>;
}

const controlRouter = new Router(controlRoutes);
const identityRouter = new Router(identityRoutes);

const isGraphPath = (path: string) =>
  /^\/(v1\.0|beta)(\/|$)/i.test(path) || /^\/\$batch$/i.test(path);

async function dispatch(req: EmulatorRequest, state: EmulatorState, port: number): Promise<Reply> {
  const refused = refuseForeignCaller(req, port);
  if (refused) return refused;
  if (req.method === "OPTIONS") return preflightReply(req, state.tenant);
  if (req.path.startsWith("/_emulator/")) return routeWith(controlRouter, req, state);
  if (isGraphPath(req.path)) return handleGraph(req, state);
  return routeWith(identityRouter, req, state);
}

async function routeWith(
  router: Router,
  req: EmulatorRequest,
  state: EmulatorState,
): Promise<Reply> {
  const match = router.match(req.method, req.path);
  if (match === "method") {
    return {
      status: 405,
      body: {
        error: "method_not_allowed",
        error_description: `${req.method} is not allowed on ${req.path}.`,
      },
    };
  }
  if (!match) {
    return {
      status: 404,
      body: { error: "not_found", error_description: `Nothing is served at ${req.path}.` },
    };
  }
  return match.handler({ ...req, params: match.params }, state);
}

function send(res: ServerResponse, req: EmulatorRequest, reply: Reply, state: EmulatorState): void {
  if (reply.drop) {
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = { ...corsHeaders(req, state.tenant), ...reply.headers };
  if (reply.body === undefined || typeof reply.body === "string") {
    if (reply.body !== undefined) headers["content-type"] ??= "text/plain; charset=utf-8";
    res.writeHead(reply.status, headers);
    res.end(reply.body);
    return;
  }
  headers["content-type"] ??= "application/json; charset=utf-8";
  res.writeHead(reply.status, headers);
  writeJson(res, reply.body);
}

async function toEmulatorRequest(incoming: IncomingMessage, seq: number): Promise<EmulatorRequest> {
  const url = new URL(incoming.url ?? "/", "http://emulator.local");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  const rawBody = await readBody(incoming);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  return {
    method: (incoming.method ?? "GET").toUpperCase(),
    path,
    query: url.searchParams,
    headers,
    body: parseBody(rawBody, headers["content-type"]),
    rawBody,
    params: {},
    remoteAddress: incoming.socket.remoteAddress ?? "",
    requestId: newRequestId(),
    seq,
  };
}

function handler(state: EmulatorState) {
  return async (incoming: IncomingMessage, res: ServerResponse) => {
    const seq = state.log.nextSeq();
    let req: EmulatorRequest | undefined;
    let reply: Reply;
    try {
      req = await toEmulatorRequest(incoming, seq);
      reply = await dispatch(req, state, incoming.socket.localPort ?? 0);
    } catch (error) {
      console.error(`[emulator] ${incoming.method} ${incoming.url} failed:`, error);
      reply = {
        status: 500,
        body: {
          error: {
            code: "InternalServerError",
            message: "The emulator failed to answer this request.",
          },
        },
      };
    }
    const logged: Pick<EmulatorRequest, "method" | "path" | "query" | "requestId" | "headers"> =
      req ?? {
        method: incoming.method ?? "GET",
        path: incoming.url ?? "/",
        query: new URLSearchParams(),
        requestId: "",
        headers: {},
      };
    state.log.add({
      seq,
      time: new Date().toISOString(),
      method: logged.method,
      path: logged.path,
      query: logged.query.toString(),
      status: reply.drop ? 0 : reply.status,
      requestId: logged.requestId,
      clientRequestId: logged.headers["client-request-id"],
      appId: reply.caller?.appId,
      userId: reply.caller?.userId,
      body: req === undefined ? undefined : redactBody(req.body),
    });
    if (req) send(res, req, reply, state);
    else
      res
        .writeHead(reply.status, { "content-type": "application/json" })
        .end(JSON.stringify(reply.body));
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts the emulator on plain HTTP; identity, Graph and the control API share one port. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const state = await EmulatorState.create(options.tenant ?? buildDemoTenant(), "");
  // The handler is attached before listening, so no early request meets a server that never answers.
  const server = createServer(handler(state));
  const port = await listen(server, options.port ?? 4010, host);
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  state.config.publicUrl = url;
  return {
    url,
    port,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.replaceTenant(state.tenant);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
