import "server-only";
import type { LicenseErrorRow, LicenseErrorsStreamEvent } from "@/lib/api/license-errors";
import type { ApiError } from "../http/api-error";

type LoggedEvent = Extract<
  LicenseErrorsStreamEvent,
  { type: "plan" | "rows" | "progress" | "reset" }
>;
type Plan = Omit<Extract<LicenseErrorsStreamEvent, { type: "plan" }>, "type">;
type Progress = Omit<Extract<LicenseErrorsStreamEvent, { type: "progress" }>, "type">;
type Done = Extract<LicenseErrorsStreamEvent, { type: "done" }>;
/** What the reader says when it has finished: the rest of `done` is the run's own. */
export type ReadSummary = Pick<Done, "way" | "directoryUsers" | "elapsedMs" | "requests">;

/** Rows per event when a finished scan is replayed from memory. */
const REPLAY_CHUNK = 500;

/**
 * One tenant-wide scan for users in error, shared by every request that asks while it runs or
 * shortly after: listeners joining late get what happened so far, then the rest as it comes.
 */
export class ScanRun {
  /** The rows as they are now: reprocessing a user replaces or removes theirs. */
  readonly rows = new Map<string, LicenseErrorRow>();
  private readonly log: LoggedEvent[] = [];
  private completedAt: number | undefined;
  private generatedAt: string | undefined;
  private summary: ReadSummary | undefined;
  private chosen: Plan | undefined;
  private error: ApiError | undefined;
  private waiting: (() => void)[] = [];

  get state(): "running" | "done" | "failed" {
    if (this.error) return "failed";
    return this.completedAt === undefined ? "running" : "done";
  }

  get failure(): ApiError | undefined {
    return this.error;
  }

  /** How far the scan had read, once it has said anything: a failure after that leaves the list partial. */
  get lastProgress(): Progress | undefined {
    const last = this.log.findLast((event) => event.type === "progress");
    if (!last) return undefined;
    const { type: _type, ...progress } = last;
    return progress;
  }

  /** How long ago the scan finished, or undefined while it runs. */
  age(now = Date.now()): number | undefined {
    return this.completedAt === undefined ? undefined : now - this.completedAt;
  }

  private notify(): void {
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach((wake) => wake());
  }

  /** How the scan reads, said before any row. */
  plan(plan: Plan): void {
    this.chosen = plan;
    this.log.push({ type: "plan", ...plan });
    this.notify();
  }

  get way(): Plan | undefined {
    return this.chosen;
  }

  /** The rows so far are forgotten: the reading starts again another way. */
  reset(reason: string): void {
    this.rows.clear();
    this.log.push({ type: "reset", reason });
    this.notify();
  }

  addRows(rows: LicenseErrorRow[]): void {
    if (rows.length === 0) return;
    for (const row of rows) this.rows.set(row.id, row);
    this.log.push({ type: "rows", rows });
    this.notify();
  }

  progress(progress: Progress): void {
    this.log.push({ type: "progress", ...progress });
    this.notify();
  }

  finish(summary: ReadSummary): void {
    this.summary = summary;
    this.completedAt = Date.now();
    this.generatedAt = new Date(this.completedAt).toISOString();
    this.notify();
  }

  fail(error: ApiError): void {
    this.error = error;
    this.notify();
  }

  /** Replaces one user's row after a reprocess (null: the user is no longer in error). */
  updateRow(userId: string, row: LicenseErrorRow | null): void {
    if (row) this.rows.set(userId, row);
    else this.rows.delete(userId);
  }

  /** Resolves when the scan has finished or failed. */
  async settled(): Promise<void> {
    while (this.state === "running") await new Promise<void>((wake) => this.waiting.push(wake));
  }

  /** The stream one request sends: a finished scan from memory, a running one replayed and followed. */
  async *events(): AsyncGenerator<LicenseErrorsStreamEvent> {
    if (this.state === "done") {
      if (this.chosen) yield { type: "plan", ...this.chosen };
      const rows = [...this.rows.values()];
      for (let i = 0; i < rows.length; i += REPLAY_CHUNK) {
        yield { type: "rows", rows: rows.slice(i, i + REPLAY_CHUNK) };
      }
      yield this.doneEvent(true);
      return;
    }
    let next = 0;
    for (;;) {
      while (next < this.log.length) yield this.log[next++]!;
      if (this.error) {
        yield { type: "error", error: this.error.toJSON() };
        return;
      }
      if (this.completedAt !== undefined) {
        yield this.doneEvent(false);
        return;
      }
      await new Promise<void>((wake) => this.waiting.push(wake));
    }
  }

  /** Only once `finish` has given the summary. */
  private doneEvent(fromCache: boolean): LicenseErrorsStreamEvent {
    if (!this.summary || !this.generatedAt) throw new Error("The scan has not finished.");
    return {
      type: "done",
      total: this.rows.size,
      generatedAt: this.generatedAt,
      fromCache,
      ...this.summary,
    };
  }
}
