"use client";

import { useMe } from "@/lib/client/use-me";
import { ForbiddenScreen } from "./forbidden-screen";
import { Workspace } from "./workspace";

/** The signed-in home: the workspace for admins who may read, the 403 screen for everyone else. */
export function SignedInHome() {
  const me = useMe();
  if (me.isError) {
    return (
      <p role="alert" className="py-10 text-sm text-red-700 dark:text-red-400">
        {me.error.message}
      </p>
    );
  }
  if (!me.isSuccess) {
    return (
      <p role="status" className="py-10 text-sm text-zinc-600 dark:text-zinc-400">
        Loading your profile…
      </p>
    );
  }
  return me.data.canRead ? <Workspace me={me.data} /> : <ForbiddenScreen me={me.data} />;
}
