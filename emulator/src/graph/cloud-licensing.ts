import {
  type AssignmentError,
  tenantAssignmentErrors,
  userAssignmentErrors,
} from "../licensing/assignment-errors";
import type { EmulatorState } from "../state";
import { accessDenied, badRequest, GraphError, resourceNotFound, unsupportedQuery } from "./errors";
import { project } from "./odata/collection";
import { compileFilter } from "./odata/evaluate";
import { type Expansion, parseExpand } from "./odata/expand";
import { parseFilter } from "./odata/filter";
import { encodeKeysetToken, keysetStart, nextLink, skipToken } from "./odata/paging";
import { option, parseSelect, parseTop } from "./odata/query";
import type { ResourceShape } from "./odata/resource";
import { READ_CLOUD_LICENSING, READ_CLOUD_LICENSING_ITEM, type Requirement } from "./permissions";
import { assignmentErrorShape } from "./resources/assignment-error";
import { userShape } from "./resources/user";
import type { GraphCall, GraphRoute } from "./routing";
import type { GraphResult } from "./respond";
import { findUser } from "./users";

const NAVIGATIONS = { assignedTo: userShape };
const ADMIN_ERRORS = "admin/cloudLicensing/assignmentErrors";

/** The control API's switch: a tenant without the API refuses it (403) or lacks it (404). */
function refuseUnlessServed(state: EmulatorState): void {
  const mode = state.config.cloudLicensingApi;
  if (mode === "forbidden") throw accessDenied();
  if (mode === "notFound")
    throw new GraphError(
      404,
      "NotFound",
      "The cloud licensing API is not available in this tenant.",
    );
}

/** `#admin/cloudLicensing/assignmentErrors(id,code,assignedTo(id,displayName))` as OData writes it. */
function contextUrl(call: GraphCall, path: string, select?: string[], expand?: Expansion) {
  const parts = [...(select ?? [])];
  if (expand) parts.push(`${expand.property}(${(expand.select ?? []).join(",")})`);
  return `${call.serviceRoot}/$metadata#${path}${parts.length > 0 ? `(${parts.join(",")})` : ""}`;
}

/** The user an error belongs to, as the directoryObject `assignedTo` shows it. */
const assignedTo = (error: AssignmentError, select?: string[]) => ({
  "@odata.type": `#${userShape.odataType}`,
  ...project(userShape, error.user, select),
});

/** One error as Microsoft's examples show it, typed, with its assignee when expanded. */
function render(
  shape: ResourceShape<AssignmentError>,
  error: AssignmentError,
  select?: string[],
  expand?: Expansion,
) {
  const item: Record<string, unknown> = {
    "@odata.type": `#${shape.odataType}`,
    ...project(shape, error, select),
  };
  if (expand) item[expand.property] = assignedTo(error, expand.select);
  return item;
}

/** Its documentation names $select, $top, $expand and $filter; the directory's other options are refused. */
function rejectUndocumentedOptions(query: URLSearchParams): void {
  if (option(query, "$skip") !== undefined)
    throw badRequest("'$skip' is not supported by the service.");
  for (const name of ["$search", "$orderby", "$count"])
    if (option(query, name) !== undefined) throw unsupportedQuery("Unsupported Query.");
}

/** A page of errors: $filter (skuId), $select, $expand=assignedTo($select=…), $top and keyset paging. */
function listErrors(
  call: GraphCall,
  errors: readonly AssignmentError[],
  path: string,
): GraphResult {
  const { req } = call;
  rejectUndocumentedOptions(req.query);
  const shape = assignmentErrorShape(call.state.tenant);
  const select = parseSelect(req.query, shape);
  const expand = parseExpand(req.query, shape, NAVIGATIONS);
  const top = parseTop(req.query);
  const filterText = option(req.query, "$filter");
  const items =
    filterText === undefined
      ? errors
      : errors.filter(compileFilter(parseFilter(filterText), shape, false));
  const start = keysetStart(skipToken(req.query), items, (e) => e.id);
  const page = items.slice(start, start + top);
  const body: Record<string, unknown> = {
    "@odata.context": contextUrl(call, path, select, expand),
  };
  const last = page[page.length - 1];
  if (start + page.length < items.length && last !== undefined) {
    const origin = new URL(call.serviceRoot).origin;
    body["@odata.nextLink"] = nextLink(origin, req.path, req.query, encodeKeysetToken(last.id));
  }
  body["value"] = page.map((e) => render(shape, e, select, expand));
  return { status: 200, body };
}

function findError(call: GraphCall): AssignmentError {
  const id = call.params["errorId"]!.toLowerCase();
  const error = tenantAssignmentErrors(call.state.tenant).find((e) => e.id === id);
  if (!error) throw resourceNotFound(call.params["errorId"]!);
  return error;
}

/** A beta-only route behind the control API's switch. */
const cloudLicensingRoute = (
  pattern: string,
  requires: Requirement,
  handle: (call: GraphCall) => GraphResult,
): GraphRoute => ({
  method: "GET",
  pattern,
  versions: ["beta"],
  requires,
  handle: (call) => {
    refuseUnlessServed(call.state);
    return handle(call);
  },
});

/** Beta's `microsoft.graph.cloudLicensing` assignment errors: one per failing license assignment. */
export const cloudLicensingRoutes: GraphRoute[] = [
  cloudLicensingRoute("/admin/cloudLicensing/assignmentErrors", READ_CLOUD_LICENSING, (call) =>
    listErrors(call, tenantAssignmentErrors(call.state.tenant), ADMIN_ERRORS),
  ),
  cloudLicensingRoute(
    "/users/:id/cloudLicensing/assignmentErrors",
    READ_CLOUD_LICENSING,
    (call) => {
      const user = findUser(call.state.tenant, call.params["id"]!);
      const path = `users('${user.id}')/cloudLicensing/assignmentErrors`;
      return listErrors(call, userAssignmentErrors(call.state.tenant, user), path);
    },
  ),
  cloudLicensingRoute(
    "/admin/cloudLicensing/assignmentErrors/:errorId",
    READ_CLOUD_LICENSING_ITEM,
    (call) => {
      const { query } = call.req;
      const shape = assignmentErrorShape(call.state.tenant);
      const select = parseSelect(query, shape);
      const expand = parseExpand(query, shape, NAVIGATIONS);
      const error = findError(call);
      return {
        status: 200,
        body: {
          "@odata.context": `${contextUrl(call, ADMIN_ERRORS, select, expand)}/$entity`,
          ...render(shape, error, select, expand),
        },
      };
    },
  ),
  cloudLicensingRoute(
    "/admin/cloudLicensing/assignmentErrors/:errorId/assignedTo",
    READ_CLOUD_LICENSING_ITEM,
    (call) => {
      const select = parseSelect(call.req.query, userShape);
      const error = findError(call);
      return {
        status: 200,
        body: {
          "@odata.context": `${call.serviceRoot}/$metadata#directoryObjects/$entity`,
          ...assignedTo(error, select),
        },
      };
    },
  ),
];
