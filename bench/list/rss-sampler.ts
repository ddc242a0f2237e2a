// Samples a process tree's resident memory on an interval and keeps the peak of each phase measured.
import { treeRssKb } from "./process-rss";

/** What the samples of one phase showed; sizes in MiB (VmRSS counts KiB), reported as "MB". */
export interface PhaseMemory {
  peakMb: number;
  /** The last sample, when the phase ended. */
  endMb: number;
  samples: number;
  /** The most processes the tree held at once. */
  processes: number;
  durationMs: number;
}

interface Tally {
  peakKb: number;
  lastKb: number;
  samples: number;
  processes: number;
}

const toMb = (kb: number) => Math.round((kb / 1024) * 10) / 10;

/** Samples `pid`'s process tree every `intervalMs` while a phase runs; one phase at a time. */
export class RssSampler {
  private tally: Tally | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    // The sampler alone must not keep a finished bench alive.
    this.timer.unref();
  }

  private sample(): void {
    if (!this.tally) return;
    const { kb, processes } = treeRssKb(this.pid);
    const tally = this.tally;
    tally.peakKb = Math.max(tally.peakKb, kb);
    tally.lastKb = kb;
    tally.samples += 1;
    tally.processes = Math.max(tally.processes, processes);
  }

  /** Runs `work` as one phase, sampled from its start to its end inclusive. */
  async during<T>(work: () => Promise<T>): Promise<{ result: T; memory: PhaseMemory }> {
    if (this.tally) throw new Error("RssSampler measures one phase at a time.");
    const started = Date.now();
    this.tally = { peakKb: 0, lastKb: 0, samples: 0, processes: 0 };
    try {
      this.sample();
      const result = await work();
      this.sample();
      const { peakKb, lastKb, samples, processes } = this.tally;
      const memory = {
        peakMb: toMb(peakKb),
        endMb: toMb(lastKb),
        samples,
        processes,
        durationMs: Date.now() - started,
      };
      return { result, memory };
    } finally {
      this.tally = undefined;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
