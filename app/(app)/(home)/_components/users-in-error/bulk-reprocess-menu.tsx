"use client";

import { useMemo } from "react";
import { Popover } from "@/components/ui/popover";
import type { JobSelection } from "@/lib/api/jobs";
import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";

interface BulkReprocessMenuProps {
  rows: LicenseErrorListRow[];
  errorTitles: Map<string, string>;
  onReprocess: (selection: JobSelection, what: string) => void;
}

interface Choice {
  key: string;
  label: string;
  count: number;
  selection: JobSelection;
}

/** Each error code and each licensing group with users still in error, and how many. */
function choicesFrom(rows: LicenseErrorListRow[], titles: Map<string, string>) {
  const codes = new Map<string, Set<string>>();
  const groups = new Map<string, { name: string; users: Set<string> }>();
  for (const row of rows) {
    if (row.resolved) continue;
    for (const f of row.failing) {
      codes.set(f.error, (codes.get(f.error) ?? new Set()).add(row.id));
      if (!f.groupId) continue;
      const group = groups.get(f.groupId) ?? { name: f.groupName ?? f.groupId, users: new Set() };
      groups.set(f.groupId, { ...group, users: group.users.add(row.id) });
    }
  }
  const byCount = (a: Choice, b: Choice) => b.count - a.count || a.label.localeCompare(b.label);
  const byCode: Choice[] = [...codes].map(([code, users]) => ({
    key: `code:${code}`,
    label: titles.get(code) ?? code,
    count: users.size,
    selection: { kind: "errorCode", code },
  }));
  const byGroup: Choice[] = [...groups].map(([groupId, { name, users }]) => ({
    key: `group:${groupId}`,
    label: name,
    count: users.size,
    selection: { kind: "group", groupId },
  }));
  return { byCode: byCode.toSorted(byCount), byGroup: byGroup.toSorted(byCount) };
}

function ChoiceList({
  title,
  choices,
  describe,
  onPick,
}: {
  title: string;
  choices: Choice[];
  describe: (choice: Choice) => string;
  onPick: (choice: Choice) => void;
}) {
  if (choices.length === 0) return null;
  return (
    <div className="py-1">
      <p className="px-2 py-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">{title}</p>
      <ul aria-label={title}>
        {choices.map((choice) => (
          <li key={choice.key}>
            <button
              type="button"
              aria-label={describe(choice)}
              onClick={() => onPick(choice)}
              className="flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm hover:bg-zinc-100 focus-visible:bg-zinc-100 focus-visible:outline-none dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800"
            >
              <span className="min-w-0 flex-1 truncate">{choice.label}</span>
              <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
                {choice.count}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * "Reprocess everyone in error with code Y / in group X": the server finds them afresh, so users
 * the list has not shown yet are included. The counts are what this list holds now.
 */
export function BulkReprocessMenu({ rows, errorTitles, onReprocess }: BulkReprocessMenuProps) {
  // A pass over every row: only when the list changes, not on each search key or selection.
  const { byCode, byGroup } = useMemo(() => choicesFrom(rows, errorTitles), [rows, errorTitles]);
  if (byCode.length === 0) return null;
  const pick = (what: string) => (choice: Choice) => {
    // Closes the menu (native popover) before the dialog takes focus.
    (document.activeElement as HTMLElement | null)
      ?.closest<HTMLElement>("[popover]")
      ?.hidePopover();
    onReprocess(choice.selection, what.replace("{}", choice.label));
  };
  return (
    <Popover trigger="Reprocess all in error…" triggerClassName="border-solid" className="w-80">
      <ChoiceList
        title="By cause"
        choices={byCode}
        describe={(c) => `Reprocess everyone in error with ${c.label} (${c.count})`}
        onPick={pick("Everyone in error with {}")}
      />
      <ChoiceList
        title="By group"
        choices={byGroup}
        describe={(c) => `Reprocess everyone in error in group ${c.label} (${c.count})`}
        onPick={pick("Everyone in error in group {}")}
      />
    </Popover>
  );
}
