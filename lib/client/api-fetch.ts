import {
  AuthError,
  BrowserAuthErrorCodes,
  type IPublicClientApplication,
  InteractionRequiredAuthError,
} from "@azure/msal-browser";
import { type ErrorCode, errorCodes } from "@/lib/api/error-codes";
import type { ApiErrorDetail } from "@/lib/api/errors";
import { noteSignInAgain, signedInAgainRecently } from "./sign-in-loop-guard";
import { sseFrames } from "./sse-frames";

/** An API call that did not succeed, with the code from the shared error table. */
export class ApiClientError extends Error {
  override name = "ApiClientError";

  constructor(
    readonly code: ErrorCode,
    /** 0 when the server could not be reached. */
    readonly status: number,
    message: string,
    /** How long the server asked us to wait before trying again (throttling), when it said. */
    readonly retryAfterSeconds?: number,
    /** With `interaction_required`: the claims challenge Entra wants satisfied (MFA, Conditional Access). */
    readonly claims?: string,
  ) {
    super(message);
  }
}

export interface ApiFetchContext {
  msal: IPublicClientApplication;
  /** Scopes of the Licensedesk API token, e.g. `api://{id}/access_as_user`. */
  scopes: string[];
}

const signingInAgain = () =>
  new ApiClientError(
    "interaction_required",
    401,
    "Microsoft Entra needs you to sign in again (for example to complete multi-factor authentication). Taking you to the sign-in page…",
  );

// One interactive redirect per MSAL instance: the first call that needs it starts it, the rest wait for the page to leave.
const redirects = new WeakMap<IPublicClientApplication, Promise<void>>();

const signInLoop = () =>
  new ApiClientError(
    "unauthorized",
    401,
    "Microsoft Entra asked you to sign in again less than a minute after you did, so Licensedesk " +
      "stopped instead of sending you round again. Try again in a minute; if it keeps happening, " +
      "ask your Entra administrator to check the Conditional Access policies that apply to Licensedesk.",
  );

/**
 * Starts the interactive sign-in (with Entra's claims challenge, if any) unless one is already
 * under way, and returns the error every waiting call rejects with. A second sign-in within a
 * minute of the last is not started: the page explains instead of looping.
 */
export async function signInAgain(
  { msal, scopes }: ApiFetchContext,
  claims?: string,
): Promise<ApiClientError> {
  let redirect = redirects.get(msal);
  if (!redirect) {
    if (signedInAgainRecently()) return signInLoop();
    noteSignInAgain();
    const account = msal.getActiveAccount() ?? undefined;
    redirect = msal.acquireTokenRedirect({ scopes, account, ...(claims ? { claims } : {}) });
    redirects.set(msal, redirect);
  }
  try {
    await redirect;
  } catch (error) {
    redirects.delete(msal);
    // Another interaction (sign-in, sign-out) already owns the page; it will bring the user back.
    if (!(
      error instanceof AuthError && error.errorCode === BrowserAuthErrorCodes.interactionInProgress
    )) {
      return new ApiClientError(
        "unauthorized",
        401,
        "Signing in again did not start. Sign in to continue.",
      );
    }
  }
  return signingInAgain();
}

async function acquireApiToken(context: ApiFetchContext): Promise<string> {
  const { msal, scopes } = context;
  const account = msal.getActiveAccount();
  if (!account) throw new ApiClientError("unauthorized", 401, "Sign in to continue.");
  if (redirects.has(msal)) throw await signInAgain(context);
  try {
    return (await msal.acquireTokenSilent({ scopes, account })).accessToken;
  } catch (error) {
    if (error instanceof InteractionRequiredAuthError)
      throw await signInAgain(context, error.claims);
    if (
      error instanceof AuthError &&
      error.errorCode === BrowserAuthErrorCodes.interactionInProgress
    ) {
      throw signingInAgain();
    }
    if (!(error instanceof AuthError)) throw error;
    throw new ApiClientError(
      "unauthorized",
      401,
      "Your sign-in could not be renewed. Sign in again to continue.",
    );
  }
}

