"use client";

import { cn } from "@/lib/utils";

interface ErrorCodeChipsProps {
  counts: Map<string, number>;
  titles: Map<string, string>;
  /** The codes the error filter currently keeps. */
  selected: string[];
  onToggle: (code: string) => void;
}

/** Users in error per code at a glance; pressing a chip filters the grid to that code. */
export function ErrorCodeChips({ counts, titles, selected, onToggle }: ErrorCodeChipsProps) {
  if (counts.size === 0) return null;
  const chips = [...counts].sort((a, b) => b[1] - a[1]);
  return (
    <ul aria-label="Users in error by cause" className="flex flex-wrap gap-2">
      {chips.map(([code, count]) => {
        const pressed = selected.includes(code);
        return (
          <li key={code}>
            <button
              type="button"
              aria-pressed={pressed}
              title={code}
              onClick={() => onToggle(code)}
              className={cn(
                "inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm transition-colors focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none",
                pressed
                  ? "border-sky-700 bg-sky-700 text-white dark:border-sky-500 dark:bg-sky-700"
                  : "border-zinc-300 bg-white hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800",
              )}
            >
              {titles.get(code) ?? code}
              <span className="font-semibold tabular-nums">{count}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
