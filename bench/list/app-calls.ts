// The two app routes the footprint bench drives, called as the browser does: bearer token, JSON or NDJSON.
import { request } from "node:http";
import { createJobResponseSchema, type JobView } from "@/lib/api/jobs";
import { licenseErrorsStreamEventSchema } from "@/lib/api/license-errors";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** `GET /api/license-errors?refresh=1` read to its last line; counts only, rows are not kept. */
export async function readLicenseErrors(
  baseUrl: string,
  token: string,
): Promise<{ rows: number; events: number; total: number }> {
  const res = await fetch(`${baseUrl}/api/license-errors?refresh=1`, { headers: bearer(token) });
  if (!res.ok || !res.body) {
    throw new Error(`GET /api/license-errors answered ${res.status}: ${await res.text()}`);
  }
  let rows = 0;
  let events = 0;
  let buffer = "";
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const lines = (buffer + value).split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines.filter(Boolean)) {
      const event = licenseErrorsStreamEventSchema.parse(JSON.parse(line));
      events += 1;
      if (event.type === "rows") rows += event.rows.length;
      if (event.type === "error") throw new Error(`The list failed: ${event.error.message}`);
      if (event.type === "done") return { rows, events, total: event.total };
    }
  }
  throw new Error(`The list ended without its done event after ${rows} rows.`);
}

/**
 * `POST /api/jobs` for explicit users, waiting as long as the server takes to store them: over `node:http`,
 * because fetch gives up on an answer's headers after 5 minutes and creation reads every user not listed.
 */
export async function createUsersJob(
  baseUrl: string,
  token: string,
  userIds: string[],
): Promise<JobView> {
  const body = JSON.stringify({ selection: { kind: "users", userIds } });
  const { status, text } = await new Promise<{ status: number; text: string }>(
    (resolve, reject) => {
      const req = request(`${baseUrl}/api/jobs`, {
        method: "POST",
        headers: { ...bearer(token), "content-type": "application/json" },
      });
      req.on("error", reject);
      req.on("response", (res) => {
        res.setEncoding("utf8");
        let text = "";
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", reject);
      });
      req.end(body);
    },
  );
  if (status !== 201) throw new Error(`POST /api/jobs answered ${status}: ${text}`);
  return createJobResponseSchema.parse(JSON.parse(text)).job;
}
