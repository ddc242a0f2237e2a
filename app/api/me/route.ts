// GET /api/me – who the bearer token says the caller is: name, UPN, app roles, directory roles, mode.
import { withAuth } from "@/lib/server/http/with-auth";
import { getMe } from "@/lib/server/me";

export const GET = withAuth(async ({ user }) => Response.json(await getMe(user)));
