// The drafts of the history scenario: what each kind of write records, in realistic shares and sizes.
import type { HistoryAction } from "@/lib/api/history";
import { type HistoryDraft, SYSTEM_HISTORY_ACTOR } from "@/lib/server/history/draft";
import { CODE_WEIGHTS, CODES, guid, type Population, PRODUCT_NAMES, weighted } from "./population";

/** The actions and their shares: 55% job items, 25% watch errors, 10% single reprocesses, 10% the rest. */
const ACTIONS: [HistoryAction, number][] = [
  ["job.item_finished", 55],
  ["error.appeared", 13],
  ["error.cleared", 12],
  ["user.reprocessed", 10],
  ["job.created", 2.5],
  ["job.finished", 2.5],
  ["job.paused", 0.6],
  ["job.resumed", 0.6],
  ["job.cancelled", 0.3],
  ["user.usage_location_set", 1.2],
  ["notification.delivered", 1.5],
  ["notification.failed", 0.1],
  ["watch.failed", 0.1],
  ["watch.recovered", 0.1],
  ["settings.watch_changed", 0.2],
  ["rule.enabled", 0.1],
  ["watch.baseline", 0.1],
];
const pickAction = weighted(ACTIONS.map(([, w]) => w));

/** Item and single-write outcomes; failed about 1.5% and 3%, so about 1% of all records. */
export const ITEM_OUTCOMES: [string, number][] = [
  ["resolved", 70],
  ["still_in_error", 18],
  ["unchanged", 6],
  ["timed_out", 2],
  ["failed", 1.5],
  ["cancelled", 2.5],
];
export const SINGLE_OUTCOMES: [string, number][] = [
  ["resolved", 65],
  ["still_in_error", 20],
  ["unchanged", 8],
  ["timed_out", 4],
  ["failed", 3],
];
const pickItemOutcome = weighted(ITEM_OUTCOMES.map(([, w]) => w));
const pickSingleOutcome = weighted(SINGLE_OUTCOMES.map(([, w]) => w));
const pickCode = weighted(CODE_WEIGHTS);
// A few products carry most errors (seats run out on the popular ones).
const pickProduct = weighted(PRODUCT_NAMES.map((_, i) => 1 / (i + 2)));
const pickActor = weighted(Array.from({ length: 50 }, (_, i) => 1 / (i + 3)));

const SYSTEM = SYSTEM_HISTORY_ACTOR;

/** One tenant's drafts, one after another; job items come in runs of the same job. */
export class Drafts {
  private job = { id: "", actor: SYSTEM, mode: "app-only" as "app-only" | "delegated", left: 0 };

  constructor(
    private readonly tenantId: string,
    private readonly rand: () => number,
    private readonly people: Population,
  ) {}

  /** The next write, recorded at `atIso`. */
  next(atIso: string): HistoryDraft {
    const r = this.rand;
    const action = ACTIONS[pickAction(r)]![0];
    const user = this.people.users[this.people.userIndex(r)]!;
    const target = { userId: user.id, upn: user.upn, displayName: user.name };
    const errors = Array.from({ length: r() < 0.12 ? 2 : 1 }, () => ({
      product: this.people.products[pickProduct(r)]!,
      code: CODES[pickCode(r)]!,
    }));
    const terms = { skuIds: errors.map((e) => e.product.skuId), codes: errors.map((e) => e.code) };
    const base = { at: atIso };
    switch (action) {
      case "job.item_finished": {
        if (this.job.left <= 0) this.newJob();
        this.job.left -= 1;
        const outcome = ITEM_OUTCOMES[pickItemOutcome(r)]![0];
        return {
          tenantId: this.tenantId,
          action,
          actor: this.job.actor,
          target,
          graphMode: this.job.mode,
          outcome,
          jobId: this.job.id,
          summary: `${user.name}: ${MESSAGES[outcome]}`,
          terms,
          detail: itemDetail(base.at, outcome, errors, r),
        };
      }
      case "error.appeared":
      case "error.cleared":
        return {
          tenantId: this.tenantId,
          action,
          actor: SYSTEM,
          target,
          summary: `${user.name}: ${errors[0]!.code} on ${errors[0]!.product.name} ${action === "error.appeared" ? "appeared" : "cleared"}`,
          terms,
          detail: { runId: guid(r), states: errors.map((e) => stateOf(e, base.at, r)) },
        };
      case "user.reprocessed":
      case "user.usage_location_set": {
        const outcome = SINGLE_OUTCOMES[pickSingleOutcome(r)]![0];
        return {
          tenantId: this.tenantId,
          action,
          actor: this.people.actors[pickActor(r)]!,
          target,
          graphMode: r() < 0.6 ? "delegated" : "app-only",
          outcome,
          summary: `${user.name}: ${MESSAGES[outcome]}`,
          terms,
          detail: reprocessDetail(
            base.at,
            outcome,
            errors,
            action === "user.usage_location_set",
            r,
          ),
        };
      }
      case "job.created":
        this.newJob();
        return {
          tenantId: this.tenantId,
          action,
          actor: this.job.actor,
          jobId: this.job.id,
          summary: `Bulk reprocess of ${this.job.left} users: All users matching "${errors[0]!.code}"`,
          detail: { users: this.job.left, selection: `All users matching "${errors[0]!.code}"` },
        };
      case "job.finished":
        return {
          tenantId: this.tenantId,
          action,
          actor: SYSTEM,
          jobId: this.job.id || guid(r),
          outcome: r() < 0.9 ? "completed" : "cancelled",
          summary: "The bulk reprocess completed",
        };
      case "job.paused":
      case "job.resumed":
      case "job.cancelled":
        return {
          tenantId: this.tenantId,
          action,
          actor: this.job.actor,
          jobId: this.job.id || guid(r),
          summary: `Job ${action.slice(4)}`,
          detail: action === "job.paused" ? { reason: "sign_in_required" } : undefined,
        };
      default:
        return {
          tenantId: this.tenantId,
          action,
          actor:
            action.startsWith("settings.") || action.startsWith("rule.")
              ? this.people.actors[pickActor(r)]!
              : SYSTEM,
          summary: `${action.replace(".", " ").replace("_", " ")}`,
          detail: { webhook: "https://contoso.webhook.office.com/…", status: 200, runId: guid(r) },
        };
    }
  }

