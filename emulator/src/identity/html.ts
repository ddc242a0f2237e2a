import type { Reply } from "../http/types";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const STYLE = `
:root { color-scheme: light; font-family: "Segoe UI", system-ui, -apple-system, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f2f2f2; color: #1b1b1b; }
main { width: min(440px, 100vw); background: #fff; padding: 44px; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
.tenant { margin: 0 0 4px; font-weight: 600; }
.notice { margin: 0 0 16px; font-size: 13px; color: #505050; }
h1 { margin: 8px 0 4px; font-size: 24px; font-weight: 600; }
h2 { margin: 28px 0 8px; font-size: 15px; font-weight: 600; }
p { line-height: 1.45; }
.client { margin: 0 0 16px; color: #505050; }
label { display: block; margin: 16px 0 4px; font-size: 15px; }
input[type=text], input[type=password] { width: 100%; padding: 6px 2px; font: inherit; border: 0; border-bottom: 1px solid #666; }
input:focus-visible, button:focus-visible { outline: 2px solid #0067b8; outline-offset: 2px; }
.primary { margin-top: 24px; min-width: 108px; padding: 6px 12px; font: inherit; color: #fff; background: #0067b8; border: 1px solid #0067b8; cursor: pointer; }
.primary:hover { background: #005da6; }
.error { margin: 12px 0 0; padding: 8px 12px; color: #a4262c; background: #fde7e9; border-left: 4px solid #a4262c; }
ul { list-style: none; margin: 0; padding: 0; }
li + li { margin-top: 6px; }
.account { width: 100%; display: grid; gap: 2px; padding: 8px 12px; text-align: left; font: inherit; background: #fff; border: 1px solid #c8c8c8; cursor: pointer; }
.account:hover { background: #f3f9fd; border-color: #0067b8; }
.account .upn, .account .roles { font-size: 13px; color: #505050; }
.details { font-size: 12px; color: #505050; word-break: break-all; }
`;

export interface HtmlPage {
  title: string;
  /** Trusted markup; callers escape every value they interpolate. */
  body: string;
  status?: number;
  /** Extra `form-action` sources, e.g. the redirect URI's origin the sign-in form ends up at. */
  formAction?: string[];
  /** Inline script, only for the form_post response page. */
  script?: string;
  /** The form_post response may load in MSAL's hidden iframe; sign-in pages may not be framed. */
  frameable?: boolean;
  headers?: Record<string, string>;
}

/** A self-contained page: inline CSS, no external resources, a strict CSP. */
export function htmlReply(page: HtmlPage): Reply {
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    page.script ? "script-src 'unsafe-inline'" : undefined,
    `form-action 'self'${page.formAction?.length ? ` ${page.formAction.join(" ")}` : ""}`,
    page.frameable ? undefined : "frame-ancestors 'none'",
    "base-uri 'none'",
  ]
    .filter(Boolean)
    .join("; ");
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${page.body}
${page.script ? `<script>${page.script}</script>` : ""}
</body>
</html>`;
  return {
    status: page.status ?? 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store, no-cache",
      "content-security-policy": csp,
      ...(page.frameable ? {} : { "x-frame-options": "DENY" }),
      "referrer-policy": "no-referrer",
      ...page.headers,
    },
    body: html,
  };
}
