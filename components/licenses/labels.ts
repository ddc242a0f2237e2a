/** How a license assigned to the user directly (not through a group) is named everywhere. */
export const DIRECT_ASSIGNMENT = "Direct assignment";
