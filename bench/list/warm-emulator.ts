import { z } from "zod";
import type { GraphClient } from "@/lib/server/graph/client";
import { graphRequests } from "@/lib/server/graph/requests";

const anything = z.unknown();

/**
 * Graph is a service that is already running; the emulator builds its indexes (the tenant's sorted
 * assignment errors among them) and compiles its code on its first answers. One untimed read of
 * what every way asks first, each a single page, so that no way is timed against a cold emulator.
 */
export async function warmEmulator(graph: GraphClient): Promise<void> {
  await Promise.all([
    graph.send(graphRequests.subscribedSkus(), anything),
    graph.send(graphRequests.groupsWithLicenseErrors(), anything),
    graph.send(graphRequests.userCount(), anything),
    graph.send(graphRequests.assignmentErrors(), anything),
    graph.send(graphRequests.directoryUsers(), anything),
  ]);
}
