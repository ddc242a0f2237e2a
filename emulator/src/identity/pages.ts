import type { EmulatorRequest, Reply } from "../http/types";
import { describeError, errorTrace, type AadError } from "./errors";
import { escapeHtml, htmlReply } from "./html";

/** Entra's "trouble signing you in" page, for errors that cannot go back to a trusted redirect URI. */
export function errorPage(req: EmulatorRequest, err: AadError): Reply {
  const trace = errorTrace(req);
  const message = describeError(err, trace).split(" Trace ID: ")[0] ?? "";
  return htmlReply({
    title: "Sign in to your account",
    status: 400,
    body: `<main aria-labelledby="title">
<h1 id="title">Sign in</h1>
<p>Sorry, but we’re having trouble signing you in.</p>
<p role="alert" class="error">${escapeHtml(message)}</p>
<h2>Troubleshooting details</h2>
<p class="details">Request Id: ${escapeHtml(trace.traceId)}<br>Correlation Id: ${escapeHtml(trace.correlationId)}<br>Timestamp: ${escapeHtml(trace.timestamp)}<br>Error: ${escapeHtml(err.error)}</p>
</main>`,
  });
}

/** Shown after logout when no registered post-logout redirect URI was given. */
export function signedOutPage(headers: Record<string, string>): Reply {
  return htmlReply({
    title: "Signed out",
    headers,
    body: `<main aria-labelledby="title">
<h1 id="title">You signed out of your account</h1>
<p>It’s a good idea to close all browser windows.</p>
</main>`,
  });
}
