"use client";

import { type ReactNode, useId, useRef, useState } from "react";
import { cn } from "@/lib/utils";
import { Button } from "./button";

interface PopoverProps {
  /** What the trigger button shows. */
  trigger: ReactNode;
  /** The trigger's accessible name when its content is not enough on its own. */
  triggerLabel?: string;
  triggerClassName?: string;
  className?: string;
  children: ReactNode;
}

const FOCUSABLE = "input, button, [href], [tabindex]:not([tabindex='-1'])";

/**
 * A button that opens a panel next to it. The native popover API gives light dismiss, Escape and
 * the top layer; this places the panel under the trigger and moves focus into it.
 */
function Popover({ trigger, triggerLabel, triggerClassName, className, children }: PopoverProps) {
  const id = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  const place = () => {
    const anchor = triggerRef.current?.getBoundingClientRect();
    const panel = panelRef.current;
    if (!anchor || !panel) return;
    const left = Math.max(8, Math.min(anchor.left, window.innerWidth - panel.offsetWidth - 8));
    panel.style.top = `${anchor.bottom + 4}px`;
    panel.style.left = `${left}px`;
  };

  return (
    <>
      <Button
        ref={triggerRef}
        variant="outline"
        size="sm"
        popoverTarget={id}
        aria-expanded={open}
        aria-label={triggerLabel}
        className={cn("border-dashed", triggerClassName)}
      >
        {trigger}
      </Button>
      <div
        ref={panelRef}
        id={id}
        popover="auto"
        onToggle={(event) => {
          const isOpen = event.newState === "open";
          setOpen(isOpen);
          if (!isOpen) return;
          place();
          panelRef.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
        }}
        className={cn(
          "fixed m-0 w-64 rounded-md border border-zinc-200 bg-white p-1 text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
          className,
        )}
      >
        {children}
      </div>
    </>
  );
}

export { Popover };