function retryAfterHeader(res: Response): number | undefined {
  const seconds = Number(res.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === "string" && Object.hasOwn(errorCodes, value);

/** The API's error object, when the body is one (a proxy's HTML page or an empty body is not). */
function errorDetailOf(body: unknown): ApiErrorDetail | undefined {
  const error = (body as { error?: Partial<ApiErrorDetail> } | null | undefined)?.error;
  if (!error || !isErrorCode(error.code) || typeof error.message !== "string") return undefined;
  return error as ApiErrorDetail;
}

async function errorFrom(res: Response): Promise<ApiClientError> {
  const detail = errorDetailOf(await res.json().catch(() => undefined));
  if (!detail) {
    return new ApiClientError("internal_error", res.status, `The server answered ${res.status}.`);
  }
  const { code, message, retryAfterSeconds, claims } = detail;
  return new ApiClientError(
    code,
    res.status,
    message,
    retryAfterSeconds ?? retryAfterHeader(res),
    claims,
  );
}

const unreachable = () =>
  new ApiClientError("service_unavailable", 0, "The Licensedesk server could not be reached.");

const unexpectedShape = (status: number) =>
  new ApiClientError("internal_error", status, "The server answered in an unexpected shape.");

const isAbort = (error: unknown) => error instanceof DOMException && error.name === "AbortError";

/** Sends one authorized request and throws the typed error for anything but a 2xx. */
async function send(
  context: ApiFetchContext,
  path: string,
  init: RequestInit,
  accept: string,
): Promise<Response> {
  const token = await acquireApiToken(context);
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  headers.set("accept", accept);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw unreachable();
  }
  if (res.ok) return res;
  const error = await errorFrom(res);
  // The API's on-behalf-of exchange needs the admin in front of Entra again (MFA, Conditional Access).
  if (error.code === "interaction_required") throw await signInAgain(context, error.claims);
  throw error;
}

/**
 * Calls the Licensedesk API with a fresh token and checks the status. The answer is taken as the
 * contract's type `T`: the server validates what it is sent, and the browser trusts its own API.
 */
export async function apiFetch<T>(
  context: ApiFetchContext,
  path: string,
  init: RequestInit = {},
): Promise<T> {
  const res = await send(context, path, init, "application/json");
  try {
    return (await res.json()) as T;
  } catch {
    throw unexpectedShape(res.status);
  }
}

/** The lines of a UTF-8 byte stream, as they arrive; blank ones only when `keepBlank` (SSE needs them). */
async function* readLines(
  stream: ReadableStream<Uint8Array>,
  keepBlank = false,
): AsyncGenerator<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let finished = false;
  try {
    while (!finished) {
      const chunk = await reader.read();
      finished = chunk.done;
      buffer += decoder.decode(chunk.value, { stream: !finished });
      const lines = buffer.split(/\r?\n/);
      // The last piece may be half a line; it waits for the next chunk unless the stream ended.
      buffer = finished ? "" : (lines.pop() ?? "");
      for (const line of lines) if (keepBlank || line.trim()) yield line;
    }
  } finally {
    // A consumer that stops early (cancelled query) must not leave the response open.
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}

function parseLine(line: string, status: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw unexpectedShape(status);
  }
}

/** The lines of an answer's body; a connection cut mid-stream becomes a typed error. */
async function* bodyLines(res: Response, keepBlank: boolean): AsyncGenerator<string> {
  if (!res.body) throw unexpectedShape(res.status);
  const lines = readLines(res.body, keepBlank);
  try {
    for (;;) {
      let next: IteratorResult<string>;
      try {
        next = await lines.next();
      } catch (error) {
        if (isAbort(error)) throw error;
        throw new ApiClientError(
          "service_unavailable",
          0,
          "The connection to the server was lost.",
        );
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await lines.return(undefined);
  }
}

/**
 * Streams an NDJSON answer of the Licensedesk API: same token and error handling as `apiFetch`,
 * each line yielded as a `T` as soon as it arrives.
 */
export async function* apiStream<T>(
  context: ApiFetchContext,
  path: string,
  init: RequestInit = {},
): AsyncGenerator<T> {
  const res = await send(context, path, init, "application/x-ndjson");
  for await (const line of bodyLines(res, false)) yield parseLine(line, res.status) as T;
}

/**
 * Reads a server-sent event stream with the bearer token (EventSource cannot send one): each
 * event's data, JSON, as a `T`; an event name fills a missing `type`.
 */
export async function* apiEventStream<T>(
  context: ApiFetchContext,
  path: string,
  init: RequestInit = {},
): AsyncGenerator<T> {
  const res = await send(context, path, { cache: "no-store", ...init }, "text/event-stream");
  for await (const frame of sseFrames(bodyLines(res, true))) {
    const json = parseLine(frame.data, res.status);
    if (!json || typeof json !== "object") throw unexpectedShape(res.status);
    yield (frame.event && !("type" in json) ? { type: frame.event, ...json } : json) as T;
  }
}

/** A file the API answers (e.g. a CSV export), with the name its Content-Disposition gives. */
export async function apiDownload(
  context: ApiFetchContext,
  path: string,
  fallbackName: string,
  init: RequestInit = {},
): Promise<{ blob: Blob; filename: string }> {
  const res = await send(context, path, init, "*/*");
  const disposition = res.headers.get("content-disposition") ?? "";
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  return { blob: await res.blob(), filename: name ? decodeURIComponent(name) : fallbackName };
}
