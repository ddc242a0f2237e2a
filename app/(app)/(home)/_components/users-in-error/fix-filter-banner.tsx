import { Button } from "@/components/ui/button";

/** Says the grid shows only the users one fix would clear (sent from the Seats tab), and undoes it. */
export function FixFilterBanner({
  keys,
  texts,
  onClear,
}: {
  keys: string[];
  texts: Map<string, string>;
  onClear: () => void;
}) {
  if (keys.length === 0) return null;
  return (
    <div
      role="status"
      className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900 dark:border-sky-800/60 dark:bg-sky-950/40 dark:text-sky-200"
    >
      <p>
        Showing the users this fix clears: {keys.map((key) => texts.get(key) ?? key).join("; ")}
      </p>
      <Button variant="outline" size="sm" onClick={onClear}>
        Show everyone
      </Button>
    </div>
  );
}
