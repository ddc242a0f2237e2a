import "server-only";
import type { Database } from "@/lib/server/db/database";
import type { LoggedRequest } from "@/lib/testing/emulator-control";

/** One server process of the run: which emulator requests were its, and what the store held when it died. */
export interface ServerLife {
  /** Its requests are numbered after this one, up to `lastSeq`. */
  afterSeq: number;
  lastSeq: number;
  /** Users whose write the store had recorded (written or final) once this process was dead. */
  recorded: Set<string>;
}

/** A reprocess call Graph received, for whom and from which life. */
export interface SentWrite {
  userId: string;
  /** Index in the lives; -1 when no life's numbers hold it. */
  life: number;
  accepted: boolean;
}

export interface CrashAudit {
  /** Items not final with one outcome, or not resolved though every cause was fixed. */
  unfinished: string[];
  /** Users whose write was sent again after the store had recorded it (or by no known life): must be none. */
  resentAfterRecorded: string[];
  /** Users one server process sent two accepted writes for: must be none. */
  sentTwiceByOneLife: string[];
  /** Users Graph never accepted a write for, or whose write the store never recorded. */
  neverWritten: string[];
  /** Users written again because a crash lost their first write before it was recorded (allowed). */
  resentAfterLoss: number;
  writesSent: number;
}

const REPROCESS_PATH = /\/users\/([^/]+)\/reprocessLicenseAssignment$/i;

/** The reprocess calls in `requests`, each with the life that sent it (by its `$batch`'s number). */
export function sentWrites(requests: LoggedRequest[], lives: ServerLife[]): SentWrite[] {
  return requests.flatMap((request) => {
    const userId = REPROCESS_PATH.exec(request.path)?.[1];
    if (!userId || request.method !== "POST") return [];
    const seq = request.batchSeq ?? request.seq;
    const life = lives.findIndex((l) => seq > l.afterSeq && seq <= l.lastSeq);
    const accepted = request.status >= 200 && request.status < 300;
    return [{ userId, life, accepted }];
  });
}

/** Users of the job whose write the store has recorded: written, or final after a write. */
export async function recordedUsers(database: Database, jobId: string): Promise<Set<string>> {
  const rows = await database.kysely
    .selectFrom("job_items")
    .select("user_id")
    .where("job_id", "=", jobId)
    .where("written_at", "is not", null)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}

/**
 * The crash invariant, per user: one item, final and resolved, its write recorded; Graph got at most one
 * accepted write from each server process, and none, whatever its answer, from a process started after
 * one at whose death the store already held the write. Writes from earlier processes are ones a crash
 * lost before they were recorded: sent again, which is allowed.
 */
export async function auditCrashRun(
  database: Database,
  {
    jobId,
    userIds,
    writes,
    lives,
  }: { jobId: string; userIds: string[]; writes: SentWrite[]; lives: ServerLife[] },
): Promise<CrashAudit> {
  const items = await database.kysely
    .selectFrom("job_items")
    .select(["user_id", "state", "outcome", "written_at", "lease_owner"])
    .where("job_id", "=", jobId)
    .execute();
  const byUser = new Map<string, SentWrite[]>();
  for (const write of writes) {
    byUser.set(write.userId, [...(byUser.get(write.userId) ?? []), write]);
  }
  const audit: CrashAudit = {
    unfinished: [],
    resentAfterRecorded: [],
    sentTwiceByOneLife: [],
    neverWritten: [],
    resentAfterLoss: 0,
    writesSent: writes.length,
  };
  const itemCount = new Map<string, number>();
  for (const item of items) itemCount.set(item.user_id, (itemCount.get(item.user_id) ?? 0) + 1);
  for (const userId of userIds) {
    if (itemCount.get(userId) !== 1) {
      audit.unfinished.push(`${userId}: ${itemCount.get(userId) ?? 0} items`);
    }
  }
  for (const item of items) {
    const user = item.user_id;
    if (item.state !== "final" || item.outcome !== "resolved" || item.lease_owner !== null) {
      audit.unfinished.push(
        `${user}: ${item.state} ${item.outcome ?? "-"} ${item.lease_owner ?? ""}`,
      );
    }
    const sent = byUser.get(user) ?? [];
    const accepted = sent.filter((write) => write.accepted);
    if (accepted.length === 0 || item.written_at === null) audit.neverWritten.push(user);
    // The first life at whose death the write was on record: no later life may send it.
    const recordedBy = lives.findIndex((life) => life.recorded.has(user));
    const late = sent.filter(
      (write) => write.life < 0 || (recordedBy >= 0 && write.life > recordedBy),
    );
    if (late.length > 0) audit.resentAfterRecorded.push(user);
    const senders = accepted.map((write) => write.life);
    if (new Set(senders).size < senders.length) audit.sentTwiceByOneLife.push(user);
    if (new Set(senders).size > 1) audit.resentAfterLoss += 1;
  }
  return audit;
}
