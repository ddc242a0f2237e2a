// GET /api/me – who the bearer token says the caller is, what they may do, and the Graph mode.
import { withAuth } from "@/lib/server/http/with-auth";
import { getMe } from "@/lib/server/me";

export const GET = withAuth({ access: "signed-in" }, async ({ caller }) =>
  Response.json(await getMe(caller.user)),
);
