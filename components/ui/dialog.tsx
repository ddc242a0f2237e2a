"use client";

import type { ReactNode } from "react";
import { cn } from "@/lib/utils";
import { useModalDialog } from "./use-modal-dialog";

interface DialogProps {
  open: boolean;
  onClose: () => void;
  /** The dialog's accessible name, shown as its heading. */
  title: ReactNode;
  children: ReactNode;
  /** Buttons, right-aligned under the content. */
  footer?: ReactNode;
  className?: string;
}

/**
 * A centred modal on a native `<dialog>`: focus trapped, Escape closes, focus returns to where it
 * was. The content stays mounted only while open, so each opening starts fresh.
 */
function Dialog({ open, onClose, title, children, footer, className }: DialogProps) {
  const { ref, titleId } = useModalDialog(open);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className={cn(
        "m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/40 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100",
        className,
      )}
    >
      {open && (
        <div className="space-y-4 p-5">
          <h2 id={titleId} className="text-lg font-semibold tracking-tight">
            {title}
          </h2>
          <div className="space-y-3 text-sm">{children}</div>
          {footer && <div className="flex flex-wrap justify-end gap-2 pt-1">{footer}</div>}
        </div>
      )}
    </dialog>
  );
}

export { Dialog };
