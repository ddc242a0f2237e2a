import "server-only";
import type { GetReclaimableSeatsQuery, ReclaimableAccount } from "@/lib/api/seats";
import { csvRow } from "../../csv/csv-field";
import type { Caller } from "../../http/with-auth";
import { listReclaimableSeats } from "./reclaimable-seats";

const BOM = "\uFEFF";

export const RECLAIMABLE_CSV_COLUMNS = [
  "reason",
  "display_name",
  "user_principal_name",
  "account_enabled",
  "last_sign_in",
  "held_through",
  "license_state_last_changed",
] as const;

type Column = (typeof RECLAIMABLE_CSV_COLUMNS)[number];

/** An account holding the product more than one way keeps one row; its holds are listed in order. */
const eachHold = (
  account: ReclaimableAccount,
  cell: (hold: ReclaimableAccount["holds"][number]) => string,
) => account.holds.map(cell).join("; ");

const CELLS: Record<Column, (account: ReclaimableAccount) => string | null> = {
  reason: (account) => account.reason,
  display_name: (account) => account.displayName,
  user_principal_name: (account) => account.userPrincipalName,
  account_enabled: (account) => String(account.accountEnabled),
  last_sign_in: (account) => account.lastSignIn,
  held_through: (account) =>
    eachHold(account, (hold) =>
      hold.groupId === null ? "direct" : (hold.groupName ?? `group ${hold.groupId}`),
    ),
  license_state_last_changed: (account) => eachHold(account, (hold) => hold.since ?? ""),
};

/** `power-bi-pro` from `Power BI Pro`: safe in a Content-Disposition header. */
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

/**
 * `GET /api/seats/{skuId}/reclaimable.csv`: the same accounts as the JSON answer, disabled first, one
 * row each, UTF-8 with BOM so a spreadsheet reads the names right.
 */
export async function reclaimableSeatsCsv(
  caller: Caller,
  skuId: string,
  query: GetReclaimableSeatsQuery,
): Promise<Response> {
  const seats = await listReclaimableSeats(caller, skuId, query);
  const accounts = [
    ...seats.disabled,
    ...(seats.inactive.status === "read" ? seats.inactive.accounts : []),
  ];
  const text =
    BOM +
    csvRow([...RECLAIMABLE_CSV_COLUMNS]) +
    accounts
      .map((account) => csvRow(RECLAIMABLE_CSV_COLUMNS.map((column) => CELLS[column](account))))
      .join("");
  const fileName = `licensedesk-reclaimable-${slug(seats.productName) || seats.skuId}-${seats.readAt.slice(0, 10)}.csv`;
  return new Response(text, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "x-content-type-options": "nosniff",
    },
  });
}
