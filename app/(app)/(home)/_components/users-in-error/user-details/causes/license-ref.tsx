import { formatDateTime } from "@/components/format/date-time";
import { Badge } from "@/components/ui/badge";
import type { LicenseRef } from "@/lib/api/license-causes";

/** A plan, the product it comes in, where the user gets it from, and whether that license works. */
export function LicenseRefView({ license, label }: { license: LicenseRef; label: string }) {
  const { plan, product, source, error } = license;
  return (
    <div className="min-w-0 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <p className="text-xs font-medium text-zinc-600 uppercase dark:text-zinc-400">{label}</p>
      <p className="font-medium">{plan.name}</p>
      <p className="text-zinc-700 dark:text-zinc-300">in {product.name}</p>
      <p className="text-zinc-600 dark:text-zinc-400">
        {source.groupId
          ? `From the group ${source.groupName ?? source.groupId}`
          : "Assigned directly"}
        {source.since && <> · state last changed {formatDateTime(source.since)}</>}
      </p>
      <Badge className="mt-1" variant={error === "None" ? "success" : "danger"}>
        {error === "None" ? "Working" : `Failing: ${error}`}
      </Badge>
    </div>
  );
}
