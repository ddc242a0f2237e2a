import "server-only";
import type { LicenseDiff, LicenseSnapshot } from "@/lib/api/reprocess";

type Snapshot = LicenseSnapshot;
type StateEntry = Snapshot["licenseAssignmentStates"][number];

const lower = (id: string) => id.toLowerCase();
const byId = <T>(items: T[], id: (item: T) => string) =>
  new Map(items.map((item) => [lower(id(item)), item]));

// `None` and null both mean "no error" in Graph.
const errorOf = (state: StateEntry) =>
  state.error.toLowerCase() === "none" || state.error === "" ? "None" : state.error;

/** One assignment is one product from one source (direct or a group): the same SKU may come from several. */
const sourceKey = (state: StateEntry) =>
  `${lower(state.skuId)}|${state.groupId ? lower(state.groupId) : "direct"}`;

function diffLicenses(before: Snapshot, after: Snapshot): LicenseDiff["licenses"] {
  const was = byId(before.assignedLicenses, (l) => l.skuId);
  const now = byId(after.assignedLicenses, (l) => l.skuId);
  const ref = (l: { skuId: string; productName: string }) => ({
    skuId: l.skuId,
    productName: l.productName,
  });
  const changed: LicenseDiff["licenses"]["changed"] = [];
  for (const [id, license] of now) {
    const previous = was.get(id);
    if (!previous) continue;
    const wasOff = new Set(previous.disabledPlans.map((p) => lower(p.id)));
    const isOff = new Set(license.disabledPlans.map((p) => lower(p.id)));
    const plansDisabled = license.disabledPlans.filter((p) => !wasOff.has(lower(p.id)));
    const plansEnabled = previous.disabledPlans.filter((p) => !isOff.has(lower(p.id)));
    if (plansDisabled.length + plansEnabled.length > 0)
      changed.push({ ...ref(license), plansDisabled, plansEnabled });
  }
  return {
    added: [...now].filter(([id]) => !was.has(id)).map(([, l]) => ref(l)),
    removed: [...was].filter(([id]) => !now.has(id)).map(([, l]) => ref(l)),
    changed,
  };
}

type Plan = Snapshot["assignedPlans"][number];

// Best first; an unknown status still means the plan is there, so it ranks just above Deleted.
const STATUS_ORDER = ["Enabled", "Warning", "Suspended", "LockedOut", "Deleted"];
const rank = (plan: Plan) => {
  const index = STATUS_ORDER.indexOf(plan.capabilityStatus);
  return index === -1 ? STATUS_ORDER.indexOf("Deleted") - 0.5 : index;
};
const isEnabled = (plan: Plan | undefined) => plan?.capabilityStatus === "Enabled";

/** Graph can list one plan twice (a Deleted entry beside a re-added one, or from two products): keep the best. */
function effectivePlans(plans: Plan[]): Map<string, Plan> {
  const best = new Map<string, Plan>();
  for (const plan of plans) {
    const id = lower(plan.servicePlanId);
    const held = best.get(id);
    if (!held || rank(plan) < rank(held)) best.set(id, plan);
  }
  return best;
}

function diffPlans(before: Snapshot, after: Snapshot): LicenseDiff["plans"] {
  const was = effectivePlans(before.assignedPlans);
  const now = effectivePlans(after.assignedPlans);
  const ref = (p: Plan) => ({
    servicePlanId: p.servicePlanId,
    planName: p.planName,
    service: p.service,
    capabilityStatus: p.capabilityStatus,
  });
  const plans: LicenseDiff["plans"] = { added: [], removed: [], changed: [] };
  for (const id of new Set([...was.keys(), ...now.keys()])) {
    const previous = was.get(id);
    const plan = now.get(id);
    if (plan && isEnabled(plan) && !isEnabled(previous)) plans.added.push(ref(plan));
    else if (previous && isEnabled(previous) && !isEnabled(plan))
      plans.removed.push(ref(plan ?? previous));
    else if (previous && plan && previous.capabilityStatus !== plan.capabilityStatus) {
      plans.changed.push({
        servicePlanId: plan.servicePlanId,
        planName: plan.planName,
        from: previous.capabilityStatus,
        to: plan.capabilityStatus,
      });
    }
  }
  return plans;
}

function diffStates(before: Snapshot, after: Snapshot): LicenseDiff["states"] {
  const was = new Map(before.licenseAssignmentStates.map((s) => [sourceKey(s), s]));
  const now = new Map(after.licenseAssignmentStates.map((s) => [sourceKey(s), s]));
  const value = (s: StateEntry | undefined) => (s ? { state: s.state, error: errorOf(s) } : null);
  const changes: LicenseDiff["states"] = [];
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    const b = was.get(key);
    const a = now.get(key);
    const from = value(b);
    const to = value(a);
    if (from && to && from.state === to.state && from.error === to.error) continue;
    const ref = (a ?? b)!;
    changes.push({
      skuId: ref.skuId,
      productName: ref.productName,
      groupId: ref.groupId,
      groupName: ref.groupName,
      before: from,
      after: to,
    });
  }
  return changes;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
const unique = (items: string[]) => [...new Set(items)];

/** One line for people: what became active or failed, then how many plans moved. */
function summarize(diff: Omit<LicenseDiff, "summary">, before: Snapshot, after: Snapshot): string {
  const activated = unique(
    diff.states
      .filter((s) => s.after?.state === "Active" && s.before?.state !== "Active")
      .map((s) => s.productName),
  );
  const failed = unique(
    diff.states
      .filter((s) => s.after && s.after.error !== "None" && s.after.error !== s.before?.error)
      .map((s) => `${s.productName} failed (${s.after!.error})`),
  );
  const added = diff.licenses.added
    .map((l) => l.productName)
    .filter((name) => !activated.includes(name));
  const removed = diff.licenses.removed.map((l) => `${l.productName} removed`);
  const products = [
    ...activated.map((name) => `${name} now active`),
    ...added.map((name) => `${name} added`),
    ...failed,
    ...removed,
  ];
  if (before.usageLocation !== after.usageLocation) {
    products.unshift(
      `Usage location ${before.usageLocation ?? "unset"} → ${after.usageLocation ?? "unset"}`,
    );
  }
  const listedBefore = new Set(before.assignedPlans.map((p) => lower(p.servicePlanId)));
  const turnedOn = diff.plans.added.filter((p) => listedBefore.has(lower(p.servicePlanId))).length;
  const planCounts: [number, string][] = [
    [diff.plans.added.length - turnedOn, "added"],
    [turnedOn, "re-enabled"],
    [diff.plans.removed.length, "turned off"],
    [diff.plans.changed.length, "changed status"],
  ];
  const plans = planCounts.filter(([n]) => n > 0).map(([n, what]) => `${count(n, "plan")} ${what}`);
  const head = products.join("; ");
  const tail = plans.join(", ");
  if (head && tail) return `${head}: ${tail}`;
  return head || tail || "No changes";
}

/** What changed between two snapshots of one user: licenses, plans and assignment states, named. */
export function diffSnapshots(before: Snapshot, after: Snapshot): LicenseDiff {
  const diff = {
    licenses: diffLicenses(before, after),
    plans: diffPlans(before, after),
    states: diffStates(before, after),
  };
  return { ...diff, summary: summarize(diff, before, after) };
}
