// The grid at enterprise scale: 10,000 users in error in a generated tenant, each interaction measured
// in Chromium against the built app (`npm run build` first). Exits non-zero when one has a long task.
// Run: node --conditions=react-server --import tsx bench/list/grid-cli.ts [--rounds 3] [--users 30000]
//      [--in-error 10000] [--wheel-step 1200] [--port 3000]
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startAppInstance } from "@/e2e/support/app-instance";
import { startEmulatorProcess } from "@/lib/server/testing/emulator-process";
import { EmulatorControl } from "@/lib/testing/emulator-control";
import { measureFirstLoadJs, measureGrid } from "./grid";
import { forwardPort } from "./port-forward";
import { formatTable, slowInteractions } from "./grid-table";

const { values: args } = parseArgs({
  options: {
    users: { type: "string", default: "30000" },
    "in-error": { type: "string", default: "10000" },
    rounds: { type: "string", default: "3" },
    "wheel-step": { type: "string", default: "1200" },
    // The dev server's port: the e2e run's 3100 stays free for the specs.
    port: { type: "string", default: "3000" },
  },
});

async function main(): Promise<number> {
  const folder = await mkdtemp(join(tmpdir(), "licensedesk-grid-bench-"));
  const emulator = await startEmulatorProcess();
  try {
    const control = new EmulatorControl(emulator.url);
    const started = Date.now();
    const { usersInError } = await control.generate({
      users: Number(args.users),
      groups: 200,
      usersInError: Number(args["in-error"]),
      seed: 2026,
    });
    console.log(
      `Tenant: ${args.users} users, ${usersInError.length} in error, generated in ${Date.now() - started} ms.`,
    );
    const app = await startAppInstance({
      name: "grid-bench",
      logFile: join(folder, "app.log"),
      emulatorUrl: emulator.url,
      storage: { dataDir: join(folder, "data") },
      leaseSeconds: 30,
      // Every page load after the first is served the same list from the cache, not read again.
      env: { LICENSE_ERRORS_CACHE_SECONDS: "3600" },
    });
    const appUrl = `http://127.0.0.1:${args.port}`;
    const forward = await forwardPort(Number(args.port), new URL(app.url));
    try {
      const options = { appUrl, emulatorUrl: emulator.url };
      const grid = await measureGrid({
        ...options,
        rounds: Number(args.rounds),
        wheelStepPx: Number(args["wheel-step"]),
      });
      const js = await measureFirstLoadJs(options);
      console.log(formatTable(grid, js));
      const slow = slowInteractions(grid);
      if (slow.length > 0) console.log(`Long tasks in: ${slow.join(", ")}.`);
      return slow.length > 0 ? 1 : 0;
    } finally {
      forward.close();
      await app.stop();
      console.log(`App log: ${app.logFile}`);
    }
  } finally {
    await emulator.stop();
  }
}

process.exitCode = await main();
