// The list scenario of `npm run bench`: 10,000 users in error out of 50,000 read every way the app can,
// plus a naive script, against the emulator (a separate process) at 100 ms latency under the
// large-tenant ResourceUnit limit, with the time scale of the bulk scenario.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@/lib/server/db/open";
import { GraphClient } from "@/lib/server/graph/client";
import { databasePacer, unpaced } from "@/lib/server/graph/pacing/pacer";
import { getGraphSettings } from "@/lib/server/graph/settings";
import { acquireGraphToken } from "@/lib/server/graph/token";
import type { BenchEmulator, LimitShape } from "./bulk/emulator";
import type { ReadBudget } from "./list/read-figures";
import { type ListFigures, type ListStrategy, measureListStrategy } from "./list/read-ways";
import { formatListTable, judgeList } from "./list/list-table";
import { warmEmulator } from "./list/warm-emulator";

export const LIST_TENANT = { users: 50_000, groups: 200, groupErrors: 9_900, directErrors: 100 };
const LATENCY_MS = 100;
const TIME_SCALE = 12;
// Graph's large-tenant ResourceUnit limit as it is, windows divided by the bulk scenario's time scale.
const SHAPE: LimitShape = {
  timeScale: TIME_SCALE,
  resourceUnits: { small: 3500, medium: 5000, large: 8000, windowSeconds: 10 },
  appTenantWrites: { limit: 3000, windowSeconds: 150 },
  tenantWrites: { limit: 18_000, windowSeconds: 300 },
};
const BUDGET: ReadBudget = {
  capacity: SHAPE.resourceUnits.large,
  perSecond: (SHAPE.resourceUnits.large * TIME_SCALE) / SHAPE.resourceUnits.windowSeconds,
  latencyMs: LATENCY_MS,
};

const NAMES: Record<ListStrategy | "auto", string> = {
  auto: "chosen",
  beta: "beta assignment errors",
  directory: "v1.0 whole directory",
  groups: "v1.0 groups + $batch (the current way)",
  naive: "naive (one request at a time, no $batch)",
};

export interface ListBenchResult {
  rows: (ListFigures & { name: string })[];
  table: string;
  misses: string[];
}

/** The app's interactive Graph client, paced by a budget shaped like the emulator's (as the app runs). */
async function appGraph(database: Awaited<ReturnType<typeof openDatabase>>, tenantId: string) {
  const settings = await getGraphSettings();
  const pacer = databasePacer(database, {
    appId: "bench-list",
    tenantId,
    timeScale: TIME_SCALE,
    writes: {
      capacity: SHAPE.appTenantWrites.limit,
      windowMs: SHAPE.appTenantWrites.windowSeconds * 1000,
    },
    resourceUnits: {
      capacity: BUDGET.capacity,
      windowMs: SHAPE.resourceUnits.windowSeconds * 1000,
    },
  });
  return new GraphClient({
    baseUrl: settings.baseUrl,
    getToken: () => acquireGraphToken(settings, ""),
    pacer,
    priority: "interactive",
  });
}

/** A script's client: no budget of its own, Graph's Retry-After honoured on a 429. */
async function scriptGraph() {
  const settings = await getGraphSettings();
  return new GraphClient({
    baseUrl: settings.baseUrl,
    getToken: () => acquireGraphToken(settings, ""),
    pacer: unpaced,
    priority: "bulk",
  });
}

export async function benchList(
  emulator: BenchEmulator,
  options: { naive: boolean },
): Promise<ListBenchResult> {
  const generated = Date.now();
  await emulator.client.generate({
    users: LIST_TENANT.users,
    groups: LIST_TENANT.groups,
    usersInError: LIST_TENANT.groupErrors,
    directErrors: LIST_TENANT.directErrors,
    seed: 2026,
  });
  const { usersInError, tenantId } = await emulator.client.state();
  const inError = new Set(usersInError.map((u) => u.id));
  console.log(
    `list: tenant of ${LIST_TENANT.users} users, ${LIST_TENANT.groups} groups, ${inError.size} in error ` +
      `(${LIST_TENANT.directErrors} through direct licenses) generated in ${((Date.now() - generated) / 1000).toFixed(1)} s; ` +
      `latency ${LATENCY_MS} ms; ResourceUnits ${BUDGET.capacity} per ${(10 / TIME_SCALE).toFixed(2)} s`,
  );
  await emulator.client.clearGraphFaults();
  await emulator.client.setLatency(LATENCY_MS);
  await warmEmulator(await scriptGraph());

  const folder = await mkdtemp(join(tmpdir(), "licensedesk-bench-list-"));
  const database = await openDatabase({ sqliteFile: join(folder, "licensedesk.sqlite") });
  try {
    const rows: (ListFigures & { name: string })[] = [];
    const strategies: (ListStrategy | "auto")[] = ["auto", "directory", "groups"];
    if (options.naive) strategies.push("naive");
    for (const strategy of strategies) {
      // Full buckets for each, as for a tenant nobody else is reading.
      await emulator.client.setLimits({ enabled: true, ...SHAPE });
      const graph = strategy === "naive" ? await scriptGraph() : await appGraph(database, tenantId);
      const figures = await measureListStrategy({
        strategy,
        graph,
        emulator: emulator.client,
        budget: BUDGET,
        inError,
      });
      const name =
        strategy === "auto" ? `${NAMES.auto}: ${NAMES[figures.strategy]}` : NAMES[strategy];
      console.log(
        `list: ${name}: full list in ${(figures.fullMs / 1000).toFixed(2)} s, ${figures.requests} requests`,
      );
      rows.push({ ...figures, name });
    }
    const chosen = rows[0]!;
    const current = rows.find((r) => r.strategy === "groups")!;
    const naive = rows.find((r) => r.strategy === "naive");
    return {
      rows,
      table: formatListTable(rows, chosen),
      misses: judgeList(chosen, current, naive),
    };
  } finally {
    await database.kysely.destroy();
    await rm(folder, { recursive: true, force: true });
  }
}
