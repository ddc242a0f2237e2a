import type { Page } from "@playwright/test";

/** What the main thread did during one interaction, in milliseconds. */
export interface BusyFigures {
  /** Longest Long Tasks API entry (the browser reports tasks of 50 ms and over); 0 when none. */
  longTaskMs: number;
  /**
   * Longest gap between two animation frames: it also catches blocks under 50 ms and the style,
   * layout and paint work after a task, which the Long Tasks API leaves out. An idle frame is 16.7 ms.
   */
  frameMs: number;
  /** Longest Event Timing duration (input to the next paint, in 8 ms steps); 0 when none reached 16 ms. */
  eventMs: number;
}

interface Recorder {
  longTasks: PerformanceEntry[];
  events: PerformanceEntry[];
  frames: { start: number; gap: number }[];
}

declare global {
  interface Window {
    __gridBench?: Recorder;
  }
}

/** Runs in the page before any of its scripts: buffered observers plus a frame-gap loop. */
function installRecorder() {
  const recorder: Recorder = { longTasks: [], events: [], frames: [] };
  window.__gridBench = recorder;
  new PerformanceObserver((list) => recorder.longTasks.push(...list.getEntries())).observe({
    type: "longtask",
    buffered: true,
  });
  new PerformanceObserver((list) => recorder.events.push(...list.getEntries())).observe({
    type: "event",
    buffered: true,
    durationThreshold: 16,
  } as PerformanceObserverInit);
  let last = performance.now();
  const tick = (now: number) => {
    // Only gaps longer than a frame and a half are kept: the rest is the page idling at 60 Hz.
    if (now - last > 25) recorder.frames.push({ start: last, gap: now - last });
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Installs the recorder in every document the page loads from now on. */
export async function recordBusyTime(page: Page): Promise<void> {
  // tsx keeps function names with an `__name` helper that the page lacks; in the page, it does nothing.
  await page.addInitScript({ content: "globalThis.__name = (target) => target;" });
  await page.addInitScript(installRecorder);
}

/** Resolves once `quietMs` pass with every frame on time, so an interaction's work has ended. */
export async function waitUntilQuiet(page: Page, quietMs = 600): Promise<void> {
  await page.evaluate(
    (quiet) =>
      new Promise<void>((resolve) => {
        const deadline = performance.now() + 15_000;
        let calmSince = performance.now();
        let last = calmSince;
        const tick = (now: number) => {
          if (now - last > 25) calmSince = now;
          last = now;
          if (now - calmSince >= quiet || now > deadline) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    quietMs,
  );
}

/** The busiest moments of `interaction`, which must leave the page quiet again (it is waited for). */
export async function measureBusyTime(
  page: Page,
  interaction: () => Promise<void>,
): Promise<BusyFigures> {
  await waitUntilQuiet(page);
  const since = await page.evaluate(() => performance.now());
  await interaction();
  await waitUntilQuiet(page);
  return page.evaluate((from) => {
    const recorder = window.__gridBench;
    if (!recorder) throw new Error("The busy-time recorder is not installed in this page.");
    const longest = (values: number[]) => Math.round(Math.max(0, ...values));
    return {
      longTaskMs: longest(
        recorder.longTasks.filter((e) => e.startTime >= from).map((e) => e.duration),
      ),
      frameMs: longest(recorder.frames.filter((f) => f.start >= from).map((f) => f.gap)),
      eventMs: longest(recorder.events.filter((e) => e.startTime >= from).map((e) => e.duration)),
    };
  }, since);
}
