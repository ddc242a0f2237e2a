interface NamedUser {
  displayName: string;
  userPrincipalName: string;
}

const keys = new WeakMap<NamedUser, string>();

/**
 * The text a search looks in, lower-cased once per user object rather than on every keystroke:
 * name and userPrincipalName on two lines, so a search (one line) never matches across the two.
 */
export function userSearchKey(user: NamedUser): string {
  let key = keys.get(user);
  if (key === undefined) {
    key = `${user.displayName}\n${user.userPrincipalName}`.toLowerCase();
    keys.set(user, key);
  }
  return key;
}
