import { cloudLicensingRoutes } from "./cloud-licensing";
import { contactRoutes } from "./contacts";
import { groupRoutes } from "./groups";
import { GraphRouter } from "./routing";
import { skuRoutes } from "./skus";
import { userRoutes } from "./users";

/** Every Graph route the emulator serves (paths below the version; each names its versions). */
export const graphRouter = new GraphRouter([
  ...userRoutes,
  ...groupRoutes,
  ...contactRoutes,
  ...skuRoutes,
  ...cloudLicensingRoutes,
]);
