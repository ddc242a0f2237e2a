import type { LicenseDiff, LicenseSnapshot } from "@/lib/api/reprocess";
import { countryLabel } from "@/lib/client/countries";
import { type ChangeKind, DiffItem, DiffSection } from "./diff-list";
import { DIRECT_ASSIGNMENT } from "./labels";

type StateValue = LicenseDiff["states"][number]["before"];

const describeState = (value: StateValue) =>
  !value
    ? "not assigned"
    : value.error === "None"
      ? value.state
      : `${value.state} (${value.error})`;

type StateChange = LicenseDiff["states"][number];

/** Green when an assignment got well, red when it broke or went away, amber otherwise. */
function stateChange({ before, after }: StateChange): { kind: ChangeKind; label: string } {
  if (!after) return { kind: "removed", label: "removed" };
  if (after.error === "None") return { kind: "added", label: before ? "fixed" : "new" };
  if (!before || before.error === "None") return { kind: "removed", label: "now failing" };
  return { kind: "changed", label: "changed" };
}

const planCount = (n: number) => `${n} plan${n === 1 ? "" : "s"}`;

/** Licenses before and after, side by side, with what appeared, went or changed marked. */
function LicensesBeforeAfter({
  before,
  after,
  diff,
}: {
  before: LicenseSnapshot;
  after: LicenseSnapshot;
  diff: LicenseDiff["licenses"];
}) {
  const added = new Set(diff.added.map((l) => l.skuId));
  const removed = new Set(diff.removed.map((l) => l.skuId));
  const changed = new Map(diff.changed.map((l) => [l.skuId, l]));
  const column = (
    title: string,
    snapshot: LicenseSnapshot,
    marked: Set<string>,
    kind: "added" | "removed",
  ) => (
    <div className="min-w-0 space-y-1.5">
      <h5 className="text-xs font-medium tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
        {title}
      </h5>
      <ul className="space-y-1.5" aria-label={`Licenses ${title.toLowerCase()}`}>
        {snapshot.assignedLicenses.map((license) => {
          const change = changed.get(license.skuId);
          return (
            <DiffItem
              key={license.skuId}
              kind={
                marked.has(license.skuId) ? kind : change && kind === "added" ? "changed" : "same"
              }
            >
              {license.productName}
              {change && kind === "added" && (
                <span className="block text-xs">
                  {change.plansEnabled.length > 0 &&
                    `Enabled: ${change.plansEnabled.map((p) => p.name).join(", ")}. `}
                  {change.plansDisabled.length > 0 &&
                    `Disabled: ${change.plansDisabled.map((p) => p.name).join(", ")}.`}
                </span>
              )}
            </DiffItem>
          );
        })}
        {snapshot.assignedLicenses.length === 0 && (
          <li className="text-sm text-zinc-600 dark:text-zinc-400">No licenses</li>
        )}
      </ul>
    </div>
  );
  return (
    <section aria-label="Licenses" className="space-y-2">
      <h4 className="text-sm font-semibold">Licenses</h4>
      <div className="grid gap-4 sm:grid-cols-2">
        {column("Before", before, removed, "removed")}
        {column("After", after, added, "added")}
      </div>
    </section>
  );
}

/** The structured diff of one reprocess: states, usage location, licenses and plans, by name. */
export function LicenseDiffView({
  before,
  after,
  diff,
}: {
  before: LicenseSnapshot;
  after: LicenseSnapshot;
  diff: LicenseDiff;
}) {
  const { plans } = diff;
  const planChanges = plans.added.length + plans.removed.length + plans.changed.length;
  return (
    <div className="space-y-5">
      <DiffSection title="Assignment states" empty="No assignment changed state.">
        {diff.states.map((s) => (
          <DiffItem key={`${s.skuId}:${s.groupId ?? "direct"}`} {...stateChange(s)}>
            <span className="font-medium">{s.productName}</span>
            <span className="text-xs"> · {s.groupName ?? DIRECT_ASSIGNMENT}</span>
            <span className="block">
              {describeState(s.before)} → {describeState(s.after)}
            </span>
          </DiffItem>
        ))}
      </DiffSection>
      {before.usageLocation !== after.usageLocation && (
        <DiffSection title="Usage location" empty="">
          {[
            <DiffItem key="location" kind="changed">
              {countryLabel(before.usageLocation)} → {countryLabel(after.usageLocation)}
            </DiffItem>,
          ]}
        </DiffSection>
      )}
      <LicensesBeforeAfter before={before} after={after} diff={diff.licenses} />
      <DiffSection
        title={planChanges ? `Service plans (${planCount(planChanges)} changed)` : "Service plans"}
        empty="No service plan changed."
      >
        {[
          ...plans.added.map((p) => (
            <DiffItem key={`added:${p.servicePlanId}`} kind="added">
              {p.planName} <span className="text-xs">({p.service})</span>
            </DiffItem>
          )),
          ...plans.removed.map((p) => (
            <DiffItem key={`removed:${p.servicePlanId}`} kind="removed">
              {p.planName} <span className="text-xs">({p.service})</span>
            </DiffItem>
          )),
          ...plans.changed.map((p) => (
            <DiffItem key={`changed:${p.servicePlanId}`} kind="changed">
              {p.planName}: {p.from} → {p.to}
            </DiffItem>
          )),
        ]}
      </DiffSection>
    </div>
  );
}