  private newJob() {
    const r = this.rand;
    this.job = {
      id: guid(r),
      actor: this.people.actors[pickActor(r)]!,
      mode: r() < 0.3 ? "delegated" : "app-only",
      left: 1 + Math.floor(-Math.log(1 - r()) * 20),
    };
  }
}

const MESSAGES: Record<string, string> = {
  resolved: "Resolved: every license is active",
  still_in_error: "Still in error: no seats free for the product",
  unchanged: "Nothing changed: the cause is not fixed yet",
  timed_out: "Timed out waiting for the licensing service",
  failed: "Graph refused the write (403 Authorization_RequestDenied)",
  cancelled: "Cancelled before it was written",
};

type ErrorRef = { product: { skuId: string; name: string }; code: string };

const stateOf = (e: ErrorRef, at: string, r: () => number) => ({
  skuId: e.product.skuId,
  productName: e.product.name,
  groupId: r() < 0.8 ? guid(r) : null,
  groupName: "Licensing - All staff",
  state: "Error",
  error: e.code,
  lastUpdatedDateTime: at,
});

/** A job item's detail: the message, the diff in one line, and the states that failed before. */
function itemDetail(at: string, outcome: string, errors: ErrorRef[], r: () => number) {
  return {
    message: MESSAGES[outcome],
    diffSummary:
      outcome === "resolved" ? `${errors[0]!.product.name} now active: 12 plans added` : null,
    graphError:
      outcome === "failed"
        ? {
            status: 403,
            code: "Authorization_RequestDenied",
            message: "Insufficient privileges to complete the operation.",
          }
        : null,
    before: { readAt: at, licenseAssignmentStates: errors.map((e) => stateOf(e, at, r)) },
    after: null,
    diff: null,
  };
}

const plan = (name: string, r: () => number) => ({
  servicePlanId: guid(r),
  planName: name,
  service: "exchange",
  capabilityStatus: "Enabled",
});

/** A single reprocess: small snapshots before and after, the diff, and Graph's request-ids. */
function reprocessDetail(
  at: string,
  outcome: string,
  errors: ErrorRef[],
  location: boolean,
  r: () => number,
) {
  const before = {
    readAt: at,
    usageLocation: location ? null : "FR",
    assignedLicenses: errors.map((e) => ({
      skuId: e.product.skuId,
      productName: e.product.name,
      disabledPlans: [],
    })),
    assignedPlans: [],
    licenseAssignmentStates: errors.map((e) => stateOf(e, at, r)),
  };
  const resolved = outcome === "resolved";
  const plans = resolved ? [plan("EXCHANGE_S_ENTERPRISE", r)] : [];
  return {
    message: MESSAGES[outcome],
    before,
    after: {
      ...before,
      usageLocation: "FR",
      assignedPlans: plans,
      licenseAssignmentStates: resolved ? [] : before.licenseAssignmentStates,
    },
    diff: { plans: { added: plans, removed: [], changed: [] } },
    usageLocation: location ? { from: null, to: "FR", set: true } : null,
    requests: [
      { method: "GET", path: "/users/{id}", status: 200, requestId: guid(r) },
      {
        method: "POST",
        path: "/users/{id}/reprocessLicenseAssignment",
        status: outcome === "failed" ? 403 : 200,
        requestId: guid(r),
      },
    ],
  };
}
