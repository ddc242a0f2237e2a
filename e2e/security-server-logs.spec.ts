import { ACCOUNTS, pageApiToken, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { rowOf, waitForTheWholeList } from "./license-grid";
import { SERVER_LOGS, ServerLog } from "./support/server-logs";
import { findSecrets } from "./support/secret-scan";

const GABRIEL = "gabriel.petit@contoso.onmicrosoft.com";

test("what the servers log while an admin signs in, reprocesses and meets errors holds no token or secret", async ({
  page,
  request,
  emulator,
  serverLogs,
}) => {
  for (const log of Object.values(serverLogs)) {
    expect(log.captured, `${log.file} is written by this run's server`).toBe(true);
  }
  await emulator.updateConfig({ reprocessDelayMs: 300 });
  const gabriel = await emulator.user(GABRIEL);

  await test.step("Adele signs in and reprocesses Gabriel Petit from the grid", async () => {
    await signInOnTheEmulator(page, ACCOUNTS.adele);
    await waitForTheWholeList(page);
    await (await rowOf(page, "Gabriel Petit")).click();
    const panel = page.getByRole("dialog", { name: "Gabriel Petit" });
    await panel.getByRole("button", { name: "Reprocess" }).click();
    await expect(panel.getByRole("status").filter({ hasText: "Outcome" })).toBeVisible({
      timeout: 30_000,
    });
  });

  const authorization = await pageApiToken(page);
  await test.step("Graph fails the write with 500s until the app gives up", async () => {
    await emulator.injectGraphFault({
      path: `/users/${gabriel.id}/reprocessLicenseAssignment`,
      status: 500,
      times: 20,
    });
    const answer = await request.post(`/api/users/${gabriel.id}/reprocess`, {
      headers: { authorization },
    });
    expect(answer.status()).toBeGreaterThanOrEqual(500);
    await emulator.clearGraphFaults();
  });

  const freshApiToken = (await emulator.mint({ kind: "api", user: ACCOUNTS.adele })).token;
  await test.step("Entra refuses the on-behalf-of exchange of a token the app has not seen", async () => {
    await emulator.injectIdentityFaults({
      onBehalfOf: { error: "temporarily_unavailable", status: 503, times: 5 },
    });
    const answer = await request.post(`/api/users/${gabriel.id}/reprocess`, {
      headers: { authorization: `Bearer ${freshApiToken}` },
    });
    expect(answer.status()).toBeGreaterThanOrEqual(500);
    await emulator.clearIdentityFaults();
  });

  const graphToken = (await emulator.mint({ kind: "graph", user: ACCOUNTS.adele })).token;
  await test.step("tokens the API must refuse: a Graph token, a forged one, a malformed one", async () => {
    for (const token of [graphToken, `${graphToken.slice(0, -8)}AAAAAAAA`, "eyJ.not-a-token"]) {
      const answer = await request.get("/api/me", {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(answer.status()).toBe(401);
    }
  });

  await test.step("the app logged the failures, and no log line holds a token or a secret", async () => {
    // The failures reached the log this test reads, so an empty scan means a clean log.
    const logged = await serverLogs.app.read();
    expect(logged).toContain("[graph] POST");
    expect(logged).toContain("[graph-token]");
    const { apps } = await emulator.tenant();
    const secrets = {
      "API client secret": apps.api?.clientSecret ?? "",
      "daemon client secret": apps.daemon?.clientSecret ?? "",
      "Adele's API token": authorization.replace(/^Bearer /, ""),
      "a minted API token": freshApiToken,
      "a Graph token": graphToken,
    };
    const findings = [];
    for (const file of Object.values(SERVER_LOGS)) {
      const text = await (await ServerLog.whole(file)).read();
      findings.push(...findSecrets(file, text, secrets));
    }
    expect(findings).toEqual([]);
  });
});
