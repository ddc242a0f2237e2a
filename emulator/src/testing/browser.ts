import { createHash, randomBytes } from "node:crypto";

/** A PKCE pair as MSAL makes one: a random verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/**
 * A browser reduced to what the identity flow needs: one cookie jar for the emulator origin,
 * redirects not followed so tests can read where the emulator sends the user.
 */
export class FakeBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(readonly emulatorUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  async request(path: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader;
    if (init.form) headers["content-type"] = "application/x-www-form-urlencoded";
    const res = await fetch(new URL(path, this.emulatorUrl), {
      method: init.method ?? (init.form ? "POST" : "GET"),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: "manual",
    });
    for (const line of res.headers.getSetCookie()) this.store(line);
    return res;
  }

  private store(line: string): void {
    const [pair = "", ...attributes] = line.split(";").map((p) => p.trim());
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const expired = attributes.some((a) => /^max-age=0$/i.test(a));
    if (expired || value === "") this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

/** The hidden `ctx` field of the sign-in page: the pending request's id. */
export function pendingId(html: string): string {
  const match = /name="ctx" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("the page has no sign-in form");
  return match[1];
}

/** Parameters the emulator sent back in a redirect's fragment or query. */
export function redirectParams(location: string | null): URLSearchParams {
  if (!location) throw new Error("no Location header");
  const url = new URL(location);
  return new URLSearchParams(url.hash ? url.hash.slice(1) : url.search);
}
