// npm run history:verify [-- --anchor <seq>:<hash> ...] [--json]: checks every tenant's history chain.
// Exit 0: every chain intact. 1: tampering found. 2: could not verify (no database, an older schema, bad arguments).
import nextEnv from "@next/env";
import { parseHistoryVerifyArgs, runHistoryVerify } from "../lib/server/history/history-verify-cli";

nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
const args = parseHistoryVerifyArgs(process.argv.slice(2));
process.exitCode = await runHistoryVerify(args, (line) => console.log(line));
