import type { RunningEmulator } from "../../server";

export interface GraphResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body is not JSON; loose so assertions can reach into it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface CallOptions {
  token?: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One raw HTTP call to the emulator, for tests that check Graph's wire format exactly. */
export async function callGraph(
  emu: RunningEmulator,
  path: string,
  options: CallOptions = {},
): Promise<GraphResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers["authorization"] = `Bearer ${options.token}`;
  let payload: string | undefined;
  if (options.body !== undefined) {
    payload = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await fetch(`${emu.url}${path}`, {
    method: options.method ?? "GET",
    headers,
    body: payload,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body };
}
