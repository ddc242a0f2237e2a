/** A Graph error a handler throws; the pipeline turns it into Graph's error body and headers. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const resourceNotFound = (id: string) =>
  new GraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const badRequest = (message: string) => new GraphError(400, "Request_BadRequest", message);

/** OData syntax Graph cannot parse, e.g. an unknown property in $select. */
export const odataError = (message: string) => new GraphError(400, "BadRequest", message);

export const unsupportedQuery = (message: string) =>
  new GraphError(400, "Request_UnsupportedQuery", message);

export const unsupportedFilterProperty = (property: string, resource: string) =>
  unsupportedQuery(
    `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource}'.`,
  );

export const invalidToken = (message: string) =>
  new GraphError(401, "InvalidAuthenticationToken", message, {
    "www-authenticate":
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  });

export const accessDenied = () =>
  new GraphError(
    403,
    "Authorization_RequestDenied",
    "Insufficient privileges to complete the operation.",
  );

export const methodNotAllowed = () =>
  new GraphError(
    405,
    "Request_BadRequest",
    "Specified HTTP method is not allowed for the request target.",
  );

export const segmentNotFound = (segment: string) =>
  badRequest(`Resource not found for the segment '${segment}'.`);
