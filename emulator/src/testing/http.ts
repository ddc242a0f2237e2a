import type { RunningEmulator } from "../server";

/** Loose so assertions can reach into Graph's and the control API's bodies. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

export interface EmulatorResponse<T = Loose> {
  status: number;
  headers: Headers;
  /** Parsed JSON, the text when the body is not JSON, undefined when there is none. */
  body: T;
}

export interface CallOptions {
  token?: string;
  method?: string;
  /** Sent as JSON unless it is a string already. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** One raw HTTP call to the emulator, for tests that check the wire format exactly. */
export async function callEmulator(
  emu: RunningEmulator,
  path: string,
  options: CallOptions = {},
): Promise<EmulatorResponse> {
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

/** A caller for the control API (`/_emulator/...`): method, path and an optional JSON body. */
export const controlApi =
  (emu: RunningEmulator) =>
  <T = Loose>(method: string, path: string, body?: unknown) =>
    callEmulator(emu, path, { method, body }) as Promise<EmulatorResponse<T>>;

/** `POST /v1.0/users/{id}/reprocessLicenseAssignment` with a bearer token. */
export const reprocessUser = (emu: RunningEmulator, userId: string, token: string) =>
  callEmulator(emu, `/v1.0/users/${userId}/reprocessLicenseAssignment`, { token, method: "POST" });
