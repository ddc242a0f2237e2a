// GET /api/users/{id}/license-causes – why each of the user's failing licenses fails, and the fixes.
import { getUserLicenseCausesParamsSchema } from "@/lib/api/license-causes";
import { withAuth } from "@/lib/server/http/with-auth";
import { getUserLicenseCauses } from "@/lib/server/licensing/causes/user-license-causes";

export const GET = withAuth(
  { access: "read", params: getUserLicenseCausesParamsSchema },
  async ({ caller, params }) => Response.json(await getUserLicenseCauses(caller, params.id)),
);
