import type { Reply } from "../http/types";
import { DIRECTORY_ROLES, type AppRegistration, type Tenant, type User } from "../tenant/model";
import { escapeHtml, htmlReply } from "./html";

export interface SignInProblem {
  /** What the user reads first. */
  summary: string;
  /** The `AADSTSnnnnn: ...` line, as Entra shows under "More details". */
  detail?: string;
}

export interface SignInPageInput {
  tenant: Tenant;
  client: AppRegistration;
  /** The pending sign-in's id; the only thing the form carries. */
  pendingId: string;
  /** Where the form posts, e.g. `/{tenant}/login`. */
  action: string;
  /** The redirect URI's origin the successful sign-in is sent on to. */
  redirectOrigin: string;
  username?: string;
  problem?: SignInProblem;
}

const roleNames = (user: User): string[] => {
  const byId = new Map<string, string>(
    Object.entries(DIRECTORY_ROLES).map(([name, id]) => [id, name]),
  );
  const directory = user.directoryRoleIds.flatMap((id) => byId.get(id) ?? []);
  return [...directory, ...Object.values(user.appRoleAssignments).flat()];
};

function accountList(input: SignInPageInput): string {
  const accounts = input.tenant.users.filter((u) => u.listedForSignIn && u.accountEnabled);
  if (accounts.length === 0) return "";
  const items = accounts
    .map((u) => {
      const roles = roleNames(u);
      return `<li><button class="account" type="submit" name="pick" value="${escapeHtml(u.userPrincipalName)}" data-testid="account-${escapeHtml(u.userPrincipalName)}">
<span class="name">${escapeHtml(u.displayName)}</span>
<span class="upn">${escapeHtml(u.userPrincipalName)}</span>
${roles.length > 0 ? `<span class="roles">${escapeHtml(roles.join(" · "))}</span>` : ""}
</button></li>`;
    })
    .join("\n");
  return `<section aria-labelledby="accounts-title">
<h2 id="accounts-title">Pick a demo account</h2>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="ctx" value="${escapeHtml(input.pendingId)}">
<ul>
${items}
</ul>
</form>
</section>`;
}

/** The emulator's sign-in page: a username and password form and the tenant's demo accounts. */
export function signInPage(input: SignInPageInput): Reply {
  const { problem } = input;
  const username = input.username ?? "";
  const focusPassword = username.length > 0 && !problem;
  const alert = problem
    ? `<div id="sign-in-error" role="alert" class="error"><p>${escapeHtml(problem.summary)}</p>${problem.detail ? `<p class="details">${escapeHtml(problem.detail)}</p>` : ""}</div>`
    : "";
  const invalid = problem ? ' aria-invalid="true" aria-describedby="sign-in-error"' : "";
  return htmlReply({
    title: "Sign in to your account",
    formAction: [input.redirectOrigin],
    body: `<main aria-labelledby="title">
<p class="tenant">${escapeHtml(input.tenant.displayName)}</p>
<p class="notice">Microsoft Entra ID emulator: local test accounts only.</p>
<h1 id="title">Sign in</h1>
<p class="client">to continue to ${escapeHtml(input.client.displayName)}</p>
${alert}
<form method="post" action="${escapeHtml(input.action)}" novalidate>
<input type="hidden" name="ctx" value="${escapeHtml(input.pendingId)}">
<label for="login">Username</label>
<input id="login" name="login" type="text" inputmode="email" autocomplete="username" autocapitalize="off" spellcheck="false" value="${escapeHtml(username)}"${invalid}${focusPassword ? "" : " autofocus"}>
<label for="passwd">Password</label>
<input id="passwd" name="passwd" type="password" autocomplete="current-password"${focusPassword ? " autofocus" : ""}>
<button class="primary" type="submit">Sign in</button>
</form>
${accountList(input)}
</main>`,
  });
}
