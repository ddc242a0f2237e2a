"use client";

import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ACTION_LABEL, OUTCOME_LABEL } from "@/components/history/history-labels";
import { useSeats } from "@/lib/client/use-seats";
import type { HistoryFilterName } from "./use-history-url-state";

const CODES = [
  ["CountViolation", "Not enough licenses"],
  ["MutuallyExclusiveViolation", "Conflicting licenses"],
  ["DependencyViolation", "A required license is missing"],
  ["ProhibitedInUsageLocationViolation", "Not available in the user's country"],
  ["UniquenessViolation", "Duplicate email address"],
  ["Other", "Licensing service error"],
] as const;

const SELECT =
  "h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** A date input's day as the start of that day, local time, in ISO 8601; `end` gives the next day's start. */
const dayToIso = (day: string, end: boolean) => {
  if (!day) return null;
  const date = new Date(`${day}T00:00:00`);
  if (end) date.setDate(date.getDate() + 1);
  return date.toISOString();
};

const isoToDay = (iso: string | undefined, end: boolean) => {
  if (!iso) return "";
  const date = new Date(iso);
  if (end) date.setDate(date.getDate() - 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
};

interface HistoryFiltersProps {
  filters: Record<string, string>;
  onChange: (name: HistoryFilterName, value: string | null) => void;
  onClear: () => void;
}

/** The history's filters: user, product, error, action, outcome and days; the person is set from a row. */
export function HistoryFilters({ filters, onChange, onClear }: HistoryFiltersProps) {
  const id = useId();
  const seats = useSeats();
  const [user, setUser] = useState(filters.user ?? "");
  useEffect(() => setUser(filters.user ?? ""), [filters.user]);
  const select = (
    name: HistoryFilterName,
    label: string,
    options: readonly (readonly [string, string])[],
  ) => (
    <div className="space-y-1">
      <label htmlFor={`${id}-${name}`} className="block text-xs font-medium">
        {label}
      </label>
      <select
        id={`${id}-${name}`}
        className={SELECT}
        value={filters[name] ?? ""}
        onChange={(e) => onChange(name, e.target.value || null)}
      >
        <option value="">Any</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filter the history">
      <form
        className="space-y-1"
        onSubmit={(e) => {
          e.preventDefault();
          onChange("user", user.trim() || null);
        }}
      >
        <label htmlFor={`${id}-user`} className="block text-xs font-medium">
          User (UPN or object id)
        </label>
        <Input
          id={`${id}-user`}
          type="search"
          value={user}
          onChange={(e) => setUser(e.target.value)}
          onBlur={() => onChange("user", user.trim() || null)}
          placeholder="adele.vance@contoso.com"
          className="w-64"
        />
      </form>
      {select(
        "product",
        "Product",
        (seats.data?.products ?? []).map((p) => [p.skuId.toLowerCase(), p.productName] as const),
      )}
      {select("code", "Error", CODES)}
      {select("action", "Action", Object.entries(ACTION_LABEL))}
      {select(
        "outcome",
        "Outcome",
        Object.entries(OUTCOME_LABEL).map(([value, { label }]) => [value, label] as const),
      )}
      <div className="space-y-1">
        <label htmlFor={`${id}-from`} className="block text-xs font-medium">
          From
        </label>
        <Input
          id={`${id}-from`}
          type="date"
          value={isoToDay(filters.from, false)}
          onChange={(e) => onChange("from", dayToIso(e.target.value, false))}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-to`} className="block text-xs font-medium">
          To
        </label>
        <Input
          id={`${id}-to`}
          type="date"
          value={isoToDay(filters.to, true)}
          onChange={(e) => onChange("to", dayToIso(e.target.value, true))}
        />
      </div>
      {Object.keys(filters).length > 0 && (
        <Button variant="ghost" onClick={onClear}>
          Reset filters
        </Button>
      )}
    </div>
  );
}
