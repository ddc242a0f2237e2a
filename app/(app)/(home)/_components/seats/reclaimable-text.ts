import type { AssignmentSource } from "@/lib/api/license-causes";
import type { GetReclaimableSeatsResponse, ReclaimableAccount } from "@/lib/api/seats";
import { formatDate } from "@/components/format/date-time";

const DAY_MS = 24 * 60 * 60 * 1000;

const count = (n: number, what: string) => `${n.toLocaleString()} ${what}${n === 1 ? "" : "s"}`;

/** "3 disabled accounts and 2 inactive accounts hold Power BI Pro" */
export function reclaimableHeading(list: GetReclaimableSeatsResponse): string {
  const readSignIns = list.inactive.status === "read";
  const disabled = list.disabled.length;
  const inactive = list.inactive.status === "read" ? list.inactive.accounts.length : 0;
  const parts = [
    ...(disabled > 0 ? [count(disabled, "disabled account")] : []),
    ...(inactive > 0 ? [count(inactive, "inactive account")] : []),
  ];
  if (parts.length === 0) {
    return `No ${readSignIns ? "disabled or inactive accounts" : "disabled accounts"} hold ${list.productName}`;
  }
  return `${parts.join(" and ")} ${disabled + inactive === 1 ? "holds" : "hold"} ${list.productName}`;
}

/** Why the account could give its seat back: "No sign-in for 212 days (May 12, 2026)". */
export function reclaimReason(account: ReclaimableAccount, readAt: string): string {
  if (account.reason === "disabled") return "Disabled";
  if (account.reason === "neverSignedIn" || account.lastSignIn === null) {
    return "No sign-in recorded";
  }
  const days = Math.floor((Date.parse(readAt) - Date.parse(account.lastSignIn)) / DAY_MS);
  return `No sign-in for ${count(days, "day")} (${formatDate(account.lastSignIn)})`;
}

/** Where the account holds the product from: a group by name, or a direct assignment. */
export const heldThrough = (hold: AssignmentSource): string =>
  hold.groupId === null ? "Direct" : (hold.groupName ?? `Group ${hold.groupId}`);
