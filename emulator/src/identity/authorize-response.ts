import type { EmulatorRequest, Reply } from "../http/types";
import type { RedirectTarget } from "./authorize-request";
import { describeError, errorTrace, type AadError } from "./errors";
import { escapeHtml, htmlReply } from "./html";

/** Sends parameters back to the client's redirect URI by its response mode. */
export function redirectWith(
  target: RedirectTarget,
  params: Record<string, string | undefined>,
  headers: Record<string, string> = {},
): Reply {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  if (target.responseMode === "form_post")
    return formPostPage(target.redirectUri, entries, headers);
  const encoded = new URLSearchParams(entries).toString();
  const location =
    target.responseMode === "fragment"
      ? `${target.redirectUri}#${encoded}`
      : `${target.redirectUri}${target.redirectUri.includes("?") ? "&" : "?"}${encoded}`;
  return { status: 302, headers: { ...headers, location, "cache-control": "no-store, no-cache" } };
}

/** An authorize error after the redirect URI was validated: it goes back to the client, state echoed. */
export function errorRedirect(
  req: EmulatorRequest,
  target: RedirectTarget,
  err: AadError,
  headers: Record<string, string> = {},
): Reply {
  return redirectWith(
    target,
    {
      error: err.error,
      error_description: describeError(err, errorTrace(req)),
      error_uri: `https://login.microsoftonline.com/error?code=${err.code}`,
      ...(err.claims ? { claims: err.claims } : {}),
      state: target.state,
    },
    headers,
  );
}

/** response_mode=form_post: a page that posts the parameters to the redirect URI at once. */
function formPostPage(
  redirectUri: string,
  entries: [string, string][],
  headers: Record<string, string>,
): Reply {
  const inputs = entries
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join("\n");
  return htmlReply({
    title: "Working...",
    headers,
    formAction: [new URL(redirectUri).origin],
    frameable: true,
    script: "document.forms[0].submit();",
    body: `<main aria-labelledby="title">
<h1 id="title">Working...</h1>
<form method="POST" action="${escapeHtml(redirectUri)}">
${inputs}
<noscript><p>Script is disabled. Select Continue to go back to the application.</p><button class="primary" type="submit">Continue</button></noscript>
</form>
</main>`,
  });
}
