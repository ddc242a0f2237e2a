/** "212 users" / "1 user" */
export const usersCount = (n: number) => `${n.toLocaleString()} user${n === 1 ? "" : "s"}`;
