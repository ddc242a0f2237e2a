import "server-only";
import type { ReadWay } from "@/lib/api/license-errors";
import type { GraphClient } from "../../graph/client";
import type { ScanRun } from "../scan-run";
import type { RowBuilder } from "./row-builder";

/** What every way of reading gets: Graph, the run its rows go to, and the row builder. */
export interface ReadingTools {
  graph: GraphClient;
  run: ScanRun;
  rows: RowBuilder;
  /** Users in the directory, when Graph counted them. */
  directoryUsers: number | null;
}

/** Which ways `LICENSE_ERRORS_READ` may force; `auto` lets the survey choose. */
export type ReadPreference = ReadWay | "auto";

/** Graph's largest page for users and assignment errors: each page is one request in a chain. */
export const PAGE_SIZE = 999;
