"use client";

import { type KeyboardEvent, useId, useState } from "react";
import { cn } from "@/lib/utils";
import { Input } from "./input";

export interface ComboboxOption {
  value: string;
  label: string;
}

interface ComboboxProps {
  label: string;
  options: ComboboxOption[];
  /** The chosen option's value, or null while nothing valid is chosen. */
  value: string | null;
  onChange: (value: string | null) => void;
  placeholder?: string;
  describedBy?: string;
  invalid?: boolean;
}

const matches = (option: ComboboxOption, query: string) => {
  const q = query.trim().toLowerCase();
  return option.label.toLowerCase().includes(q) || option.value.toLowerCase() === q;
};

/** The option a typed text names exactly (its label or value), so typing "US" counts as a choice. */
const exactly = (options: ComboboxOption[], text: string) => {
  const q = text.trim().toLowerCase();
  return options.find((o) => o.value.toLowerCase() === q || o.label.toLowerCase() === q);
};

/**
 * A text box that filters a list of options (WAI-ARIA combobox with a listbox popup). Only an
 * option from the list is a value: free text that names none leaves the value empty.
 */
export function Combobox({
  label,
  options,
  value,
  onChange,
  placeholder,
  describedBy,
  invalid,
}: ComboboxProps) {
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState(() => options.find((o) => o.value === value)?.label ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const shown = options.filter((option) => matches(option, text));
  const activeOption = open ? shown[Math.min(active, shown.length - 1)] : undefined;

  const choose = (option: ComboboxOption) => {
    setText(option.label);
    onChange(option.value);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setOpen(true);
      setActive((i) => Math.max(0, Math.min(shown.length - 1, (open ? i : -step) + step)));
    } else if (event.key === "Enter" && activeOption) {
      event.preventDefault();
      choose(activeOption);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="relative">
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <Input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeOption ? `${id}-${activeOption.value}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
          onChange(exactly(options, event.target.value)?.value ?? null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!open || shown.length === 0}
        className="absolute z-20 mt-1 max-h-64 w-full overflow-y-auto rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      >
        {shown.map((option) => (
          <li
            key={option.value}
            id={`${id}-${option.value}`}
            role="option"
            aria-selected={option.value === activeOption?.value}
            // Keeps focus in the box so the click is not lost to its blur.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(option)}
            className={cn(
              "flex cursor-pointer justify-between gap-2 rounded px-2 py-1.5 text-sm",
              option.value === activeOption?.value && "bg-sky-100 dark:bg-sky-900/50",
            )}
          >
            <span className="truncate">{option.label}</span>
            <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
              {option.value}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
