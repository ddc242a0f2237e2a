import { formatDateTime } from "@/components/format/date-time";
import type { AssignmentCause, NamedCause } from "@/lib/api/license-causes";
import { countryLabel } from "@/lib/client/countries";
import { AddressHolders } from "./address-holders";
import { LicenseRefView } from "./license-ref";
import { SeatCounts } from "./seat-counts";

function RuleSource({ source }: { source: { title: string; url: string } }) {
  return (
    <p className="text-xs text-zinc-600 dark:text-zinc-400">
      Rule from{" "}
      <a
        className="underline underline-offset-2"
        href={source.url}
        target="_blank"
        rel="noreferrer"
      >
        {source.title}
      </a>
    </p>
  );
}

function CauseBody({ cause }: { cause: NamedCause }) {
  switch (cause.kind) {
    case "conflict":
      return (
        <div className="space-y-2">
          <div className="grid gap-2 sm:grid-cols-2">
            <LicenseRefView license={cause.failing} label="Cannot turn on" />
            {cause.with.map((other) => (
              <LicenseRefView
                key={`${other.product.skuId}:${other.source.groupId ?? "direct"}:${other.plan.servicePlanId}`}
                license={other}
                label="Conflicts with"
              />
            ))}
          </div>
          {cause.reprocessMayClear && (
            <p className="rounded-md bg-sky-50 p-2 text-sky-900 dark:bg-sky-950/50 dark:text-sky-200">
              Microsoft has allowed these plans on one user since January 2023: reprocess first, and
              change licenses only if the error stays.
            </p>
          )}
          <RuleSource source={cause.source} />
        </div>
      );
    case "missingPrerequisite":
      return (
        <div className="space-y-2">
          <LicenseRefView license={cause.failing} label="Needs another plan" />
          <p>
            Needs one of: <strong>{cause.needsAnyOf.map((p) => p.name).join(", ")}</strong>
          </p>
          {cause.blockedBy && (
            <p className="text-zinc-700 dark:text-zinc-300">
              {cause.blockedBy.product.name}
              {cause.blockedBy.source.groupName
                ? ` (from ${cause.blockedBy.source.groupName})`
                : ""}{" "}
              would bring {cause.blockedBy.plan.name}, but it is failing itself (
              {cause.blockedBy.error}).
            </p>
          )}
          {cause.providers.length > 0 ? (
            <div>
              <p className="font-medium">Products in this tenant that include it</p>
              <ul className="list-inside list-disc">
                {cause.providers.map((p) => (
                  <li key={p.product.skuId}>
                    {p.product.name}: {p.available > 0 ? `${p.available} free` : "no free seats"}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p>No product this tenant subscribes to includes it.</p>
          )}
          <RuleSource source={cause.source} />
        </div>
      );
    case "usageLocation":
      return (
        <p>
          {cause.usageLocation
            ? `${cause.product.name} is not available in ${countryLabel(cause.usageLocation)}, the user's usage location.`
            : `The user has no usage location, so ${cause.product.name} cannot be assigned.`}
        </p>
      );
    case "duplicateAddress":
      return <AddressHolders cause={cause} />;
    case "seats":
      return (
        <div className="space-y-2">
          <p>
            {cause.available > 0
              ? `${cause.available} ${cause.product.name} licenses are free now: a reprocess should assign one.`
              : `All ${cause.prepaid} ${cause.product.name} licenses are taken (${cause.consumed} in use).`}
          </p>
          <SeatCounts seats={cause} />
        </div>
      );
    case "noSubscription":
      return <p>The tenant has no subscription to {cause.product.name}.</p>;
    case "undetermined":
      return (
        <div className="space-y-1">
          <p>Licensedesk could not determine the cause. {cause.reason}</p>
          {cause.microsoftMessage && (
            <blockquote className="border-l-2 border-zinc-300 pl-2 text-zinc-700 dark:border-zinc-700 dark:text-zinc-300">
              Microsoft says: {cause.microsoftMessage}
            </blockquote>
          )}
          {cause.occurredAt && (
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              Error recorded {formatDateTime(cause.occurredAt)}
            </p>
          )}
        </div>
      );
  }
}

/** The named cause of one failing assignment, and the ways to fix it with what each takes away. */
export function NamedCauseView({ named }: { named: AssignmentCause }) {
  return (
    <div className="space-y-3 text-sm" data-cause={named.cause.kind}>
      {named.viaSibling && (
        <p className="text-zinc-700 dark:text-zinc-300">
          This group&apos;s licenses are assigned together, and {named.viaSibling.name} could not
          be:
        </p>
      )}
      <CauseBody cause={named.cause} />
      <div>
        <p className="font-medium">Fix</p>
        <ul className="space-y-1">
          {named.fixes.map((fix) => (
            <li key={fix.key} className="text-zinc-700 dark:text-zinc-300">
              {fix.text}
              {fix.scope === "group" && (
                <span className="text-amber-800 dark:text-amber-300">
                  {" "}
                  Changes every member of the group.
                </span>
              )}
              {fix.takesAway.length > 0 && (
                <span className="text-zinc-600 dark:text-zinc-400">
                  {" "}
                  The user loses {fix.takesAway.map((p) => p.name).join(", ")}.
                </span>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
