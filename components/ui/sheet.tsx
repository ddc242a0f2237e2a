"use client";

import type { ReactNode } from "react";
import { cn } from "@/lib/utils";
import { useModalDialog } from "./use-modal-dialog";
import { Button } from "./button";

interface SheetProps {
  open: boolean;
  onClose: () => void;
  /** The dialog's accessible name. */
  title: ReactNode;
  description?: ReactNode;
  className?: string;
  children: ReactNode;
}

/**
 * A side panel on a modal native `<dialog>`: focus is trapped, Escape closes it and focus goes back
 * to where it was, without a library.
 */
function Sheet({ open, onClose, title, description, className, children }: SheetProps) {
  const { ref, titleId } = useModalDialog(open);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === event.currentTarget) onClose();
      }}
      className={cn(
        "fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-none w-full max-w-2xl overflow-y-auto border-l border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/40 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100",
        className,
      )}
    >
      {open && (
        <div className="flex min-h-full flex-col">
          <header className="sticky top-0 z-10 flex items-start gap-4 border-b border-zinc-200 bg-white/95 px-5 py-4 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/95">
            <div className="min-w-0 flex-1">
              <h2 id={titleId} className="truncate text-lg font-semibold tracking-tight">
                {title}
              </h2>
              {description && (
                <div className="truncate text-sm text-zinc-600 dark:text-zinc-400">
                  {description}
                </div>
              )}
            </div>
            <Button variant="ghost" size="sm" onClick={onClose}>
              Close
            </Button>
          </header>
          <div className="flex-1 space-y-6 px-5 py-5">{children}</div>
        </div>
      )}
    </dialog>
  );
}

export { Sheet };
