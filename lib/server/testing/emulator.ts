import "server-only";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";
import { EmulatorControl, type MintRequest } from "@/lib/testing/emulator-control";
import { startEmulatorProcess } from "./emulator-process";

export const ADELE = "adele.vance@contoso.onmicrosoft.com";
export const LEE = "lee.gu@contoso.onmicrosoft.com";
export const MEGAN = "megan.bowen@contoso.onmicrosoft.com";
export const ISAIAH = "isaiah.langer@contoso.onmicrosoft.com";
export const ALEX = "alex.wilber@contoso.onmicrosoft.com";

export interface TestEmulator {
  url: string;
  tenantId: string;
  /** The one control API client, with a typed method per endpoint. */
  client: EmulatorControl;
  /** Calls the control API and returns the parsed answer; throws on a non-2xx status. */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** A token minted by the emulator; an API token for Adele unless told otherwise. */
  mint(request?: Partial<MintRequest> | Record<string, unknown>): Promise<string>;
  /** The emulator's request log position, to count Graph calls made after it. */
  lastSeq(): Promise<number>;
  graphCallsSince(seq: number): Promise<{ method: string; path: string; status: number }[]>;
  close(): Promise<void>;
}

/** Starts an emulator on a free port and points the app's environment at it. */
export async function startTestEmulator(env: Record<string, string> = {}): Promise<TestEmulator> {
  const emulator = await startEmulatorProcess();
  const { url } = emulator;
  vi.stubEnv("EMULATOR_URL", url);
  // Routes that keep state (jobs, the write budget) get a database of their own, never the repo's .data.
  const dataDir = mkdtempSync(path.join(tmpdir(), "licensedesk-test-data-"));
  vi.stubEnv("LICENSEDESK_DATA_DIR", dataDir);
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);

  const client = new EmulatorControl(url);
  const { tenantId } = await client.tenant();
  return {
    url,
    tenantId,
    client,
    control: (method, path, body) => client.call(method, path, body),
    // Negative tests build requests as plain records; the emulator checks them.
    mint: async (request = {}) =>
      (await client.mint({ kind: "api", user: ADELE, ...request } as MintRequest)).token,
    lastSeq: () => client.lastSeq(),
    graphCallsSince: (seq) => client.graphRequests(seq),
    close: async () => {
      vi.unstubAllEnvs();
      await emulator.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A request to the app's API as the browser would send it. */
export function apiRequest(
  path: string,
  token: string | undefined,
  init: RequestInit = {},
): Request {
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (init.body !== undefined) headers.set("content-type", "application/json");
  return new Request(`http://127.0.0.1:3000${path}`, { ...init, headers });
}

/** Route segments as Next passes them to a dynamic route handler. */
export const segments = <P extends Record<string, string>>(params: P) => ({
  params: Promise.resolve(params),
});

/** The NDJSON events of a streamed answer, parsed line by line. */
/** NDJSON lines as they arrive, each parsed, with `onLine` called before the next is read. */
export async function readNdjsonAsItComes<T = unknown>(
  response: Response,
  onLine: (value: T) => void | Promise<void>,
): Promise<void> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines.filter((l) => l.trim() !== "")) await onLine(JSON.parse(line) as T);
  }
}

export async function readNdjson<T = unknown>(response: Response): Promise<T[]> {
  const text = await response.text();
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}
