import { format } from "node:util";
import { beforeEach, onTestFailed } from "vitest";

// Vitest setup file: server code logs what it provokes ([graph] retries, [jobs] hiccups, …). A passing
// run prints none of it; a failing test prints what it logged, and a test may assert on the lines.
const LEVELS = ["debug", "log", "info", "warn", "error"] as const;
type Level = (typeof LEVELS)[number];

interface Line {
  level: Level;
  text: string;
}

let lines: Line[] = [];
const original = Object.fromEntries(LEVELS.map((level) => [level, console[level]])) as Record<
  Level,
  (...args: unknown[]) => void
>;

for (const level of LEVELS) {
  console[level] = (...args: unknown[]) => {
    lines.push({ level, text: format(...args) });
  };
}

beforeEach(() => {
  lines = [];
  onTestFailed(() => {
    for (const { level, text } of lines) original.error(`[${level}] ${text}`);
  });
});

/** What the current test has logged so far, as text, optionally only the lines matching `pattern`. */
export function loggedLines(pattern?: RegExp): string[] {
  return lines.map((line) => line.text).filter((text) => !pattern || pattern.test(text));
}
