/** A user as the tables show them: name, and the userPrincipalName under it. */
export function UserNameCell({
  displayName,
  userPrincipalName,
}: {
  displayName: string;
  userPrincipalName: string;
}) {
  return (
    <div className="min-w-0 leading-tight">
      <p className="truncate font-medium">{displayName}</p>
      <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{userPrincipalName}</p>
    </div>
  );
}
