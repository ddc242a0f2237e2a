import { describeFaultMatrix } from "./fault-matrix-cases";

describeFaultMatrix("usageLocation");
