import {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";

/**
 * Sets the bearer token itself: the SDK's AuthenticationHandler only sends tokens to https Graph
 * hosts, so against the emulator's http URL it would silently send none.
 */
class BearerStep implements Middleware {
  private next?: Middleware;

  constructor(private readonly getToken: () => Promise<string>) {}

  async execute(context: Context): Promise<void> {
    const token = await this.getToken();
    const options = (context.options ??= {});
    const headers = new Headers(options.headers as HeadersInit | undefined);
    headers.set("Authorization", `Bearer ${token}`);
    options.headers = Object.fromEntries(headers);
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * Un-nests absolute http links: the SDK treats only `https://` paths as absolute, so it appends an
 * http `@odata.nextLink` to its base URL (`http://host/v1.0/http://host/v1.0/users?...`).
 */
class HttpLinkStep implements Middleware {
  private next?: Middleware;

  async execute(context: Context): Promise<void> {
    if (typeof context.request === "string") {
      const nested = /^https?:\/\/[^/]+\/[^/]+\/(https?:\/\/.*)$/i.exec(context.request);
      if (nested) context.request = nested[1]!;
    }
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** The real Graph JS client wired to the emulator: our link and auth steps, the SDK's RetryHandler, then HTTP. */
export function emulatorGraphClient(emulatorUrl: string, getToken: () => Promise<string>): Client {
  const links = new HttpLinkStep();
  const auth = new BearerStep(getToken);
  const retry = new RetryHandler(new RetryHandlerOptions(1, 3));
  links.setNext(auth);
  auth.setNext(retry);
  retry.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    middleware: links,
    baseUrl: `${emulatorUrl}/`,
    defaultVersion: "v1.0",
  });
}
