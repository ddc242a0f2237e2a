"use client";

import { type ChangeEvent, type ComponentProps, useEffect, useRef } from "react";
import { cn } from "@/lib/utils";

type CheckboxProps = Omit<ComponentProps<"input">, "type" | "checked" | "onChange"> & {
  checked: boolean | "indeterminate";
  /** The event tells a shift-click (range selection) from a plain one. */
  onCheckedChange: (checked: boolean, event: ChangeEvent<HTMLInputElement>) => void;
};

/** A native checkbox with a third, mixed state (the DOM only sets that through a property). */
function Checkbox({ checked, onCheckedChange, className, ...props }: CheckboxProps) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = checked === "indeterminate";
  }, [checked]);
  return (
    <input
      ref={ref}
      type="checkbox"
      data-slot="checkbox"
      checked={checked === true}
      onChange={(event) => onCheckedChange(event.target.checked, event)}
      className={cn(
        "size-4 shrink-0 cursor-pointer rounded border-zinc-400 accent-sky-600 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none",
        className,
      )}
      {...props}
    />
  );
}

export { Checkbox };
