import "server-only";

/** A license error the watch saw appear. */
export interface SeenError {
  userId: string;
  upn: string;
  displayName: string;
  skuId: string;
  productName: string;
  /** The group's id, or "direct". */
  source: string;
  groupName: string | null;
  code: string;
  /** When Graph last changed the failing assignment: the only "since when" it gives. */
  since: string | null;
}

interface Count {
  name: string;
  count: number;
  url: string | null;
}

/** What a notification says: new errors counted per code, product and group, with links into Licensedesk. */
export interface Digest {
  type: "licensedesk.watch.digest";
  version: 1;
  changeKey: string;
  detectedAt: string;
  test: boolean;
  appeared: { total: number; byCode: Count[]; byProduct: Count[]; byGroup: Count[] };
  cleared: { total: number };
  gridUrl: string | null;
  historyUrl: string | null;
}

// Beyond these, a digest says "and N more": a Teams card must stay under its 28 KB limit.
const TOP = 10;
const DIRECT = "Direct assignment";

function countBy(errors: SeenError[], keyOf: (e: SeenError) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const e of errors) counts.set(keyOf(e), (counts.get(keyOf(e)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** A link into Licensedesk, or null when it does not know its own public address. */
const link = (base: string | null, path: string, params: [string, string][]) => {
  if (!base) return null;
  const url = new URL(path, base);
  for (const [name, value] of params) url.searchParams.append(name, value);
  return url.toString();
};

/** The digest of one watch run's changes; the grid's filters are its URL's (code, product name, group name). */
export function digestOf({
  changeKey,
  detectedAt,
  appeared,
  cleared,
  publicUrl,
  window,
}: {
  changeKey: string;
  detectedAt: number;
  appeared: SeenError[];
  cleared: number;
  publicUrl: string | null;
  /** The run's start and end, for the exact list on the history page. */
  window: { from: number; to: number };
}): Digest {
  const top = (pairs: [string, number][], param: string) =>
    pairs
      .slice(0, TOP)
      .map(([name, count]) => ({ name, count, url: link(publicUrl, "/", [[param, name]]) }));
  const codes = countBy(appeared, (e) => e.code);
  const products = countBy(appeared, (e) => e.productName);
  const groups = countBy(appeared, (e) => e.groupName ?? DIRECT);
  return {
    type: "licensedesk.watch.digest",
    version: 1,
    changeKey,
    detectedAt: new Date(detectedAt).toISOString(),
    test: false,
    appeared: {
      total: appeared.length,
      byCode: top(codes, "code"),
      byProduct: top(products, "product"),
      byGroup: top(groups, "group"),
    },
    cleared: { total: cleared },
    gridUrl: link(publicUrl, "/", [
      ...codes.map(([c]): [string, string] => ["code", c]),
      ...products.map(([p]): [string, string] => ["product", p]),
    ]),
    historyUrl: link(publicUrl, "/history", [
      ["action", "error.appeared"],
      ["from", new Date(window.from).toISOString()],
      ["to", new Date(window.to + 1).toISOString()],
    ]),
  };
}

/** A message that only proves the webhook works. */
export const testDigest = (publicUrl: string | null, now: number): Digest => ({
  ...digestOf({
    changeKey: `test:${now}`,
    detectedAt: now,
    appeared: [],
    cleared: 0,
    publicUrl,
    window: { from: now, to: now },
  }),
  test: true,
});

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The title line of a digest. */
export const digestTitle = (digest: Digest) =>
  digest.test ? "Test from Licensedesk" : `${plural(digest.appeared.total, "new license error")}`;

/** Microsoft Teams (a Workflows webhook): the digest as an Adaptive Card in a message. */
export function teamsMessage(digest: Digest) {
  const facts = (heading: string, counts: Count[]) =>
    counts.length === 0
      ? []
      : [
          { type: "TextBlock", text: heading, weight: "Bolder", wrap: true },
          {
            type: "FactSet",
            facts: counts.map((c) => ({ title: c.name, value: String(c.count) })),
          },
        ];
  const actions = [
    ...(digest.gridUrl
      ? [{ type: "Action.OpenUrl", title: "Open in Licensedesk", url: digest.gridUrl }]
      : []),
    ...(digest.historyUrl && !digest.test
      ? [{ type: "Action.OpenUrl", title: "See them in the history", url: digest.historyUrl }]
      : []),
  ];
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.2",
          body: [
            {
              type: "TextBlock",
              text: digestTitle(digest),
              weight: "Bolder",
              size: "Medium",
              wrap: true,
            },
            {
              type: "TextBlock",
              text: digest.test
                ? "Licensedesk can post to this channel."
                : `Found ${digest.detectedAt.slice(0, 16).replace("T", " ")} UTC; ${plural(digest.cleared.total, "error")} cleared since the last check.`,
              wrap: true,
            },
            ...facts("By error", digest.appeared.byCode),
            ...facts("By product", digest.appeared.byProduct),
            ...facts("By group", digest.appeared.byGroup),
          ],
          actions,
        },
      },
    ],
  };
}
