import "server-only";
import { startServerWorkers } from "../process/server-workers";

// Run by the crash-loop tests as the app server's job side: the workers as instrumentation.ts starts them,
// with the same signal handling, on the database and emulator the environment names.
startServerWorkers();
