/** Every request the emulator received, so tests can assert what a client really sent. */
export interface LoggedRequest {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: string;
  /** Set for requests that arrived inside a $batch: the outer request's sequence number. */
  batchSeq?: number;
  status: number;
  requestId: string;
  clientRequestId?: string;
  /** Authorization headers are never logged; only the token's app and user ids are. */
  appId?: string;
  userId?: string;
  body?: unknown;
}

const MAX_ENTRIES = 50_000;

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES)
      this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(filter: { since?: number; pathContains?: string; method?: string } = {}): LoggedRequest[] {
    return this.entries.filter(
      (e) =>
        (filter.since === undefined || e.seq > filter.since) &&
        (filter.pathContains === undefined ||
          e.path.toLowerCase().includes(filter.pathContains.toLowerCase())) &&
        (filter.method === undefined || e.method === filter.method.toUpperCase()),
    );
  }

  clear(): void {
    this.entries = [];
  }

  get lastSeq(): number {
    return this.seq;
  }
}
