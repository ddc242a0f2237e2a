import "server-only";
import { ApiError } from "./api-error";

/** What a route that reads a body takes unless it says more: its JSON is a few hundred bytes at most. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

const sizeInWords = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;

const tooLarge = (maxBytes: number) =>
  new ApiError(
    "payload_too_large",
    `The request body is larger than this route takes (at most ${sizeInWords(maxBytes)}); nothing was done.`,
  );

const notUtf8 = () => new ApiError("bad_request", "The request body must be JSON in UTF-8.");

/**
 * The body's text, read chunk by chunk and given up as soon as it passes `maxBytes`, so an oversized
 * body costs at most that much memory; a declared Content-Length above it is refused before reading.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // The rest is never read: the upload stops here, and the 413 still reaches the client.
      void reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw notUtf8();
  }
}
