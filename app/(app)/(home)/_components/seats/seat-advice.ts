import type { SeatProduct } from "@/lib/api/seats";

export interface SeatAdvice {
  kind: "buy" | "reprocess" | "over" | "none";
  /** Lower comes first: the products that need the admin most. */
  rank: number;
  text: string;
}

const users = (n: number) => `${n} user${n === 1 ? "" : "s"}`;

/** What helps a product, given how many users wait for one of its seats (CountViolation). */
export function seatAdvice(product: SeatProduct, waiting: number): SeatAdvice {
  const free = Math.max(0, product.available);
  if (waiting > free) {
    const short = waiting - free;
    return {
      kind: "buy",
      rank: 0,
      text: `${users(waiting)} wait for a seat: buy ${short} more or free ${short} (remove the license from people who no longer need it), then reprocess.`,
    };
  }
  if (waiting > 0) {
    return {
      kind: "reprocess",
      rank: 1,
      text: `Seats are free now: reprocess the ${users(waiting)} waiting for one.`,
    };
  }
  if (product.available < 0) {
    return {
      kind: "over",
      rank: 2,
      text: `${-product.available} more in use than bought: buy seats before the next true-up.`,
    };
  }
  return { kind: "none", rank: 3, text: "Enough seats." };
}
