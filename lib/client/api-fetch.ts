import { type IPublicClientApplication, InteractionRequiredAuthError } from "@azure/msal-browser";
import type { z } from "zod";
import { apiErrorBodySchema, type ErrorCode } from "@/lib/api/errors";

/** An API call that did not succeed, with the code from the shared error table. */
export class ApiClientError extends Error {
  override name = "ApiClientError";

  constructor(
    readonly code: ErrorCode,
    /** 0 when the server could not be reached. */
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiFetchContext {
  msal: IPublicClientApplication;
  /** Scopes of the Licensedesk API token, e.g. `api://{id}/access_as_user`. */
  scopes: string[];
}

async function acquireApiToken({ msal, scopes }: ApiFetchContext): Promise<string> {
  const account = msal.getActiveAccount();
  if (!account) throw new ApiClientError("unauthorized", 401, "Sign in to continue.");
  try {
    return (await msal.acquireTokenSilent({ scopes, account })).accessToken;
  } catch (error) {
    if (!(error instanceof InteractionRequiredAuthError)) throw error;
    await msal.acquireTokenRedirect({ scopes, account });
    throw new ApiClientError("unauthorized", 401, "Your session expired; signing in again.");
  }
}

async function errorFrom(res: Response): Promise<ApiClientError> {
  const body = apiErrorBodySchema.safeParse(await res.json().catch(() => undefined));
  if (body.success)
    return new ApiClientError(body.data.error.code, res.status, body.data.error.message);
  return new ApiClientError("internal_error", res.status, `The server answered ${res.status}.`);
}

/** Calls the Licensedesk API with a fresh token, checks the status and validates the answer. */
export async function apiFetch<T>(
  context: ApiFetchContext,
  path: string,
  schema: z.ZodType<T>,
  init: RequestInit = {},
): Promise<T> {
  const token = await acquireApiToken(context);
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  headers.set("accept", "application/json");
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiClientError(
      "service_unavailable",
      0,
      "The Licensedesk server could not be reached.",
    );
  }
  if (!res.ok) throw await errorFrom(res);
  const body = schema.safeParse(await res.json().catch(() => undefined));
  if (!body.success) {
    throw new ApiClientError(
      "internal_error",
      res.status,
      "The server answered in an unexpected shape.",
    );
  }
  return body.data;
}
