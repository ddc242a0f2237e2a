"use client";

import type { KeyboardEvent } from "react";
import { cn } from "@/lib/utils";
import type { WorkspaceTab } from "./use-list-url-state";

interface WorkspaceTabsProps {
  /** Prefix of the tab and panel ids. */
  idBase: string;
  tab: WorkspaceTab;
  onChange: (tab: WorkspaceTab) => void;
  labels: Record<WorkspaceTab, string>;
}

const ORDER: WorkspaceTab[] = ["errors", "seats"];

export const tabPanelId = (base: string, tab: WorkspaceTab) => `${base}-${tab}-panel`;
export const tabId = (base: string, tab: WorkspaceTab) => `${base}-${tab}-tab`;

/** The workspace's two views as ARIA tabs; Left and Right switch between them. */
export function WorkspaceTabs({ idBase, tab, onChange, labels }: WorkspaceTabsProps) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const next = ORDER[(ORDER.indexOf(tab) + 1) % ORDER.length] ?? "errors";
    onChange(next);
    document.getElementById(tabId(idBase, next))?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label="Views"
      onKeyDown={onKeyDown}
      className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800"
    >
      {ORDER.map((value) => (
        <button
          key={value}
          id={tabId(idBase, value)}
          type="button"
          role="tab"
          aria-selected={tab === value}
          aria-controls={tabPanelId(idBase, value)}
          tabIndex={tab === value ? 0 : -1}
          onClick={() => onChange(value)}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none",
            tab === value
              ? "border-sky-600 text-zinc-900 dark:text-zinc-100"
              : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
          )}
        >
          {labels[value]}
        </button>
      ))}
    </div>
  );
}
