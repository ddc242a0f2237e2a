import { isControlPath } from "./cors";
import { isLoopback, isLoopbackName, splitHost } from "./loopback";
import type { EmulatorRequest, Reply } from "./types";

const refusal = (status: number, code: string, message: string): Reply => ({
  status,
  body: { error: { code, message } },
});

/** A loopback name on the port the emulator listens on; any other Host is DNS rebinding or a mistake. */
function hostAllowed(host: string | undefined, ownPort: number): boolean {
  const parts = host === undefined ? undefined : splitHost(host);
  if (!parts || !isLoopbackName(parts.name)) return false;
  return Number(parts.port ?? 80) === ownPort;
}

/** True when a browser says another site's page sent the request (Origin or Fetch Metadata). */
function crossOrigin(req: EmulatorRequest): boolean {
  const origin = req.headers["origin"];
  if (origin !== undefined && origin !== `http://${req.headers["host"]?.toLowerCase()}`)
    return true;
  const site = req.headers["sec-fetch-site"];
  return site !== undefined && site !== "same-origin" && site !== "none";
}

/**
 * Refuses what the emulator must never answer: a Host that is not this machine on its port, and
 * control-API calls from other machines or from any other origin's page. Undefined lets it through.
 */
export function refuseForeignCaller(req: EmulatorRequest, ownPort: number): Reply | undefined {
  if (!hostAllowed(req.headers["host"], ownPort)) {
    return refusal(
      421,
      "misdirected_request",
      `The emulator answers only localhost, 127.0.0.1 or [::1] on port ${ownPort}.`,
    );
  }
  if (!isControlPath(req.path)) return undefined;
  if (!isLoopback(req.remoteAddress)) {
    return refusal(403, "forbidden", "The control API answers loopback callers only.");
  }
  if (crossOrigin(req)) {
    return refusal(403, "forbidden", "The control API never answers other origins' pages.");
  }
  return undefined;
}
