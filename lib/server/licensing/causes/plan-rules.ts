import "server-only";

/**
 * Which service plans cannot share a user and which need another, as Microsoft has published it. Graph
 * exposes neither, so this table is the only place they come from; a rule with no Microsoft page does not
 * ship, and a cause no rule explains is reported as undetermined. Plans are keyed by servicePlanId, the same
 * in every tenant ("Product names and service plan identifiers for licensing").
 */

export const RULE_SOURCES = {
  resolveProblems: {
    title: "Microsoft Entra: Resolve group license assignment problems",
    url: "https://learn.microsoft.com/entra/identity/users/licensing-groups-resolve-problems",
  },
  exchangeArchiving: {
    title: "Exchange Online Archiving service description",
    url: "https://learn.microsoft.com/office365/servicedescriptions/exchange-online-archiving-service-description/exchange-online-archiving-service-description",
  },
} as const;

export type RuleSource = (typeof RULE_SOURCES)[keyof typeof RULE_SOURCES];

/** A service plan, by id, with its Microsoft name for readers of this table. */
interface PlanKey {
  id: string;
  name: string;
}

const PLAN = {
  exchangeS1: { id: "9aaf7827-d63c-4b61-89c3-182f06f82e5c", name: "EXCHANGE_S_STANDARD" },
  exchangeS2: { id: "efb87545-963c-4e0d-99df-69c6916d9eb0", name: "EXCHANGE_S_ENTERPRISE" },
  exchangeKiosk: { id: "4a82b400-a79f-41a4-b4e2-e94f5787b113", name: "EXCHANGE_S_DESKLESS" },
  archiveAddOn: { id: "176a09a6-7ec5-4039-ac02-b2791c6ba793", name: "EXCHANGE_S_ARCHIVE_ADDON" },
  skypeS2: { id: "0feaeb32-d00e-4d66-bd5a-43b5b83db82c", name: "MCOSTANDARD" },
  audioConferencing: { id: "3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40", name: "MCOMEETADV" },
} satisfies Record<string, PlanKey>;

const MAILBOX_PLANS = [PLAN.exchangeS1, PLAN.exchangeS2, PLAN.exchangeKiosk];

export interface ConflictRule {
  plans: readonly [PlanKey, PlanKey];
  source: RuleSource;
  /**
   * Microsoft has since allowed the pair on one user (the Exchange plans, January 2023, MC541151), so a
   * conflict between them is old news that a reprocess may clear.
   */
  reprocessMayClear: boolean;
}

export interface PrerequisiteRule {
  plan: PlanKey;
  /** The user needs at least one of these turned on. */
  anyOf: readonly PlanKey[];
  source: RuleSource;
}

const pairs = (plans: readonly PlanKey[]) =>
  plans.flatMap((a, i) => plans.slice(i + 1).map((b) => [a, b] as const));

export const CONFLICT_RULES: readonly ConflictRule[] = pairs(MAILBOX_PLANS).map((plans) => ({
  plans,
  source: RULE_SOURCES.resolveProblems,
  reprocessMayClear: true,
}));

export const PREREQUISITE_RULES: readonly PrerequisiteRule[] = [
  // "Exchange Online Archiving for Exchange Online" is sold as an add-on to an Exchange Online mailbox plan.
  { plan: PLAN.archiveAddOn, anyOf: MAILBOX_PLANS, source: RULE_SOURCES.exchangeArchiving },
  // The Entra page's own example: "Audio Conferencing is dependent on Skype for Business".
  { plan: PLAN.audioConferencing, anyOf: [PLAN.skypeS2], source: RULE_SOURCES.resolveProblems },
];

/** Plans that give the user a mailbox, the ones an address clash stops. */
export const MAILBOX_PLAN_IDS: ReadonlySet<string> = new Set(MAILBOX_PLANS.map((p) => p.id));
