import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { readBuildCanaries } from "./support/build-canaries";
import { findSecrets, type SecretFinding } from "./support/secret-scan";
import { expect, test } from "./fixtures";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Everything `next build` made for the browser. */
const CLIENT_BUNDLE = join(ROOT, ".next", "static");

/** The variables the server reads: the keys of the schema in lib/server/env.ts, their only reader. */
async function serverVariableNames(): Promise<string[]> {
  const source = await readFile(join(ROOT, "lib", "server", "env.ts"), "utf8");
  return [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+): optional\(/gm)].flatMap((m) => m[1] ?? []);
}

/** A server variable named in browser code: its read (`process.env.X`) or the env module itself. */
function serverVariablesIn(where: string, text: string, names: string[]): SecretFinding[] {
  return names.flatMap((name) => {
    const read = new RegExp(`process\\.env(\\.${name}\\b|\\[["'\`]${name}["'\`]\\])`);
    // NODE_ENV is replaced by its value at build time; its name alone proves nothing.
    const named = name !== "NODE_ENV" && new RegExp(`\\b${name}\\b`).test(text);
    return read.test(text) || named ? [{ where, kind: "server variable", excerpt: name }] : [];
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

test("the browser's bundle holds no secret, no database URL, no token and no server variable", async () => {
  const canaries = await readBuildCanaries();
  const names = await serverVariableNames();
  // The scan must know the variables it guards, or it would pass by looking for nothing.
  expect(names).toEqual(expect.arrayContaining(["AZURE_API_CLIENT_SECRET", "DATABASE_URL"]));
  expect(Object.keys(canaries)).toEqual(["AZURE_API_CLIENT_SECRET", "DATABASE_URL"]);

  const files = await filesUnder(CLIENT_BUNDLE);
  expect(files.some((file) => file.endsWith(".js"))).toBe(true);
  const findings: SecretFinding[] = [];
  for (const file of files) {
    const where = relative(ROOT, file);
    const text = await readFile(file, "utf8");
    findings.push(...findSecrets(where, text, canaries), ...serverVariablesIn(where, text, names));
  }
  expect(findings, `${files.length} files scanned`).toEqual([]);
});

test("the pages the server renders carry none of the tenant's secrets", async ({
  request,
  emulator,
}) => {
  const { apps } = await emulator.tenant();
  const secrets = {
    "API client secret": apps.api?.clientSecret ?? "",
    "daemon client secret": apps.daemon?.clientSecret ?? "",
  };
  expect(secrets["API client secret"]).not.toBe("");
  const findings: SecretFinding[] = [];
  for (const path of ["/", "/redirect", "/jobs/00000000-0000-0000-0000-000000000000"]) {
    // The HTML, then the React Server Components payload a client-side navigation fetches.
    for (const headers of [{}, { rsc: "1" }] as Record<string, string>[]) {
      const page = await request.get(path, { headers });
      expect(page.status(), path).toBeLessThan(500);
      findings.push(
        ...findSecrets(`${path} ${JSON.stringify(headers)}`, await page.text(), secrets),
      );
    }
  }
  expect(findings).toEqual([]);
});
