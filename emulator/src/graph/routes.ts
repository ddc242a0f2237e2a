import { groupRoutes } from "./groups";
import { GraphRouter } from "./routing";
import { skuRoutes } from "./skus";
import { userRoutes } from "./users";

/** Every Graph v1.0 route the emulator serves (paths below the version). */
export const graphRouter = new GraphRouter([...userRoutes, ...groupRoutes, ...skuRoutes]);
