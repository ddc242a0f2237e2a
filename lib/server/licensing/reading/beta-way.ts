import "server-only";
import { z } from "zod";
import { prefetched } from "../../async/prefetch";
import { type GraphClient } from "../../graph/client";
import { GraphRequestError, UNREADABLE_ANSWER } from "../../graph/errors";
import { graphRequests } from "../../graph/requests";
import {
  type GraphUserLicensing,
  graphLicenseAssignmentStateSchema,
  graphUserLicensingSchema,
} from "../../graph/types";
import type { ReadingTools } from "./read-way";

const USER_TYPE = "#microsoft.graph.user";

/**
 * One `microsoft.graph.cloudLicensing.assignmentError` (beta). The app needs the user's assignment states
 * from the expansion, since only they name the group an assignment comes from: a user without them is an
 * answer the app cannot use, and the read falls back to v1.0.
 */
const assignmentErrorSchema = z.object({
  id: z.string(),
  code: z.string(),
  message: z.string().nullable().optional(),
  occurrenceDateTime: z.string().nullable().optional(),
  skuId: z.string(),
  assignedTo: z
    .union([
      graphUserLicensingSchema
        .extend({
          "@odata.type": z.literal(USER_TYPE).optional(),
          licenseAssignmentStates: z.array(graphLicenseAssignmentStateSchema),
        })
        .transform((user) => ({ kind: "user" as const, user })),
      // Groups and other principals carry no users' licenses; v1.0 lists none of them either.
      z
        .object({ "@odata.type": z.string().refine((type) => type !== USER_TYPE) })
        .transform(() => ({ kind: "other" as const })),
    ])
    .nullable(),
});

type AssignmentError = z.infer<typeof assignmentErrorSchema>;

/** The first page of the tenant's assignment errors, and the rest to follow. */
export interface BetaPages {
  first: AssignmentError[];
  rest: AsyncGenerator<AssignmentError[]>;
}

/** Starts reading the beta assignment errors: resolves with the first page, or fails as Graph said. */
export async function openBetaPages(graph: GraphClient): Promise<BetaPages> {
  const rest = prefetched(graph.pages(graphRequests.assignmentErrors(), assignmentErrorSchema));
  const first = await rest.next();
  return { first: first.done ? [] : first.value, rest };
}

/**
 * Answers that mean "this tenant or app has no usable beta API": missing permission (403), an API
 * not there (404, a national cloud), a request it refuses (400), or an answer that does not parse.
 */
export const betaUnavailable = (error: unknown): error is GraphRequestError =>
  error instanceof GraphRequestError &&
  ([400, 403, 404].includes(error.graph.status) || error.graph.code === UNREADABLE_ANSWER);

/** Microsoft's message per user (lower-case id), then product, gathered across pages. */
type MessageBook = Map<string, Map<string, string>>;

/** The users a page names, once each; their errors' messages go into `book`. */
function usersOfPage(errors: AssignmentError[], book: MessageBook): GraphUserLicensing[] {
  const users = new Map<string, GraphUserLicensing>();
  for (const error of errors) {
    if (error.assignedTo?.kind !== "user") continue;
    const { user } = error.assignedTo;
    const id = user.id.toLowerCase();
    users.set(id, user);
    if (!error.message) continue;
    const byProduct = book.get(id) ?? new Map<string, string>();
    byProduct.set(error.skuId.toLowerCase(), error.message);
    book.set(id, byProduct);
  }
  return [...users.values()];
}

/**
 * Beta: the tenant's assignment errors, 999 a page, each with its user expanded: the fewest requests of
 * any way, direct and group assignments alike.
 */
export async function readBeta({ run, rows }: ReadingTools, pages: BetaPages) {
  let read = 0;
  // A user's errors may span pages: the row sent again with the later page keeps the earlier words.
  const book: MessageBook = new Map();
  const take = async (errors: AssignmentError[]) => {
    read += errors.length;
    run.addRows(await rows.rowsOf(usersOfPage(errors, book), book));
    run.progress({ unit: "errors", read, total: null, found: run.rows.size });
  };
  await take(pages.first);
  for await (const errors of pages.rest) await take(errors);
}
