// Resident memory of a process and everything it started, read from /proc (Linux only).
import { readdirSync, readFileSync } from "node:fs";

/** A process's parent, from /proc/<pid>/stat; undefined once it has exited. */
function parentOf(pid: string): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: the fields after the last ")" are fixed.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
  } catch {
    return undefined;
  }
}

/** VmRSS of one process in KiB; 0 once it has exited (or for a zombie, which holds none). */
function rssKbOf(pid: string): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The pids of `rootPid` and all its descendants, as they are now. */
function processTree(rootPid: number): string[] {
  const children = new Map<string, string[]>();
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    const parent = parentOf(pid);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree = [String(rootPid)];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** Summed VmRSS of `rootPid`'s whole process tree in KiB, with how many processes it counted. */
export function treeRssKb(rootPid: number): { kb: number; processes: number } {
  const pids = processTree(rootPid);
  return { kb: pids.reduce((sum, pid) => sum + rssKbOf(pid), 0), processes: pids.length };
}
