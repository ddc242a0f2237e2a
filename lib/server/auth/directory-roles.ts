import "server-only";

/**
 * Directory role template ids as they appear in the `wids` claim, with their names; the same in every
 * tenant. Ordered by how much they matter to licensing, so the first match is the one to show.
 */
export const DIRECTORY_ROLE_NAMES: ReadonlyMap<string, string> = new Map([
  ["62e90394-69f5-4237-9190-012177145e10", "Global Administrator"],
  ["4d6ac14f-3453-41d0-bef9-a3e0c569773a", "License Administrator"],
  ["fe930be7-5e62-47db-91af-98c3a80ebb6a", "User Administrator"],
  ["9360feb5-f418-4baa-8175-e2a00bac4301", "Directory Writers"],
  ["729827e3-9c14-49f7-bb1b-9608f156bbb8", "Helpdesk Administrator"],
  ["f2ef992c-3afb-46b9-b7cf-a126ee74c451", "Global Reader"],
  ["88d8e3e3-8f55-4a1e-953a-9b9898b8876b", "Directory Readers"],
  ["fdd7a751-b60b-444a-984c-02652fe8fa1c", "Groups Administrator"],
  ["e8611ab8-c189-46e8-94e1-60213ab1f814", "Privileged Role Administrator"],
]);

/** Friendly names for the directory roles among `wids`, most relevant first; unknown ids are skipped. */
export function directoryRoleNames(wids: readonly string[]): string[] {
  const held = new Set(wids.map((id) => id.toLowerCase()));
  return [...DIRECTORY_ROLE_NAMES].filter(([id]) => held.has(id)).map(([, name]) => name);
}
