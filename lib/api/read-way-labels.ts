import type { ReadWay } from "./license-errors";

/** How each way of reading is named to an admin, on both sides. */
export const READ_WAY_LABELS: Record<ReadWay, string> = {
  beta: "Microsoft's license assignment errors (beta API)",
  directory: "the whole directory (Graph v1.0)",
  groups: "groups with license errors (Graph v1.0)",
};
