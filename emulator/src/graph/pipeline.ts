import type { EmulatorRequest, Reply } from "../http/types";
import type { EmulatorState } from "../state";

/** Authenticates, throttles and routes one Graph request. */
export async function handleGraph(req: EmulatorRequest, _state: EmulatorState): Promise<Reply> {
  return {
    status: 404,
    body: { error: { code: "Request_BadRequest", message: `No route for ${req.path}` } },
  };
}
