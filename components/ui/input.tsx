import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  return (
    <input
      type={type}
      data-slot="input"
      className={cn(
        "h-9 w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 text-sm shadow-xs outline-none placeholder:text-zinc-500 focus-visible:border-sky-500 focus-visible:ring-2 focus-visible:ring-sky-500/40 aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900 dark:placeholder:text-zinc-400",
        className,
      )}
      {...props}
    />
  );
}

export { Input };
