// GET /api/seats – each subscription's prepaid, consumed and available seats and its users in error.
import { withAuth } from "@/lib/server/http/with-auth";
import { getSeats } from "@/lib/server/licensing/seats";

export const GET = withAuth({ access: "read" }, async ({ caller }) =>
  Response.json(await getSeats(caller)),
);
