"use client";

import { useMe } from "@/lib/client/use-me";
import { ActionErrorMessage } from "@/components/errors/action-error-message";
import { ForbiddenScreen } from "./forbidden-screen";
import { Workspace } from "./workspace";

/** The signed-in home: the workspace for admins who may read, the 403 screen for everyone else. */
export function SignedInHome() {
  const me = useMe();
  if (me.isError) {
    return (
      <div className="py-10">
        <ActionErrorMessage error={me.error} what="Your profile could not be read" />
      </div>
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
