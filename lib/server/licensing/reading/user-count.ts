import "server-only";
import { z } from "zod";
import type { GraphClient } from "../../graph/client";
import { GraphRequestError } from "../../graph/errors";
import { graphRequests } from "../../graph/requests";

/** Users in the directory, or null when Graph would not count them (the count only informs the plan). */
export async function readUserCount(graph: GraphClient): Promise<number | null> {
  try {
    return await graph.send(graphRequests.userCount(), z.coerce.number().int().min(0));
  } catch (error) {
    if (error instanceof GraphRequestError) return null;
    throw error;
  }
}
