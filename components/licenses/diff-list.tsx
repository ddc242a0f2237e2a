import { type ReactNode, useId } from "react";
import { cn } from "@/lib/utils";

export type ChangeKind = "added" | "removed" | "changed" | "same";

const MARKS: Record<ChangeKind, string> = { added: "+", removed: "−", changed: "~", same: "" };

const TONES: Record<ChangeKind, string> = {
  added:
    "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-200",
  removed:
    "border-red-200 bg-red-50 text-red-900 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200",
  changed:
    "border-amber-200 bg-amber-50 text-amber-950 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200",
  same: "border-zinc-200 text-zinc-700 dark:border-zinc-800 dark:text-zinc-300",
};

/** One line of a diff: colour for the eye, a sign and a hidden word for everyone else. */
export function DiffItem({
  kind,
  label = kind,
  children,
}: {
  kind: ChangeKind;
  /** The hidden word, when the kind's own ("added") says less than e.g. "fixed". */
  label?: string;
  children: ReactNode;
}) {
  return (
    <li
      data-change={kind}
      className={cn("flex gap-2 rounded-md border px-2.5 py-1.5 text-sm", TONES[kind])}
    >
      {kind !== "same" && (
        <span aria-hidden className="w-3 shrink-0 font-mono font-semibold">
          {MARKS[kind]}
        </span>
      )}
      {kind !== "same" && <span className="sr-only">{label}: </span>}
      <span className="min-w-0 flex-1">{children}</span>
    </li>
  );
}

/** A titled list of diff lines, or a quiet note when nothing changed. */
export function DiffSection({
  title,
  empty,
  children,
}: {
  title: string;
  empty: string;
  children: ReactNode[];
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h4 id={id} className="text-sm font-semibold">
        {title}
      </h4>
      {children.length > 0 ? (
        <ul className="space-y-1.5">{children}</ul>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>
      )}
    </section>
  );
}
