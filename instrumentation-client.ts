// Runs in the browser before any of the app's own modules: settings every page needs from the start.
import { z } from "zod";

// Zod probes for eval (Function("")) when it builds an object schema; the CSP forbids eval, so no JIT.
z.config({ jitless: true });
