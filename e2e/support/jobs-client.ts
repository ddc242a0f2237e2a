import type { z } from "zod";
import {
  createJobResponseSchema,
  getJobResponseSchema,
  type JobItemView,
  type JobAction,
  type JobSelection,
  type JobView,
  listJobItemsResponseSchema,
} from "../../lib/api/jobs";

/** The job routes of one app instance, called as an operator's script would: bearer token, JSON. */
export class JobsClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private async call<S extends z.ZodType>(schema: S, path: string, init?: RequestInit) {
    const res = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(init?.body ? { "content-type": "application/json" } : {}),
      },
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (!res.ok)
      throw new Error(`${init?.method ?? "GET"} ${path} answered ${res.status}: ${text}`);
    return schema.parse(JSON.parse(text)) as z.infer<S>;
  }

  async create(selection: JobSelection): Promise<JobView> {
    const body = JSON.stringify({ selection });
    return (await this.call(createJobResponseSchema, "/api/jobs", { method: "POST", body })).job;
  }

  /** Pause, resume or cancel, as the job page's buttons do. */
  async control(id: string, action: JobAction): Promise<JobView> {
    return (await this.call(getJobResponseSchema, `/api/jobs/${id}/${action}`, { method: "POST" }))
      .job;
  }

  async get(id: string): Promise<JobView> {
    return (await this.call(getJobResponseSchema, `/api/jobs/${id}`)).job;
  }

  /** Every item of the job, page by page, in item order. */
  async items(id: string, filter: { state?: string } = {}): Promise<JobItemView[]> {
    const items: JobItemView[] = [];
    let cursor: number | null = null;
    do {
      const query = new URLSearchParams({ limit: "1000", ...filter });
      if (cursor !== null) query.set("cursor", String(cursor));
      const page = await this.call(listJobItemsResponseSchema, `/api/jobs/${id}/items?${query}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return items;
  }
}

/** How many of the job's items are final. */
export const finalCount = (job: JobView) => job.progress.states.final ?? 0;

export const isFinished = (job: JobView) =>
  job.status === "completed" || job.status === "cancelled";
