import { createServer, type IncomingMessage, type Server } from "node:http";
import { freePort } from "./free-port";

const REPROCESS_URL = /\/users\/([^/?]+)\/reprocessLicenseAssignment/i;

/**
 * A loopback relay in front of the emulator for one app instance, so a spec can tell which instance
 * sent which Graph request (the emulator sees every instance as the same app). It forwards everything
 * unchanged, and in answers replaces the emulator's origin with its own, so the tenant description's
 * Graph and identity endpoints lead the instance back through it.
 */
export interface GraphRelay {
  url: string;
  /** Users whose reprocess this instance sent inside a `$batch` and Graph accepted, once per acceptance. */
  reprocessedUsers(): string[];
  close(): Promise<void>;
}

const readAll = async (stream: AsyncIterable<Buffer>) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
};

interface BatchBody {
  requests?: { id: string; url?: string }[];
  responses?: { id: string; status: number }[];
}

/** The users of the batch's reprocess calls that Graph answered with a 2xx. */
function acceptedReprocesses(sent: Buffer, answer: string): string[] {
  try {
    const { requests = [] } = JSON.parse(sent.toString("utf8")) as BatchBody;
    const { responses = [] } = JSON.parse(answer) as BatchBody;
    const accepted = new Set(responses.filter((r) => r.status < 300).map((r) => r.id));
    return requests.flatMap((request) =>
      accepted.has(request.id) ? (REPROCESS_URL.exec(request.url ?? "")?.[1] ?? []) : [],
    );
  } catch {
    return [];
  }
}

export async function startGraphRelay(emulatorUrl: string): Promise<GraphRelay> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const reprocessed: string[] = [];

  const relay = async (incoming: IncomingMessage) => {
    const body = await readAll(incoming);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value === undefined || ["host", "connection", "content-length"].includes(name)) continue;
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    // Plain bodies only, so origins in them can be rewritten.
    headers.set("accept-encoding", "identity");
    const answer = await fetch(`${emulatorUrl}${incoming.url ?? "/"}`, {
      method: incoming.method,
      headers,
      body: ["GET", "HEAD"].includes(incoming.method ?? "GET") ? undefined : body,
      redirect: "manual",
    });
    const raw = await answer.text();
    if (incoming.method === "POST" && incoming.url?.endsWith("/$batch")) {
      reprocessed.push(...acceptedReprocesses(body, raw));
    }
    const text = raw.replaceAll(emulatorUrl, url);
    const answerHeaders: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (["content-length", "content-encoding", "transfer-encoding", "connection"].includes(name))
        return;
      answerHeaders[name] = value.replaceAll(emulatorUrl, url);
    });
    return { status: answer.status, headers: answerHeaders, text };
  };

  const server: Server = createServer((incoming, res) => {
    relay(incoming).then(
      ({ status, headers, text }) => res.writeHead(status, headers).end(text),
      (error: unknown) => res.writeHead(502).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url,
    reprocessedUsers: () => [...reprocessed],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
