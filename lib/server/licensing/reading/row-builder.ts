import "server-only";
import type { LicenseErrorRow } from "@/lib/api/license-errors";
import type { GraphClient } from "../../graph/client";
import type { GraphSubscribedSku, GraphUserLicensing } from "../../graph/types";
import { GroupNames, loadLicensingContext } from "../context";
import { isFailing } from "../assignment-state";
import { type LicensingContext, toLicenseErrorRow } from "../failing";

/** Microsoft's words for one failing product of a user, from the beta assignment errors. */
export type GraphMessages = ReadonlyMap<string, string>;

/**
 * Turns users read from Graph into grid rows, whichever way they were read: a group named in a failing
 * assignment is looked up (in one batch per page) before its rows go out, so no row says "unknown group".
 */
export class RowBuilder {
  private constructor(
    private readonly graph: GraphClient,
    private readonly groups: GroupNames,
    private readonly context: LicensingContext,
  ) {}

  static async create(
    graph: GraphClient,
    skus: GraphSubscribedSku[],
    groups = new GroupNames(),
  ): Promise<RowBuilder> {
    // The context reads group names from the live map, so names learnt later are used too.
    return new RowBuilder(graph, groups, await loadLicensingContext(skus, groups.known));
  }

  /** Rows of the users with something failing; `messages` by user id, then product id (lower case). */
  async rowsOf(
    users: readonly GraphUserLicensing[],
    messages?: ReadonlyMap<string, GraphMessages>,
  ): Promise<LicenseErrorRow[]> {
    const failing = users.filter((user) => (user.licenseAssignmentStates ?? []).some(isFailing));
    const groupIds = failing.flatMap((user) =>
      (user.licenseAssignmentStates ?? []).flatMap((state) =>
        isFailing(state) && state.assignedByGroup ? [state.assignedByGroup] : [],
      ),
    );
    await this.groups.include(this.graph, groupIds);
    return failing.flatMap((user) => {
      const row = toLicenseErrorRow(user, this.context);
      if (!row) return [];
      const said = messages?.get(user.id.toLowerCase());
      if (!said) return [row];
      const failingWithWords = row.failing.map((assignment) => ({
        ...assignment,
        graphMessage: said.get(assignment.skuId.toLowerCase()) ?? null,
      }));
      return [{ ...row, failing: failingWithWords }];
    });
  }
}
