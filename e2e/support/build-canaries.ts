import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Written into the build's own folder, so it always describes the build that is there. */
export const CANARY_RECORD = join(ROOT, ".next", "e2e-build-canaries.json");

/**
 * `next build` with made-up secrets in its environment, then a record of them, so the build scan
 * can prove none reached the browser's bundle. Only the build sees them; the server starts without.
 */
export function canaryBuildCommand(): string {
  const canaries = {
    AZURE_API_CLIENT_SECRET: `canary~${randomBytes(18).toString("hex")}`,
    DATABASE_URL: `postgres://canary:${randomBytes(12).toString("hex")}@canary-db.invalid:5432/licensedesk`,
  };
  const assignments = Object.entries(canaries).map(([name, value]) => `${name}='${value}'`);
  return (
    `env ${assignments.join(" ")} npx next build && ` +
    `printf '%s' '${JSON.stringify(canaries)}' > '${CANARY_RECORD}'`
  );
}

/** The secrets the built app was built with; fails when this build was not a canary build. */
export async function readBuildCanaries(): Promise<Record<string, string>> {
  const text = await readFile(CANARY_RECORD, "utf8").catch(() => {
    throw new Error(
      `${CANARY_RECORD} is missing: the app in .next was not built by canaryBuildCommand() ` +
        "(playwright.config.ts builds with it; a reused server may have been built otherwise).",
    );
  });
  return JSON.parse(text) as Record<string, string>;
}
